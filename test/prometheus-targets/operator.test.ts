// Prometheus Operator resources over examples/prometheus/cluster.yaml: which Prometheus selects each
// ServiceMonitor/PodMonitor, what they match, whether the named port exists, the targets of the
// configuration the Operator would generate (prometheus-operator v0.93 pkg/prometheus/promcfg.go),
// and each zero explained.
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {generateOperatorConfig} from '../../src/prometheus/operator/generate.ts';
import type {MonitorExplanation} from '../../src/prometheus/operator/explain.ts';
import type {TargetsResult} from '../../src/prometheus/targets.ts';
import {root, runMonitor} from '../prometheus/run-monitor.ts';

const operatorObjects = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: v2.42.0
  serviceAccountName: prometheus
  serviceMonitorSelector: {matchLabels: {release: prom}}
  serviceMonitorNamespaceSelector: {}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: checkout, namespace: apps, labels: {release: prom}}
spec:
  selector: {matchLabels: {app: checkout}}
  endpoints: [{port: management, path: /actuator/prometheus}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: wrong-port, namespace: apps, labels: {release: prom}}
spec:
  selector: {matchLabels: {app: checkout}}
  endpoints: [{port: metrics}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: unlabelled, namespace: apps}
spec:
  selector: {matchLabels: {app: checkout}}
  endpoints: [{port: management}]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: checkout-pods, namespace: apps, labels: {release: prom}}
spec:
  selector: {matchLabels: {app: checkout}}
  podMetricsEndpoints: [{port: management}]
`;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'operator-'));
  copyFileSync(join(root, 'examples/prometheus/cluster.yaml'), join(dir, 'cluster.yaml'));
  writeFileSync(join(dir, 'operator.yaml'), operatorObjects);
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

test('the generated job of a ServiceMonitor endpoint follows the Operator', () => {
  const [prometheus, monitor] = operatorObjects.split('---').map((d) => parse(d));
  const config = parse(generateOperatorConfig(prometheus, [monitor], []));
  expect(config.global).toEqual({scrape_interval: '30s'});
  const job = config.scrape_configs[0];
  expect(job.job_name).toBe('serviceMonitor/apps/checkout/0');
  expect(job.kubernetes_sd_configs).toEqual([{role: 'endpoints', namespaces: {names: ['apps']}}]);
  expect(job.metrics_path).toBe('/actuator/prometheus');
  expect(job.relabel_configs.slice(0, 3)).toEqual([
    {source_labels: ['job'], target_label: '__tmp_prometheus_job_name'},
    {action: 'keep', source_labels: ['__meta_kubernetes_service_label_app', '__meta_kubernetes_service_labelpresent_app'], regex: '(checkout);true'},
    {action: 'keep', source_labels: ['__meta_kubernetes_endpoint_port_name'], regex: 'management'},
  ]);
  expect(job.relabel_configs.at(-1)).toEqual({source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '0;|.+;.+', action: 'keep'});
});

test('targets from the Prometheus resource: the config generated from the monitors it selects', async () => {
  const run = await runMonitor(['targets', '-f', dir, '-o', 'json']);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as TargetsResult;
  expect(result.config).toBe('generated for Prometheus monitoring/k8s (prometheus-operator v0.93 rules)');
  expect(result.prometheusVersion).toBe('2.42');
  expect(result.jobs.map((j) => [j.name, j.active])).toEqual([['serviceMonitor/apps/checkout/0', 1], ['serviceMonitor/apps/wrong-port/0', 0]]);
  expect(result.activeTargets[0]).toEqual(expect.objectContaining({
    scrapeUrl: 'http://10.244.1.21:8081/actuator/prometheus',
    labels: {container: 'checkout', endpoint: 'management', instance: '10.244.1.21:8081', job: 'checkout', namespace: 'apps', pod: 'checkout-5d8f7b9c4-x2x7q', service: 'checkout'},
  }));
});

test.each([
  {name: 'selected, matching, port found', monitor: 'servicemonitor/apps/checkout', problems: 0, endpoint: /1 active target/},
  {name: 'a port name no Service has', monitor: 'servicemonitor/apps/wrong-port', problems: 1, endpoint: /no selected Service has a port named "metrics" \(they have: checkout: http, management\)/},
  {name: 'not selected: labels miss the serviceMonitorSelector', monitor: 'servicemonitor/apps/unlabelled', problems: 1, endpoint: /1 active target/},
  {name: 'not selected: podMonitorSelector unset', monitor: 'podmonitor/apps/checkout-pods', problems: 1, endpoint: /1 active target/},
])('--monitor: $name', async ({monitor, problems, endpoint}) => {
  const run = await runMonitor(['targets', '-f', dir, '--monitor', monitor, '-o', 'json']);
  expect(run.code).toBe(problems === 0 ? 0 : 1);
  const explanation = JSON.parse(run.stdout) as MonitorExplanation;
  expect(explanation.problems).toHaveLength(problems);
  expect(explanation.endpoints[0]!.reason).toMatch(endpoint);
  if (monitor.endsWith('unlabelled')) expect(explanation.problems[0]).toMatch(/does not match the ServiceMonitor's labels/);
  if (monitor.startsWith('podmonitor')) expect(explanation.selectedBy[0]!.reason).toBe('spec.podMonitorSelector is not set, which selects no PodMonitor');
});
