// kubectl monitor targets [--config FILE | --configmap NS/NAME[:KEY] | --secret NS/NAME[:KEY]] [--why OBJECT]
// What Prometheus will scrape from this cluster: discovery, relabelling and target handling, per job.

import {readFileSync} from 'node:fs';
import {Flags} from '@oclif/core';
import {InputError, UsageError} from '../../src/errors.ts';
import {loadClusterState, resolvePrometheusConfig} from '../../src/prometheus/cluster-state.ts';
import {parseFileSd} from '../../src/prometheus/config/file-sd.ts';
import type {TargetGroup} from '../../src/prometheus/discovery/index.ts';
import {computeTargets, type TargetsResult} from '../../src/prometheus/targets.ts';
import {renderTargets, renderWhy} from '../../src/prometheus/targets-text.ts';
import {NEWEST_KNOWN, formatVersion, parsePrometheusVersion, relabelSemantics, type PrometheusVersion} from '../../src/prometheus/version.ts';
import {explainWhy, parseWhySubject, type WhyAnswer} from '../../src/prometheus/why.ts';
import type {PrometheusServer} from '../../src/prometheus/config/sources.ts';
import type {MonitorExplanation} from '../../src/prometheus/operator/explain.ts';
import {writeJsonByLine} from '../../src/output/json-by-line.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';

export const configFlags = {
  config: Flags.string({helpGroup: 'CONFIG', description: 'The Prometheus configuration file (prometheus.yml).'}),
  configmap: Flags.string({helpGroup: 'CONFIG', description: 'Read the configuration from a ConfigMap key: NS/NAME[:KEY].'}),
  secret: Flags.string({helpGroup: 'CONFIG', description: 'Read the configuration from a Secret key: NS/NAME[:KEY] (the Operator\'s gzip-compressed secret too).'}),
  'prometheus-version': Flags.string({helpGroup: 'CONFIG', description: `Prometheus version whose semantics to follow (X.Y; default: the cluster's Prometheus, else ${formatVersion(NEWEST_KNOWN)}).`}),
};

/** The version: the flag, else the image tag of the Prometheus found, else the newest known. */
export function chooseVersion(flag: string | undefined, servers: PrometheusServer[]): {version: PrometheusVersion; from: string} {
  if (flag) return {version: parsePrometheusVersion(flag), from: '--prometheus-version'};
  for (const server of servers) {
    if (!server.imageTag) continue;
    try {
      return {version: parsePrometheusVersion(server.imageTag), from: `${server.kind} ${server.namespace}/${server.name}`};
    } catch {
      // A tag such as "latest" says nothing; go on.
    }
  }
  return {version: NEWEST_KNOWN, from: 'newest known'};
}

export function readConfigFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, {file: path});
  }
}

export default class MonitorTargets extends SleuthCommand {
  static override summary = 'Which targets Prometheus will scrape from this cluster, which it drops and by which rule.';
  static override description = [
    'Simulates Prometheus\'s Kubernetes service discovery (roles node, pod, service, endpoints, endpointslice, ingress),',
    'static_configs and given file_sd files, then the relabel rules and target handling of the chosen Prometheus version.',
    'The configuration comes from --config, --configmap, --secret, or the Prometheus server found in the cluster.',
    '--why POD (NS/POD, svc/NAME, node/NAME) tells, job by job, why an object is or is not scraped.',
  ].join('\n');

  static override examples = [
    'kubectl monitor targets -f examples/prometheus/',
    'kubectl monitor targets --configmap monitoring/prometheus-server:prometheus.yml -o json',
    'kubectl monitor targets -f examples/prometheus/ --why apps/payments-7c6b5d4f8-k8l2m',
  ];

  static override flags = {
    ...configFlags,
    job: Flags.string({helpGroup: 'CONFIG', multiple: true, description: 'Only this scrape job (repeatable).'}),
    'file-sd': Flags.string({helpGroup: 'CONFIG', multiple: true, description: 'A file named in file_sd_configs, read from this path (repeatable).'}),
    monitor: Flags.string({helpGroup: 'OUTPUT', description: 'Explain a Prometheus Operator resource: servicemonitor/NS/NAME, podmonitor/NS/NAME, probe/NS/NAME or scrapeconfig/NS/NAME (who selects it, what it matches, its targets).'}),
    why: Flags.string({helpGroup: 'OUTPUT', description: 'Explain why this object is (not) scraped: POD, NS/POD, svc/NAME or node/NAME.'}),
    probe: Flags.boolean({helpGroup: 'PROBE', description: 'Scrape every active target once, as its job would, and report health (exit 1 if any is down).'}),
    direct: Flags.boolean({helpGroup: 'PROBE', description: 'With --probe: connect to targets directly instead of through the API server\'s proxy.'}),
    concurrency: Flags.integer({helpGroup: 'PROBE', description: 'With --probe: how many scrapes at once.', default: 20}),
    prometheus: Flags.string({helpGroup: 'PROBE', description: 'Compare with a running Prometheus: its URL, or svc/NAME[:PORT] (NS/svc/NAME[:PORT]) through the API server proxy.'}),
  };

  async run(): Promise<TargetsResult | WhyAnswer | MonitorExplanation> {
    const {flags} = await this.parse(MonitorTargets);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const chosen = [flags.config, flags.configmap, flags.secret].filter((x) => x !== undefined);
    if (chosen.length > 1) throw new UsageError('give at most one of --config, --configmap and --secret');
    const source = await this.openSource(common);
    const state = await loadClusterState(source);
    const {version} = chooseVersion(flags['prometheus-version'], state.servers);
    if (flags.monitor !== undefined) {
      const {explainMonitor} = await import('../../src/prometheus/operator/explain.ts');
      const {parseMonitorReference} = await import('../../src/prometheus/operator/reference.ts');
      const {renderMonitorExplanation} = await import('../../src/prometheus/operator/render.ts');
      const reference = parseMonitorReference(flags.monitor);
      const namespace = reference.namespace ?? common.namespace ?? source.defaultNamespace;
      const monitor = state.objects.find((o) => o.kind === reference.kind && o.metadata.namespace === namespace && o.metadata.name === reference.name);
      if (!monitor) throw new InputError(`${reference.kind} ${namespace}/${reference.name} not found in ${source.description}`);
      const explanation = explainMonitor(monitor, state.objects, state.discovery, version);
      if (explanation.problems.length > 0) this.found();
      return this.emit(explanation, common, (out) => out.print(renderMonitorExplanation(explanation, reference.kind, out.palette)));
    }
    const semantics = relabelSemantics(version);
    const {config, server} = await resolvePrometheusConfig(
      {config: flags.config, configText: flags.config === undefined ? undefined : readConfigFile(flags.config), configmap: flags.configmap, secret: flags.secret},
      source, state, semantics, common.namespace ?? source.defaultNamespace,
    );
    const fileSd = new Map<string, TargetGroup[]>();
    for (const path of flags['file-sd'] ?? []) {
      const groups = parseFileSd(readConfigFile(path), path);
      // A config names files as Prometheus sees them; match a given path by its full name or its base name.
      const named = config.jobs.flatMap((j) => j.fileSdFiles).find((f) => f === path || f.split('/').pop() === path.split('/').pop()) ?? path;
      fileSd.set(named, groups.map((g) => ({...g, source: g.source.replace(path, named), labels: {...g.labels, __meta_filepath: named}})));
    }
    if (flags.job) {
      for (const name of flags.job) if (!config.jobs.some((j) => j.name === name)) throw new UsageError(`no scrape job ${JSON.stringify(name)} in ${config.origin}`, {hint: `jobs: ${config.jobs.map((j) => j.name).join(', ')}`});
    }
    const ownNamespace = server?.namespace;
    const result = computeTargets(config, state.discovery, {version, ownNamespace, fileSd, jobs: flags.job});
    for (const warning of [...source.warnings, ...result.warnings]) this.warnLine(warning);
    if (flags.why !== undefined) {
      const subject = parseWhySubject(flags.why, common.namespace ?? source.defaultNamespace);
      const answer = explainWhy(subject, config, result, state.discovery, version, ownNamespace);
      if (!answer.scraped) this.found();
      return this.emit(answer, common, (out) => out.print(renderWhy(answer, out.palette)));
    }
    if (flags.probe) {
      if (flags.concurrency < 1) throw new UsageError('--concurrency must be at least 1');
      const {probeActiveTargets} = await import('./probe-run.ts');
      await probeActiveTargets(result, config, source, {direct: flags.direct, concurrency: flags.concurrency});
      if (result.activeTargets.some((t) => t.health === 'down')) this.found();
    }
    if (flags.prometheus !== undefined) {
      const {fetchPrometheusTargets} = await import('./prometheus-api.ts');
      const {compareWithPrometheus} = await import('../../src/prometheus/compare.ts');
      const {api, where} = await fetchPrometheusTargets(flags.prometheus, source, common.namespace ?? server?.namespace ?? source.defaultNamespace);
      result.comparison = compareWithPrometheus(result, api, where);
      const c = result.comparison;
      if (c.onlyInPrometheus.length + c.onlyInSimulation.length + c.dropped.length + c.down.length > 0) this.found();
    }
    if (this.outputFormat(common).kind === 'json') {
      writeTargetsJson(result);
      return result;
    }
    const comparisonText = result.comparison ? (await import('../../src/prometheus/compare.ts')).renderComparison(result.comparison) : undefined;
    return this.emit(result, common, (out) => {
      const text = renderTargets(result, config, out);
      if (text !== '') out.print(text);
      if (comparisonText) out.print(`\n${comparisonText}`);
    });
  }
}

/** `-o json` for tens of thousands of targets: one target per line, written in chunks. */
function writeTargetsJson(result: TargetsResult): void {
  writeJsonByLine(result, (chunk) => {
    process.stdout.write(chunk);
    // Nothing queued: the stream wrote the chunk synchronously (files, pipes and terminals on Linux).
    return process.stdout.writableLength === 0;
  });
}
