// `kubectl monitor targets` over examples/prometheus and small configs: the JSON shape of
// /api/v1/targets, drops with their rule, refused targets, duplicates, static/file SD, --why.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadPrometheusConfig} from '../../src/prometheus/config/load.ts';
import {emptyDiscoveryObjects} from '../../src/prometheus/discovery/index.ts';
import {scrapeUrl} from '../../src/prometheus/scrape-url.ts';
import {computeTargets, type TargetsResult} from '../../src/prometheus/targets.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';
import type {WhyAnswer} from '../../src/prometheus/why.ts';
import {runMonitor} from '../prometheus/run-monitor.ts';

const v242 = parsePrometheusVersion('2.42');
const v3 = parsePrometheusVersion('3.14');

function targetsOf(config: string, version = v242): TargetsResult {
  return computeTargets(loadPrometheusConfig(config, 'p.yml', relabelSemantics(version)), emptyDiscoveryObjects(), {version});
}

test('examples/prometheus: active and dropped targets per job, as /api/v1/targets', async () => {
  const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '-o', 'json']);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as TargetsResult;
  expect(result.prometheusVersion).toBe('2.42'); // from the server's image tag prom/prometheus:v2.42.0
  expect(result.config).toBe('configmap/monitoring/prometheus-server:prometheus.yml');
  expect(result.activeTargets.map((t) => [t.scrapePool, t.scrapeUrl])).toEqual([
    ['kubernetes-nodes', 'https://192.168.49.2:10250/metrics'],
    ['kubernetes-nodes', 'https://192.168.49.3:10250/metrics'],
    ['kubernetes-pods', 'http://10.244.1.21:8081/actuator/prometheus'],
    ['kubernetes-service-endpoints', 'http://10.244.1.21:8081/metrics'],
    ['node-exporter', 'http://192.168.49.2:9100/metrics'],
    ['node-exporter', 'http://192.168.49.3:9100/metrics'],
  ]);
  const pod = result.activeTargets.find((t) => t.scrapePool === 'kubernetes-pods')!;
  expect(pod.labels).toEqual({app: 'checkout', instance: '10.244.1.21:8081', job: 'kubernetes-pods', namespace: 'apps', pod: 'checkout-5d8f7b9c4-x2x7q', pod_template_hash: '5d8f7b9c4'});
  expect(pod.discoveredLabels.__meta_kubernetes_pod_annotation_prometheus_io_port).toBe('8081');
  expect(pod.health).toBe('unknown');
  expect(result.droppedTargets.map((t) => [t.scrapePool, t.source, t.droppedBy])).toEqual([
    ['kubernetes-pods', 'pod/apps/payments-7c6b5d4f8-k8l2m', {rule: 0, action: 'keep'}],
    ['kubernetes-pods', 'pod/monitoring/node-exporter-7xk2p', {rule: 0, action: 'keep'}],
    ['kubernetes-pods', 'pod/monitoring/node-exporter-q9w4m', {rule: 0, action: 'keep'}],
  ]);
  // checkout's two container ports become one target after the port rewrite: Prometheus keeps one.
  expect(result.jobs.find((j) => j.name === 'kubernetes-pods')!.duplicates).toBe(1);
});

test('text output groups by job and names the dropping rule', async () => {
  const run = await runMonitor(['targets', '-f', 'examples/prometheus/']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('JOB kubernetes-pods (kubernetes:pod): 1 active, 3 dropped');
  expect(run.stdout).toMatch(/dropped +relabel_configs\[0\] keep if \[__meta_kubernetes_pod_annotation_prometheus_io_scrape\] =~ "true" +pod\/apps\/payments/);
});

test('--why a dropped pod: the rule and the label it saw, exit 1', async () => {
  const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '--why', 'apps/payments-7c6b5d4f8-k8l2m', '-o', 'json']);
  expect(run.code).toBe(1);
  const answer = JSON.parse(run.stdout) as WhyAnswer;
  expect(answer.scraped).toBe(false);
  expect(answer.jobs.map((j) => [j.job, j.verdict])).toEqual([
    ['kubernetes-nodes', 'not discovered'], ['kubernetes-pods', 'dropped'], ['kubernetes-service-endpoints', 'not discovered'], ['node-exporter', 'not discovered'],
  ]);
  expect(answer.jobs[1]!.reason).toMatch(/relabel_configs\[0\]/);
  expect(answer.jobs[3]!.reason).toMatch(/only looks in namespaces monitoring/);
  const text = await runMonitor(['targets', '-f', 'examples/prometheus/', '--why', 'apps/payments-7c6b5d4f8-k8l2m']);
  expect(text.stdout).toContain('__meta_kubernetes_pod_annotation_prometheus_io_scrape="false"');
});

test('--why svc/checkout and node/node-1 are scraped (exit 0)', async () => {
  for (const subject of ['svc/checkout', 'node/node-1']) {
    const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '-n', 'apps', '--why', subject, '-o', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as WhyAnswer).scraped).toBe(true);
  }
});

test('a bad config: unknown role is exit 2 with file:line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'targets-bad-'));
  try {
    writeFileSync(join(dir, 'p.yml'), 'scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pods\n');
    const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '--config', join(dir, 'p.yml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/p\.yml:4.*unknown Kubernetes SD role "pods"/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

// scrape/target.go PopulateLabels and TargetsFromGroup, through the relabel helper's target handling.
test.each([
  {name: '2.x adds the default port', version: v242, address: 'host', url: 'http://host:80/metrics'},
  {name: '3.x leaves the address alone', version: v3, address: 'host', url: 'http://host/metrics'},
])('static_configs: $name', ({version, address, url}) => {
  const result = targetsOf(`scrape_configs:\n- job_name: s\n  static_configs: [{targets: ["${address}"], labels: {env: prod}}]\n`, version);
  expect(result.activeTargets).toEqual([expect.objectContaining({scrapePool: 's', scrapeUrl: url, labels: expect.objectContaining({env: 'prod', job: 's'}), source: '0'})]);
});

test('a target without an address after relabelling is refused, neither active nor dropped', () => {
  const result = targetsOf('scrape_configs:\n- job_name: s\n  static_configs: [{targets: ["a:1"]}]\n  relabel_configs: [{action: labeldrop, regex: __address__}]\n');
  expect(result.activeTargets).toEqual([]);
  expect(result.droppedTargets).toEqual([]);
  expect(result.refusedTargets).toEqual([expect.objectContaining({scrapePool: 's', error: 'no address'})]);
});

test('same labels and URL are one active target with the last discovered labels', () => {
  const result = targetsOf('scrape_configs:\n- job_name: s\n  static_configs: [{targets: ["a:1"], labels: {x: "1"}}, {targets: ["a:1"], labels: {x: "2"}}]\n  relabel_configs: [{action: labeldrop, regex: x}]\n');
  expect(result.activeTargets).toHaveLength(1);
  expect(result.activeTargets[0]!.discoveredLabels.x).toBe('2');
  expect(result.jobs[0]!.duplicates).toBe(1);
});

test.each<{name: string; labels: Record<string, string>; params: Record<string, string[]>; url: string}>([
  {name: 'params sorted and escaped', labels: {__scheme__: 'https', __address__: 'h:1', __metrics_path__: '/probe'}, params: {target: ['a b&c'], module: ['http_2xx']}, url: 'https://h:1/probe?module=http_2xx&target=a+b%26c'},
  {name: '__param_ replaces the first value', labels: {__scheme__: 'http', __address__: 'h:1', __metrics_path__: '/m', __param_target: 'x'}, params: {target: ['a', 'b']}, url: 'http://h:1/m?target=x&target=b'},
  {name: 'path escaping', labels: {__scheme__: 'http', __address__: 'h:1', __metrics_path__: '/a b/ü'}, params: {}, url: 'http://h:1/a%20b/%C3%BC'},
  {name: 'relative path gets its slash', labels: {__scheme__: 'http', __address__: 'h:1', __metrics_path__: 'metrics'}, params: {}, url: 'http://h:1/metrics'},
])('scrapeUrl (Go net/url): $name', ({labels, params, url}) => {
  expect(scrapeUrl(labels, params)).toBe(url);
});

test('--secret reads the Operator\'s gzip-compressed config; a Prometheus resource finds it too', async () => {
  const {gzipSync} = await import('node:zlib');
  const dir = mkdtempSync(join(tmpdir(), 'targets-secret-'));
  try {
    const config = 'scrape_configs:\n- job_name: from-secret\n  static_configs: [{targets: ["10.0.0.1:9100"]}]\n';
    writeFileSync(join(dir, 'operator.yaml'), [
      'apiVersion: v1', 'kind: Secret', 'metadata: {name: prometheus-k8s, namespace: monitoring}', 'type: Opaque',
      `data: {prometheus.yaml.gz: ${gzipSync(Buffer.from(config)).toString('base64')}}`, '---',
      'apiVersion: monitoring.coreos.com/v1', 'kind: Prometheus', 'metadata: {name: k8s, namespace: monitoring}', 'spec: {version: v3.5.0}', ''].join('\n'));
    const bySecret = JSON.parse((await runMonitor(['targets', '-f', dir, '--secret', 'monitoring/prometheus-k8s', '-o', 'json'])).stdout) as TargetsResult;
    expect(bySecret.config).toBe('secret/monitoring/prometheus-k8s:prometheus.yaml.gz');
    expect(bySecret.activeTargets.map((t) => t.scrapeUrl)).toEqual(['http://10.0.0.1:9100/metrics']);
    const found = JSON.parse((await runMonitor(['targets', '-f', dir, '-o', 'json'])).stdout) as TargetsResult;
    expect(found.config).toBe('secret/monitoring/prometheus-k8s:prometheus.yaml.gz');
    expect(found.prometheusVersion).toBe('3.5');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('file_sd_configs read from the files given with --file-sd', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'targets-filesd-'));
  try {
    writeFileSync(join(dir, 'p.yml'), 'scrape_configs:\n- job_name: files\n  file_sd_configs: [{files: [/etc/prometheus/targets.json]}]\n');
    writeFileSync(join(dir, 'targets.json'), JSON.stringify([{targets: ['10.1.1.1:9100'], labels: {team: 'a'}}]));
    const without = await runMonitor(['targets', '-f', 'examples/prometheus/', '--config', join(dir, 'p.yml'), '-o', 'json']);
    expect(without.stderr).toMatch(/file_sd file \/etc\/prometheus\/targets.json not given/);
    const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '--config', join(dir, 'p.yml'), '--file-sd', join(dir, 'targets.json'), '-o', 'json']);
    const result = JSON.parse(run.stdout) as TargetsResult;
    expect(result.activeTargets).toEqual([expect.objectContaining({scrapeUrl: 'http://10.1.1.1:9100/metrics', labels: {instance: '10.1.1.1:9100', job: 'files', team: 'a'}, source: '/etc/prometheus/targets.json:0'})]);
    expect(result.activeTargets[0]!.discoveredLabels.__meta_filepath).toBe('/etc/prometheus/targets.json');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('-o jsonpath and yaml go through the common renderer', async () => {
  const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '-o', 'jsonpath={range .activeTargets[*]}{.scrapeUrl}{"\\n"}{end}']);
  expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(6);
  const yaml = await runMonitor(['targets', '-f', 'examples/prometheus/', '-o', 'yaml']);
  expect(yaml.stdout).toContain('scrapePool: kubernetes-pods');
});

test('--no-headers: target rows only, the job as a column, no headlines or totals', async () => {
  const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '--no-headers']);
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  // 6 active + 3 dropped, as the JSON test above lists them.
  expect(lines).toHaveLength(9);
  expect(lines.every((line) => /^(kubernetes-nodes|kubernetes-pods|kubernetes-service-endpoints|node-exporter) +(active|dropped) +\S/.test(line))).toBe(true);
  expect(run.stdout.trimEnd()).not.toMatch(/JOB |STATE|active, \d+ dropped|^$/m);
  const withHeaders = await runMonitor(['targets', '-f', 'examples/prometheus/']);
  expect(withHeaders.stdout).toMatch(/^6 active, 3 dropped in 4 jobs \(Prometheus 2\.42/m);
  expect(withHeaders.stdout).toMatch(/^JOB kubernetes-pods /m);
});
