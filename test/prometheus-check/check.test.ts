// `kubectl monitor check`: promtool's verdicts on configs without Kubernetes SD (Debian's promtool
// lacks it), file:line:column of misplaced fields, loader errors as findings, and the cluster checks
// on examples/prometheus (the broken ClusterRoleBinding must show up as RBAC findings).
import {spawnSync} from 'node:child_process';
import {requireBinary} from '../support/prometheus.ts';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {checkConfigText} from '../../src/prometheus/check/config-check.ts';
import type {CheckResult} from '../../src/prometheus/check/types.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';
import {runMonitor} from '../prometheus/run-monitor.ts';

const semantics = relabelSemantics(parsePrometheusVersion('2.42'));
const hasPromtool = requireBinary('promtool', 'apt-get install -y prometheus');

interface ConfigCase {
  name: string;
  text: string;
  /** line: message, as promtool 2.42 words them. */
  expected: string[];
}

const configCases: ConfigCase[] = [
  {name: 'clean static job', text: 'scrape_configs:\n- job_name: a\n  static_configs: [{targets: ["a:1"]}]\n', expected: []},
  {name: 'ca_file beside tls_config', text: 'scrape_configs:\n- job_name: a\n  scheme: https\n  tls_config:\n  ca_file: /x\n  static_configs: [{targets: ["a:1"]}]\n', expected: ['5: field ca_file not found in type config.ScrapeConfig']},
  {name: 'unknown fields at every level',
    text: 'foo: 1\nglobal:\n  bar: 1\nscrape_configs:\n- job_name: a\n  tls_config: {cafile: x}\n  static_configs: [{targets: ["a:1"], lbl: 1}]\n  relabel_configs: [{act: keep}]\n  file_sd_configs: [{files: [x.json], x: 1}]\n',
    expected: ['1: field foo not found in type config.plain', '3: field bar not found in type config.plain', '6: field cafile not found in type config.plain',
      '7: field lbl not found in type struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }', '8: field act not found in type relabel.plain',
      '9: field x not found in type file.plain']},
  {name: 'duplicate job names', text: 'scrape_configs:\n- job_name: a\n  static_configs: [{targets: ["a:1"]}]\n- job_name: a\n  static_configs: [{targets: ["a:1"]}]\n',
    expected: ['4: found multiple scrape configs with job name "a"']},
  {name: 'invalid relabel action', text: 'scrape_configs:\n- job_name: a\n  relabel_configs:\n  - action: keepit\n', expected: ['4: unknown relabel action "keepit"']},
];

function ours(text: string): string[] {
  return checkConfigText(text, 'x.yml', semantics).findings.map((f) => `${f.line}: ${f.message}`);
}

test.each(configCases)('config: $name', ({text, expected}) => {
  expect(ours(text)).toEqual(expected);
});

// promtool is the oracle for the verdict (clean or not) and for strict-decoding messages.
(hasPromtool ? test.each(configCases) : test.skip.each(configCases))('promtool agrees: $name', ({text, expected}) => {
  const dir = mkdtempSync(join(tmpdir(), 'check-'));
  try {
    writeFileSync(join(dir, 'p.yml'), text);
    const run = spawnSync('promtool', ['check', 'config', join(dir, 'p.yml')], {encoding: 'utf8'});
    expect(run.status === 0).toBe(expected.length === 0);
    const output = `${run.stdout}${run.stderr}`;
    for (const line of expected) {
      const [number, message] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)];
      expect(output.includes(`line ${number}: ${message}`) || output.includes(message)).toBe(true);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('an unknown SD role is a finding at its line', () => {
  const findings = checkConfigText('scrape_configs:\n- job_name: a\n  kubernetes_sd_configs:\n  - role: pods\n', 'x.yml', semantics).findings;
  expect(findings).toEqual([expect.objectContaining({line: 4, message: 'unknown Kubernetes SD role "pods"', job: 'a'})]);
});

test('examples/prometheus-mistakes: ca_file at its file:line:column, exit 1', async () => {
  const run = await runMonitor(['check', '--config', 'examples/prometheus-mistakes/prometheus.yml', '-f', 'examples/prometheus/', '-o', 'json']);
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as CheckResult;
  expect(result.findings[0]).toEqual(expect.objectContaining({check: 'config', file: 'examples/prometheus-mistakes/prometheus.yml', line: 9, column: 3, job: 'kubernetes-nodes',
    message: 'field ca_file not found in type config.ScrapeConfig'}));
  expect(result.findings[0]!.hint).toMatch(/under tls_config/);
});

test('examples/prometheus: the service account monitoring/prometheus-serviceaccount cannot list pods, nodes, endpoints', async () => {
  const run = await runMonitor(['check', '-f', 'examples/prometheus/', '-o', 'json']);
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as CheckResult;
  expect(result.server).toMatch(/Deployment monitoring\/prometheus-server \(service account prometheus-serviceaccount\)/);
  const rbac = result.findings.filter((f) => f.check === 'rbac').map((f) => f.message);
  for (const resource of ['pods', 'nodes', 'endpoints']) {
    expect(rbac.some((m) => m.startsWith(`service account monitoring/prometheus-serviceaccount cannot list/watch ${resource} cluster-wide`))).toBe(true);
  }
  const hint = result.findings.find((f) => f.check === 'rbac')!.hint!;
  expect(hint).toContain('service account prometheus (which does not exist), not prometheus-serviceaccount');
  expect(hint).toContain('ClusterRole prometheus, which does not exist');
  expect(result.findings.some((f) => f.check === 'tls' && f.job === 'kubernetes-nodes')).toBe(true);
});

test('a fixed binding clears the RBAC findings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-rbac-'));
  try {
    writeFileSync(join(dir, 'fix.yaml'), [
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata: {name: prometheus}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: prometheus-clusterrole}',
      'subjects: [{kind: ServiceAccount, name: prometheus-serviceaccount, namespace: monitoring}]', ''].join('\n'));
    const run = await runMonitor(['check', '-f', 'examples/prometheus/', '-f', join(dir, 'fix.yaml'), '-o', 'json']);
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.findings.filter((f) => f.check === 'rbac')).toEqual([]);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('a config that is not YAML is bad input (exit 2, file:line)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-bad-'));
  try {
    writeFileSync(join(dir, 'bad.yml'), 'scrape_configs:\n- job_name: [a\n');
    const run = await runMonitor(['check', '--config', join(dir, 'bad.yml'), '-f', 'examples/prometheus/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yml:\d+/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('service account: missing account, and a token the pod does not mount', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-sa-'));
  try {
    // The same Deployment, now running as an account that does not exist and without the token.
    writeFileSync(join(dir, 'server.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: prometheus-server, namespace: monitoring}',
      'spec:', '  selector: {matchLabels: {app: p}}', '  template:', '    metadata: {labels: {app: p}}', '    spec:',
      '      serviceAccountName: prom-missing', '      automountServiceAccountToken: false', '      containers:',
      '      - {name: prometheus, image: "prom/prometheus:v2.42.0", args: [--config.file=/etc/prometheus/prometheus.yml], volumeMounts: [{name: config, mountPath: /etc/prometheus}]}',
      '      volumes: [{name: config, configMap: {name: prometheus-server}}]', ''].join('\n'));
    const run = await runMonitor(['check', '-f', 'examples/prometheus/', '-f', join(dir, 'server.yaml'), '-o', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as CheckResult;
    const sa = result.findings.filter((f) => f.check === 'serviceaccount').map((f) => f.message);
    expect(sa[0]).toBe('Deployment monitoring/prometheus-server runs as service account monitoring/prom-missing, which does not exist: its pods cannot be created');
    expect(sa).toContainEqual(expect.stringMatching(/bearer_token_file reads \/var\/run\/secrets\/kubernetes.io\/serviceaccount\/token, but .* does not mount the service account token/));
    expect(sa).toContainEqual(expect.stringMatching(/tls_config.ca_file reads .*ca.crt/));
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('--config alone, without a cluster, still checks like promtool', async () => {
  const run = await runMonitor(['check', '--config', 'examples/prometheus-mistakes/prometheus.yml', '--kubeconfig', '/nonexistent/kubeconfig', '-o', 'json']);
  const result = JSON.parse(run.stdout) as CheckResult;
  expect(run.code).toBe(1);
  expect(result.findings.map((f) => [f.line, f.column, f.message])).toEqual([[9, 3, 'field ca_file not found in type config.ScrapeConfig']]);
  expect(result.skipped.join(' ')).toMatch(/cluster checks/);
});

test('--no-headers: one line per finding, no hints and no summary line', async () => {
  const args = ['check', '--config', 'examples/prometheus-mistakes/prometheus.yml', '-f', 'examples/prometheus/'];
  const json = JSON.parse((await runMonitor([...args, '-o', 'json'])).stdout) as CheckResult;
  const run = await runMonitor([...args, '--no-headers']);
  expect(run.code).toBe(1);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(json.findings.length);
  expect(lines.every((line) => /(error|warning) \[/.test(line))).toBe(true);
  expect(run.stdout).not.toMatch(/\d+ errors?, \d+ warnings?|hint:/);
  const text = await runMonitor(args);
  expect(text.stdout).toMatch(/\d+ errors?, \d+ warnings? \(Prometheus/);
});
