// `monitor targets --probe --direct` against a real prometheus-node-exporter on 127.0.0.1, a TLS endpoint
// whose certificate (signed by a CA the job trusts) lacks the IP among its SANs, as kubelets' often do,
// a 401, a page that is not exposition format, and a closed port. Bounded and loopback only.
import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {requireBinary} from '../support/prometheus.ts';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {TargetsResult} from '../../src/prometheus/targets.ts';
import {runMonitor} from '../prometheus/run-monitor.ts';

const exporterBinary = requireBinary('prometheus-node-exporter', 'apt-get install -y prometheus-node-exporter') ? 'prometheus-node-exporter' : undefined;
const hasOpenssl = spawnSync('openssl', ['version'], {stdio: 'ignore'}).status === 0;
if (!hasOpenssl && process.env.CI) throw new Error('openssl is required in CI (apt-get install -y openssl)');
const maybe = exporterBinary && hasOpenssl ? describe : describe.skip;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

maybe('--probe --direct on loopback', () => {
  let dir = '';
  let exporter: ChildProcess | undefined;
  const servers: Server[] = [];

  afterAll(async () => {
    if (exporter && exporter.exitCode === null) exporter.kill('SIGTERM');
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  test('health, samples and lastError with their fixes; exit 1 when a target is down', async () => {
    dir = mkdtempSync(join(tmpdir(), 'probe-'));
    const file = (name: string) => join(dir, name);
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
    execFileSync('openssl', ['req', '-x509', ...key, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-subj', '/CN=probe-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], {stdio: 'ignore'});
    execFileSync('openssl', ['req', '-x509', ...key, '-keyout', file('kubelet.key'), '-out', file('kubelet.crt'), '-subj', '/CN=node-1',
      '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-addext', 'subjectAltName=DNS:node-1', '-addext', 'extendedKeyUsage=serverAuth'], {stdio: 'ignore'});

    const exporterPort = await freePort();
    exporter = spawn(exporterBinary!, [`--web.listen-address=127.0.0.1:${exporterPort}`, '--collector.disable-defaults', '--collector.cpu', '--collector.meminfo', '--collector.loadavg'], {stdio: 'ignore'});
    const tls = createHttpsServer({key: readFileSync(file('kubelet.key')), cert: readFileSync(file('kubelet.crt'))}, (_req, res) => res.end('up 1\n'));
    const unauthorized = createHttpServer((_req, res) => {
      res.statusCode = 401;
      res.end('Unauthorized');
    });
    const html = createHttpServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end('<html><body>hello</body></html>');
    });
    const hang = createHttpServer(() => undefined);
    servers.push(tls, unauthorized, html, hang);
    const [tlsPort, unauthorizedPort, htmlPort, hangPort] = [await listen(tls), await listen(unauthorized), await listen(html), await listen(hang)];
    const closedPort = await freePort();
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(`http://127.0.0.1:${exporterPort}/metrics`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    writeFileSync(file('empty.yaml'), '');
    writeFileSync(file('prometheus.yml'), [
      'global: {scrape_interval: 30s, scrape_timeout: 5s}',
      'scrape_configs:',
      `- job_name: node\n  static_configs: [{targets: ["127.0.0.1:${exporterPort}"]}]`,
      `- job_name: kubelet\n  scheme: https\n  tls_config: {ca_file: ${file('ca.crt')}}\n  static_configs: [{targets: ["127.0.0.1:${tlsPort}"]}]`,
      `- job_name: kubelet-insecure\n  scheme: https\n  tls_config: {insecure_skip_verify: true}\n  static_configs: [{targets: ["127.0.0.1:${tlsPort}"]}]`,
      `- job_name: auth\n  static_configs: [{targets: ["127.0.0.1:${unauthorizedPort}"]}]`,
      `- job_name: html\n  static_configs: [{targets: ["127.0.0.1:${htmlPort}"]}]`,
      `- job_name: closed\n  static_configs: [{targets: ["127.0.0.1:${closedPort}"]}]`,
      `- job_name: hang\n  scrape_timeout: 1s\n  static_configs: [{targets: ["127.0.0.1:${hangPort}"]}]`,
      '',
    ].join('\n'));

    const run = await runMonitor(['targets', '-f', file('empty.yaml'), '--config', file('prometheus.yml'), '--probe', '--direct', '--concurrency', '3', '-o', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as TargetsResult;
    const byJob = Object.fromEntries(result.activeTargets.map((t) => [t.scrapePool, t]));
    expect(byJob.node).toEqual(expect.objectContaining({health: 'up', lastError: ''}));
    expect(byJob.node!.samples).toBeGreaterThan(10);
    expect(byJob.kubelet).toEqual(expect.objectContaining({health: 'down', lastError: `Get "https://127.0.0.1:${tlsPort}/metrics": x509: certificate is valid for node-1, not 127.0.0.1`}));
    expect(byJob.kubelet!.hint).toMatch(/insecure_skip_verify.*API server proxy/);
    expect(byJob['kubelet-insecure']).toEqual(expect.objectContaining({health: 'up', samples: 1}));
    expect(byJob.auth).toEqual(expect.objectContaining({health: 'down', lastError: 'server returned HTTP status 401 Unauthorized'}));
    expect(byJob.html!.lastError).toMatch(/not Prometheus exposition format/);
    expect(byJob.closed!.lastError).toBe(`Get "http://127.0.0.1:${closedPort}/metrics": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`);
    expect(byJob.hang).toEqual(expect.objectContaining({health: 'down', lastError: `Get "http://127.0.0.1:${hangPort}/metrics": context deadline exceeded`}));
    expect(byJob.hang!.lastScrapeDuration).toBeGreaterThanOrEqual(0.9);
    for (const t of result.activeTargets) expect(t.probedVia).toBe('direct');

    const text = await runMonitor(['targets', '-f', file('empty.yaml'), '--config', file('prometheus.yml'), '--probe', '--direct', '--job', 'kubelet']);
    expect(text.stdout).toContain('x509: certificate is valid for node-1, not 127.0.0.1');
    expect(text.stdout).toContain('hint: the certificate lacks this IP');
  }, 30000);

  test('--probe without --direct needs a cluster', async () => {
    const run = await runMonitor(['targets', '-f', 'examples/prometheus/', '--probe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--direct/);
  });
});
