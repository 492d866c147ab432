// kubectl monitor relabel -r RULES (--labels FILE|- | --label name=value...) [--target] [--job NAME] [--metric]
// kubectl monitor relabel --servicemonitor NS/NAME | --podmonitor NS/NAME ...

import {readFileSync} from 'node:fs';
import {Flags} from '@oclif/core';
import {ClusterError, InputError, UsageError} from '../../src/errors.ts';
import type {Labels} from '../../src/prometheus/labels.ts';
import {parseLabelPairs, parseLabelSets} from '../../src/prometheus/label-input.ts';
import {runRelabel, type RelabelRunReport} from '../../src/prometheus/relabel-run.ts';
import {renderRelabelTrace} from '../../src/prometheus/relabel-text.ts';
import {loadRuleFile, rulesFromMonitorObject, type RuleSet} from '../../src/prometheus/rule-sources.ts';
import {defaultJob} from '../../src/prometheus/target.ts';
import {NEWEST_KNOWN, formatVersion, parsePrometheusVersion, relabelSemantics, type PrometheusVersion, type RelabelSemantics} from '../../src/prometheus/version.ts';
import type {KubeObject, ListRequest, ResourceType, Source} from '../../src/cluster/types.ts';
import {findPrometheusServers} from '../../src/prometheus/config/sources.ts';
import {SleuthCommand} from '../base.ts';
import {chooseVersion} from './targets.ts';
import type {CommonFlagValues} from '../common-flags.ts';

export default class MonitorRelabel extends SleuthCommand {
  static override summary = 'Dry-run Prometheus relabel rules on label sets, step by step, with Prometheus\'s exact semantics.';
  static override description = [
    'Rules: -r FILE with a YAML list of relabel configs, a mapping with relabel_configs, or a whole Prometheus config',
    '(pick the job with --job; --metric takes metric_relabel_configs), or --servicemonitor/--podmonitor NS/NAME',
    '(relabelings, or metricRelabelings with --metric) read from the cluster or the -f manifests.',
    'Label sets: --labels FILE (JSON or YAML, one map or a list; - for stdin) and/or --label name=value.',
    '--target also applies Prometheus\'s target handling: the job\'s defaults before the rules; after them the',
    'default port (2.x), instance, removal of __ labels, and the checks that make Prometheus refuse a target.',
  ].join('\n');

  static override examples = [
    'kubectl monitor relabel -r rules.yaml --label __meta_kubernetes_pod_name=web-0 --label __address__=10.0.0.5',
    'kubectl monitor relabel -r prometheus.yml --job kubernetes-pods --target --labels pods.json -o json --no-steps',
    'kubectl monitor relabel --servicemonitor shop/api --labels discovered.yaml --prometheus-version 2.42',
  ];

  static override flags = {
    rules: Flags.string({char: 'r', helpGroup: 'RULES', description: 'Relabel rules: a list, a relabel_configs mapping, or a Prometheus config.'}),
    job: Flags.string({helpGroup: 'RULES', description: 'The scrape job (job_name) of a whole Prometheus config; with --target, the job label.'}),
    metric: Flags.boolean({helpGroup: 'RULES', description: 'Use metric_relabel_configs (metricRelabelings) instead.'}),
    servicemonitor: Flags.string({helpGroup: 'RULES', description: 'Take the relabelings of this ServiceMonitor (NS/NAME).'}),
    podmonitor: Flags.string({helpGroup: 'RULES', description: 'Take the relabelings of this PodMonitor (NS/NAME).'}),
    endpoint: Flags.integer({helpGroup: 'RULES', description: 'Which endpoint of the ServiceMonitor/PodMonitor (default 0).', default: 0}),
    labels: Flags.string({helpGroup: 'INPUT', description: 'Label sets: JSON or YAML, one map or a list of maps (or the JSON of /api/v1/targets: its discoveredLabels); - reads stdin.'}),
    label: Flags.string({helpGroup: 'INPUT', multiple: true, description: 'A label of one more label set, name=value; repeatable.'}),
    target: Flags.boolean({helpGroup: 'RULES', description: 'Apply Prometheus\'s target handling around the rules.'}),
    'no-steps': Flags.boolean({helpGroup: 'OUTPUT', description: 'Leave the per-rule steps out (for bulk runs).'}),
    'prometheus-version': Flags.string({helpGroup: 'RULES', description: [
      'Prometheus version whose semantics to follow (X.Y). Default: with -f, --servicemonitor or --podmonitor, the version of the',
      `Prometheus found there (the Operator's spec.version, the server's image tag), as \`monitor targets\` picks it; else ${formatVersion(NEWEST_KNOWN)}.`,
      '-r FILE without -f never connects to a cluster just for the version.',
    ].join(' ')}),
  };

  async run(): Promise<RelabelRunReport> {
    const {flags} = await this.parse(MonitorRelabel);
    const common = flags as unknown as CommonFlagValues;
    const format = this.outputFormat(common, false);
    const ruleSet = await this.loadRules(flags, common);
    const semantics = ruleSet.semantics;
    const inputs = await this.readInputs(flags);
    const target = flags.target ? (ruleSet.job ?? defaultJob(flags.job ?? 'relabel')) : undefined;
    if (flags.target && ruleSet.job && flags.job === undefined && !ruleSet.job.jobName) ruleSet.job.jobName = 'relabel';
    const report = runRelabel(inputs, ruleSet.rules, {semantics, steps: !flags['no-steps'], target});
    if (format.kind === 'json') {
      writeJsonReport(report);
      return report;
    }
    return this.emit(report, common, (out) => {
      if (ruleSet.rules.length === 0) out.warn(`no rules in ${ruleSet.origin}: label sets pass through unchanged`);
      out.print(renderRelabelTrace(report, ruleSet.rules, out.palette));
    });
  }

  /** The rules, and the version they follow: the flag, else the cluster's Prometheus (with -f or a monitor read), else the newest. */
  private async loadRules(
    flags: {rules?: string; job?: string; metric: boolean; servicemonitor?: string; podmonitor?: string; endpoint: number; 'prometheus-version'?: string},
    common: CommonFlagValues,
  ): Promise<RuleSet & {semantics: RelabelSemantics}> {
    const sources = [flags.rules, flags.servicemonitor, flags.podmonitor].filter((x) => x !== undefined);
    if (sources.length !== 1) {
      throw new UsageError('give exactly one of -r/--rules FILE, --servicemonitor NS/NAME or --podmonitor NS/NAME', {hint: 'kubectl monitor relabel -r rules.yaml --label a=b'});
    }
    const flagVersion = flags['prometheus-version'] ? parsePrometheusVersion(flags['prometheus-version']) : undefined;
    const selection = {job: flags.job, metric: flags.metric, endpoint: flags.endpoint};
    if (flags.rules) {
      // The rules come from a file: read the cluster for the version only when -f names one (no connection otherwise).
      const offline = (common.filename?.length ?? 0) > 0;
      const version = flagVersion ?? (offline ? await this.clusterVersion(await this.openSource(common)) : undefined) ?? NEWEST_KNOWN;
      const semantics = relabelSemantics(version);
      const set = loadRuleFile(readText(flags.rules), flags.rules === '-' ? '<stdin>' : flags.rules, selection, semantics);
      return {...set, semantics: set.semantics ?? semantics};
    }
    const kind = flags.servicemonitor ? 'ServiceMonitor' : 'PodMonitor';
    const ref = (flags.servicemonitor ?? flags.podmonitor)!;
    const slash = ref.indexOf('/');
    const namespace = slash < 0 ? undefined : ref.slice(0, slash);
    const name = slash < 0 ? ref : ref.slice(slash + 1);
    const source = await this.openSource(common);
    const types = await source.resourceTypes();
    const type = types.find((t) => t.kind === kind && t.group === 'monitoring.coreos.com');
    if (!type) {
      const message = `${source.live ? 'the server' : 'the manifests'} have no ${kind} kind (monitoring.coreos.com)`;
      if (source.live) throw new ClusterError(message);
      throw new InputError(message);
    }
    const object = await source.get(type, name, namespace ?? common.namespace ?? source.defaultNamespace);
    if (!object) throw new InputError(`${kind} ${namespace ?? common.namespace ?? source.defaultNamespace}/${name} not found in ${source.description}`);
    const semantics = relabelSemantics(flagVersion ?? (await this.clusterVersion(source, types)) ?? NEWEST_KNOWN);
    return {...rulesFromMonitorObject(object, selection, semantics), semantics};
  }

  /**
   * The version of the Prometheus in the cluster or manifests, found as `monitor targets` finds it
   * (findPrometheusServers, then chooseVersion: the Operator's spec.version, a server's image tag).
   * The objects are listed in the order `monitor targets` lists them, so both pick the same server.
   * Live, pods (the biggest list) are read only when no workload or Operator resource names a version.
   */
  private async clusterVersion(source: Source, known?: ResourceType[]): Promise<PrometheusVersion | undefined> {
    const types = known ?? (await source.resourceTypes());
    const listKinds = async (kinds: Array<[string, string]>): Promise<KubeObject[]> => {
      const requests: ListRequest[] = [];
      for (const [group, kind] of kinds) {
        const type = types.find((t) => t.group === group && t.kind === kind);
        if (type) requests.push({type, optional: true});
      }
      const results = await source.list(requests);
      return results.flatMap((result) => result.items.map((item) => (item.kind ? item : {...item, kind: result.type.kind,
        apiVersion: result.type.group ? `${result.type.group}/${result.type.version}` : result.type.version})));
    };
    const pick = (objects: KubeObject[]) => {
      const chosen = chooseVersion(undefined, findPrometheusServers(objects));
      return chosen.from === 'newest known' ? undefined : chosen;
    };
    const servers: Array<[string, string]> = [['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'], ['monitoring.coreos.com', 'Prometheus']];
    let chosen: {version: PrometheusVersion; from: string} | undefined;
    if (source.live) {
      const workloads = await listKinds(servers);
      chosen = pick(workloads) ?? pick([...(await listKinds([['', 'Pod']])), ...workloads]);
    } else {
      chosen = pick(await listKinds([['', 'Pod'], ...servers]));
    }
    if (!chosen) return undefined;
    const what = chosen.from.startsWith('Prometheus ') ? 'spec.version' : 'image tag';
    this.warnLine(`following Prometheus ${formatVersion(chosen.version)} (${what} of ${chosen.from}); --prometheus-version overrides`);
    return chosen.version;
  }

  private async readInputs(flags: {labels?: string; label?: string[]}): Promise<Labels[]> {
    const inputs: Labels[] = [];
    if (flags.labels) inputs.push(...(await parseLabelSets(readText(flags.labels), flags.labels === '-' ? '<stdin>' : flags.labels)));
    if (flags.label && flags.label.length > 0) inputs.push(parseLabelPairs(flags.label));
    if (inputs.length === 0 && !flags.labels) throw new UsageError('no label sets: give --labels FILE (or -) and/or --label name=value');
    return inputs;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, {file: path});
  }
}

/** `-o json` for up to millions of results: one result per line, written in chunks. */
function writeJsonReport(report: RelabelRunReport): void {
  const {results, ...head} = report;
  const headText = JSON.stringify(head, null, 2);
  let chunk = `${headText.slice(0, -2)},\n  "results": [`;
  for (let i = 0; i < results.length; i++) {
    chunk += `${i === 0 ? '\n    ' : ',\n    '}${JSON.stringify(results[i])}`;
    if (chunk.length > 1 << 20) {
      process.stdout.write(chunk);
      chunk = '';
    }
  }
  process.stdout.write(`${chunk}${results.length > 0 ? '\n  ' : ''}]\n}\n`);
}
