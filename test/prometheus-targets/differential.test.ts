// Differential test of everything after discovery against the real Prometheus (Debian's 2.42, built
// without Kubernetes SD): the target groups our discovery finds in examples/prometheus are served to
// `prometheus` through http_sd_configs, one job per job of the example config (same relabel rules and
// scrape settings) plus a copy of each without rules; /api/v1/targets?state=any must list the same
// active targets (labels, scrapeUrl) and the same dropped targets as `kubectl monitor targets -o json`.
// Every example IP is mapped into 127.0.0.0/8 on both sides, so Prometheus scrapes only loopback.
// 2.42 reports relabelled labels as a rule job's discoveredLabels (fixed in 2.43): compared for the
// rule-less copies only.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadAll} from 'js-yaml';
import {parse, stringify} from 'yaml';
import type {KubeObject} from '../../src/cluster/types.ts';
import {loadPrometheusConfig} from '../../src/prometheus/config/load.ts';
import {configText} from '../../src/prometheus/config/sources.ts';
import {discoveryObjectsFrom} from '../../src/prometheus/discovery/index.ts';
import type {Labels} from '../../src/prometheus/labels.ts';
import {discoverJobGroups, type TargetsResult} from '../../src/prometheus/targets.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';
import {root, runMonitor} from '../prometheus/run-monitor.ts';
import {freePort, requireBinary, startPrometheus, type RunningPrometheus} from '../support/prometheus.ts';

const hasPrometheus = requireBinary('prometheus', 'apt-get install -y prometheus');
const maybe = hasPrometheus ? describe : describe.skip;

const version = parsePrometheusVersion('2.42');

function toLoopback(text: string): string {
  return text.replace(/\b192\.168\.(\d+)\.(\d+)\b/g, '127.168.$1.$2').replace(/\b10\.244\.(\d+)\.(\d+)\b/g, '127.244.$1.$2');
}

const sortKey = (x: unknown) => JSON.stringify(x);
const canon = (labels: Labels) => Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

maybe('differential: examples/prometheus targets vs the real Prometheus 2.42', () => {
  let dir = '';
  let prometheus: RunningPrometheus | undefined;
  let sd: Server | undefined;

  afterAll(async () => {
    prometheus?.stop();
    if (sd) await new Promise((r) => sd!.close(r));
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  test('same active targets (labels, scrapeUrl) and dropped targets, job by job', async () => {
    dir = mkdtempSync(join(tmpdir(), 'targets-diff-'));
    const manifests = join(dir, 'manifests');
    mkdirSync(manifests);
    const objects: KubeObject[] = [];
    for (const file of readdirSync(join(root, 'examples/prometheus'))) {
      const text = toLoopback(readFileSync(join(root, 'examples/prometheus', file), 'utf8'));
      writeFileSync(join(manifests, file), text);
      for (const doc of loadAll(text)) if (doc) objects.push(doc as KubeObject);
    }
    // The example config, plus a copy of every job without its rules.
    const original = configText(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'prometheus-server')!).text;
    const parsed = parse(original) as {global: Record<string, unknown>; scrape_configs: Array<Record<string, unknown>>};
    const copies = parsed.scrape_configs.map((job) => {
      const {relabel_configs: _rules, ...rest} = job;
      return {...rest, job_name: `${String(job.job_name)}-norules`};
    });
    const expanded: {global: Record<string, unknown>; scrape_configs: Array<Record<string, unknown>>} = {...parsed, scrape_configs: [...parsed.scrape_configs, ...copies]};
    const expandedFile = join(dir, 'expanded.yml');
    writeFileSync(expandedFile, stringify(expanded));

    // Ours: the command as users run it.
    const run = await runMonitor(['targets', '-f', manifests, '--config', expandedFile, '--prometheus-version', '2.42', '-o', 'json']);
    if (run.code !== 0) throw new Error(`kubectl monitor targets exited ${run.code}: ${run.stderr}`);
    const ours = JSON.parse(run.stdout) as TargetsResult;
    expect(ours.activeTargets.length).toBeGreaterThan(0);
    expect(ours.droppedTargets.length).toBeGreaterThan(0);

    // The groups our discovery found, served over http_sd, one endpoint per job.
    const config = loadPrometheusConfig(readFileSync(expandedFile, 'utf8'), expandedFile, relabelSemantics(version));
    const discovery = discoveryObjectsFrom(objects);
    const served = config.jobs.map((job) => discoverJobGroups(job, discovery, {version}).flatMap((group) => group.targets.map((target) => {
      const {__address__: address, ...labels} = {...group.labels, ...target};
      return {targets: [address!], labels};
    })));
    for (const groups of served) {
      for (const g of groups) expect(g.targets[0]).toMatch(/^127\.|^\[::1\]/);
    }
    const sdPort = await freePort();
    sd = createHttpServer((req, res) => {
      const index = Number(/^\/sd\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(served[index] ?? []));
    });
    await new Promise<void>((r) => sd!.listen(sdPort, '127.0.0.1', r));

    const prometheusConfig = {
      global: parsed.global,
      scrape_configs: expanded.scrape_configs.map((job, index) => {
        const defaults = config.jobs[index]!.defaults;
        return {
          job_name: job.job_name,
          scheme: defaults.scheme,
          metrics_path: defaults.metricsPath,
          scrape_interval: defaults.scrapeInterval,
          scrape_timeout: defaults.scrapeTimeout,
          ...(Object.keys(defaults.params).length > 0 ? {params: defaults.params} : {}),
          http_sd_configs: [{url: `http://127.0.0.1:${sdPort}/sd/${index}`, refresh_interval: '1h'}],
          ...(job.relabel_configs ? {relabel_configs: job.relabel_configs} : {}),
        };
      }),
    };
    writeFileSync(join(dir, 'prometheus.yml'), stringify(prometheusConfig));

    prometheus = await startPrometheus(dir);
    // Refused targets are in neither list; a duplicate (same labels and URL) is one active target.
    const want = ours.activeTargets.length + ours.droppedTargets.length;
    const data = await prometheus.targets((answer) => answer.activeTargets.length + answer.droppedTargets.length >= want, 30000);
    expect(data).toBeDefined();

    const urlOfJob = new Map(config.jobs.map((job, index) => [`http://127.0.0.1:${sdPort}/sd/${index}`, job.name]));
    for (const job of config.jobs) {
      const hasRules = job.rules.length > 0;
      const strip = ({__meta_url: _url, ...rest}: Labels) => canon(rest);
      const theirsActive = data!.activeTargets.filter((t) => t.scrapePool === job.name)
        .map((t) => ({scrapeUrl: t.scrapeUrl, labels: canon(t.labels), ...(hasRules ? {} : {discoveredLabels: strip(t.discoveredLabels)})}));
      const oursActive = ours.activeTargets.filter((t) => t.scrapePool === job.name)
        .map((t) => ({scrapeUrl: t.scrapeUrl, labels: canon(t.labels), ...(hasRules ? {} : {discoveredLabels: canon(t.discoveredLabels)})}));
      expect({job: job.name, active: theirsActive.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))})
        .toEqual({job: job.name, active: oursActive.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))});

      // 2.42's dropped targets carry no scrapePool; http_sd's __meta_url tells the job.
      const theirsDropped = data!.droppedTargets.filter((t) => urlOfJob.get(t.discoveredLabels.__meta_url ?? '') === job.name);
      const oursDropped = ours.droppedTargets.filter((t) => t.scrapePool === job.name);
      expect({job: job.name, dropped: theirsDropped.length}).toEqual({job: job.name, dropped: oursDropped.length});
      if (!hasRules) {
        expect(theirsDropped.map((t) => strip(t.discoveredLabels)).map(sortKey).sort()).toEqual(oursDropped.map((t) => canon(t.discoveredLabels)).map(sortKey).sort());
      } else {
        // What 2.42 shows for a dropped target of a rule job still holds its discovered address.
        expect(theirsDropped.map((t) => t.discoveredLabels.__address__).sort()).toEqual(oursDropped.map((t) => t.discoveredLabels.__address__).sort());
      }
    }

    // --prometheus URL: the same comparison done by the command against this running Prometheus.
    const compared = await runMonitor(['targets', '-f', manifests, '--config', expandedFile, '--prometheus-version', '2.42', '--prometheus', `http://127.0.0.1:${prometheus.port}`, '-o', 'json']);
    const comparison = (JSON.parse(compared.stdout) as TargetsResult).comparison!;
    expect({onlyInPrometheus: comparison.onlyInPrometheus, onlyInSimulation: comparison.onlyInSimulation, dropped: comparison.dropped, matched: comparison.matched})
      .toEqual({onlyInPrometheus: [], onlyInSimulation: [], dropped: [], matched: ours.activeTargets.length});
  }, 60000);
});
