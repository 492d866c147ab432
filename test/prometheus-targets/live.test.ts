// `monitor targets` and `monitor check` against the test cluster (a live API on loopback) holding
// examples/prometheus: the same answers as offline, the config found in the cluster, and --probe
// through the API server's pod proxy to a real prometheus-node-exporter.
import {spawn, type ChildProcess} from 'node:child_process';
import {requireBinary} from '../support/prometheus.ts';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {KubeObject} from '../../src/cluster/types.ts';
import type {CheckResult} from '../../src/prometheus/check/types.ts';
import type {TargetsResult} from '../../src/prometheus/targets.ts';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {root, runMonitor} from '../prometheus/run-monitor.ts';
import {proxyRoute, type ProxyTargets} from './proxy-route.ts';

const exporterBinary = requireBinary('prometheus-node-exporter', 'apt-get install -y prometheus-node-exporter') ? 'prometheus-node-exporter' : undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const exporterPod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {name: 'exporter', namespace: 'apps', labels: {app: 'exporter'}, annotations: {'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100'}},
  spec: {nodeName: 'node-1', containers: [{name: 'exporter', image: 'prom/node-exporter', ports: [{name: 'metrics', containerPort: 9100}]}]},
  status: {phase: 'Running', podIP: '10.244.1.99', hostIP: '192.168.49.2', conditions: [{type: 'Ready', status: 'True'}]},
};

let cluster: TestCluster;
let directory: string;
let kubeconfig: string;
let exporter: ChildProcess | undefined;
let fakePrometheus: Server | undefined;
let fakeTargets: unknown = {};
const proxied: ProxyTargets = new Map();
const seen: string[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'kubesleuth-monitor-live-'));
  kubeconfig = join(directory, 'kubeconfig');
  cluster = await startTestCluster({manifests: join(root, 'examples', 'prometheus'), objects: [exporterPod], kubeconfigPath: kubeconfig, routes: [proxyRoute(proxied, seen)]});
  // A stand-in for a running Prometheus's API, behind the service proxy at monitoring/svc/prometheus:9090.
  fakePrometheus = createHttpServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(req.url?.startsWith('/api/v1/targets') ? {status: 'success', data: fakeTargets} : {}));
  });
  await new Promise<void>((r) => fakePrometheus!.listen(0, '127.0.0.1', r));
  proxied.set('services/monitoring/prometheus:9090', (fakePrometheus.address() as {port: number}).port);
  if (exporterBinary) {
    const port = await freePort();
    exporter = spawn(exporterBinary, [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.loadavg'], {stdio: 'ignore'});
    proxied.set('pods/apps/exporter:9100', port);
    for (let i = 0; i < 50; i++) {
      if (await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

afterAll(async () => {
  if (exporter && exporter.exitCode === null) exporter.kill('SIGTERM');
  if (fakePrometheus) await new Promise((r) => fakePrometheus!.close(r));
  await cluster?.close();
  rmSync(directory, {recursive: true, force: true});
});

const live = (...args: string[]) => runMonitor([...args, '--kubeconfig', kubeconfig]);

test('targets: the config found in the cluster, the same answer as offline', async () => {
  const online = await live('targets', '-o', 'json');
  expect(online.code).toBe(0);
  const result = JSON.parse(online.stdout) as TargetsResult;
  expect(result.config).toBe('configmap/monitoring/prometheus-server:prometheus.yml');
  expect(result.activeTargets.some((t) => t.source === 'pod/apps/exporter')).toBe(true);
  const offline = await runMonitor(['targets', '-f', 'examples/prometheus/', '-o', 'json']);
  const offlineResult = JSON.parse(offline.stdout) as TargetsResult;
  const strip = (r: TargetsResult) => r.activeTargets.filter((t) => t.source !== 'pod/apps/exporter').map((t) => [t.scrapePool, t.scrapeUrl, t.labels]);
  expect(strip(result)).toEqual(strip(offlineResult));
});

test('check: the broken binding, live', async () => {
  const run = await live('check', '-o', 'json');
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as CheckResult;
  expect(result.findings.filter((f) => f.check === 'rbac').map((f) => f.message.split(',')[0])).toEqual(expect.arrayContaining([
    expect.stringMatching(/cannot list\/watch pods cluster-wide/), expect.stringMatching(/cannot list\/watch nodes cluster-wide/), expect.stringMatching(/cannot list\/watch endpoints cluster-wide/),
  ]));
});

(exporterBinary ? test : test.skip)('--probe goes through the API server proxy to the exporter', async () => {
  writeFileSync(join(directory, 'p.yml'), [
    'scrape_configs:',
    '- job_name: pods',
    '  kubernetes_sd_configs: [{role: pod, namespaces: {names: [apps]}}]',
    '  relabel_configs:',
    '  - {source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape], action: keep, regex: "true"}',
    '  - {source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port], regex: "([^:]+)(?::\\\\d+)?;(\\\\d+)", replacement: "$1:$2", target_label: __address__}',
    '',
  ].join('\n'));
  const run = await live('targets', '--config', join(directory, 'p.yml'), '--probe', '-o', 'json');
  const result = JSON.parse(run.stdout) as TargetsResult;
  const exporterTarget = result.activeTargets.find((t) => t.source === 'pod/apps/exporter')!;
  expect(exporterTarget).toEqual(expect.objectContaining({health: 'up', lastError: '', probedVia: 'apiserver /api/v1/namespaces/apps/pods/exporter:9100/proxy/metrics'}));
  expect(exporterTarget.samples).toBeGreaterThan(0);
  // checkout has no exporter behind the proxy: down, with the proxy's answer.
  const checkout = result.activeTargets.find((t) => t.source === 'pod/apps/checkout-5d8f7b9c4-x2x7q')!;
  expect(checkout.health).toBe('down');
  expect(checkout.lastError).toMatch(/503/);
  expect(run.code).toBe(1);
  expect(seen).toContain('pods/apps/exporter:9100');
}, 20000);

test('--prometheus svc/NAME reads /api/v1/targets through the service proxy and compares', async () => {
  const ours = JSON.parse((await live('targets', '-o', 'json')).stdout) as TargetsResult;
  const [first, ...rest] = ours.activeTargets;
  fakeTargets = {
    activeTargets: [
      ...rest.map((t) => ({scrapePool: t.scrapePool, scrapeUrl: t.scrapeUrl, labels: t.labels, health: 'up', lastError: ''})),
      {scrapePool: first!.scrapePool, scrapeUrl: 'http://10.9.9.9:9100/metrics', labels: {job: first!.scrapePool, instance: '10.9.9.9:9100'}, health: 'down', lastError: 'connection refused'},
    ],
    droppedTargets: ours.droppedTargets.map((t) => ({discoveredLabels: t.discoveredLabels})),
  };
  const run = await live('targets', '--prometheus', 'monitoring/svc/prometheus', '-o', 'json');
  expect(run.code).toBe(1);
  const comparison = (JSON.parse(run.stdout) as TargetsResult).comparison!;
  expect(comparison.prometheus).toBe('monitoring/svc/prometheus (through the API server)');
  expect(comparison.matched).toBe(rest.length);
  expect(comparison.onlyInSimulation.map((t) => t.scrapeUrl)).toEqual([first!.scrapeUrl]);
  expect(comparison.onlyInPrometheus.map((t) => [t.scrapeUrl, t.health])).toEqual([['http://10.9.9.9:9100/metrics', 'down']]);
  expect(comparison.dropped).toEqual([]);
  const text = await live('targets', '--prometheus', 'monitoring/svc/prometheus');
  expect(text.stdout).toContain(`only in the simulation: ${first!.scrapePool} ${first!.scrapeUrl}`);
});
