// `kubectl monitor relabel` as a user runs it (through the plugin entry): CONTRACT.md's JSON shape,
// the text trace, rule sources, --target, and exit code 2 with Prometheus's words for bad rules.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runMonitor} from './run-monitor.ts';

let dir = '';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relabel-cmd-'));
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const rules = `- source_labels: [a]
  regex: f(.*)
  target_label: d
  replacement: ch\${1}-ch\${1}
- source_labels: [a]
  regex: .*o.*
  action: drop
`;

test('-o json has CONTRACT.md\'s shape, steps stop at the dropping rule', async () => {
  const rulesFile = file('rules.yaml', rules);
  const labels = file('labels.json', JSON.stringify([{a: 'foo'}, {a: 'bar'}]));
  const run = await runMonitor(['relabel', '-r', rulesFile, '--labels', labels, '-o', 'json']);
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.results).toEqual([
    {
      input: {a: 'foo'},
      output: null,
      dropped: true,
      droppedBy: {rule: 1, action: 'drop'},
      steps: [
        {rule: 0, action: 'replace', output: {a: 'foo', d: 'choo-choo'}},
        {rule: 1, action: 'drop', output: null},
      ],
    },
    {
      input: {a: 'bar'},
      output: {a: 'bar'},
      dropped: false,
      steps: [
        {rule: 0, action: 'replace', output: {a: 'bar'}},
        {rule: 1, action: 'drop', output: {a: 'bar'}},
      ],
    },
  ]);
});

test('--no-steps leaves steps out; --label builds one more label set', async () => {
  const rulesFile = file('rules2.yaml', rules);
  const run = await runMonitor(['relabel', '-r', rulesFile, '--label', 'a=fa', '--label', 'b=', '--no-steps', '-o', 'json']);
  expect(JSON.parse(run.stdout).results).toEqual([{input: {a: 'fa', b: ''}, output: {a: 'fa', d: 'cha-cha'}, dropped: false}]);
});

test('the text trace shows each rule and what it changed', async () => {
  const rulesFile = file('rules3.yaml', rules);
  const run = await runMonitor(['relabel', '-r', rulesFile, '--label', 'a=fuu']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('#0 replace [a] =~ "f(.*)" -> d = "ch${1}-ch${1}"');
  expect(run.stdout).toContain('+ d="chuu-chuu"');
  expect(run.stdout).toContain('#1 drop if [a] =~ ".*o.*"');
  expect(run.stdout).toContain('=> {a="fuu", d="chuu-chuu"}');
});

test('a whole config with --job and --target: job defaults, default port in 2.42 only, refusals', async () => {
  const config = file(
    'prometheus.yml',
    `global: {scrape_interval: 90s}
scrape_configs:
- job_name: other
- job_name: pods
  scheme: https
  relabel_configs:
  - {source_labels: [keep], regex: yes, action: keep}
  metric_relabel_configs:
  - {source_labels: [__name__], regex: go_.*, action: drop}
`,
  );
  const labels = file('targets.yaml', '- {__address__: "10.0.0.1", keep: "yes"}\n- {keep: "yes"}\n- {__address__: "10.0.0.2", keep: "no"}\n');
  const run242 = await runMonitor(['relabel', '-r', config, '--job', 'pods', '--target', '--labels', labels, '--prometheus-version', '2.42', '--no-steps', '-o', 'json']);
  const r242 = JSON.parse(run242.stdout).results;
  expect(r242[0].output).toEqual({instance: '10.0.0.1:443', job: 'pods', keep: 'yes'});
  expect(r242[1]).toMatchObject({output: null, dropped: false, error: 'no address'});
  expect(r242[2]).toMatchObject({output: null, dropped: true, droppedBy: {rule: 0, action: 'keep'}});
  const run3 = await runMonitor(['relabel', '-r', config, '--job', 'pods', '--target', '--labels', labels, '-o', 'json']);
  const r3 = JSON.parse(run3.stdout).results;
  expect(r3[0].output).toEqual({instance: '10.0.0.1', job: 'pods', keep: 'yes'});
  expect(r3[0].discoveredLabels).toMatchObject({__scrape_interval__: '1m30s', __scheme__: 'https', job: 'pods'});
  const metric = await runMonitor(['relabel', '-r', config, '--job', 'pods', '--metric', '--label', '__name__=go_goroutines', '-o', 'json']);
  expect(JSON.parse(metric.stdout).results[0].dropped).toBe(true);
  const noJob = await runMonitor(['relabel', '-r', config, '--label', 'a=b']);
  expect(noJob.code).toBe(2);
  expect(noJob.stderr).toContain('choose one with --job');
});

test.each([
  ['an invalid regex', '- {source_labels: [a], regex: "(x", target_label: b}\n', 'field relabel_configs[0]: error parsing regexp: missing closing ): `^(?s:(x)$`'],
  ['a missing target_label', '- {action: keep, source_labels: [a]}\n- {action: replace, source_labels: [a]}\n', "field relabel_configs[1]: relabel configuration for replace action requires 'target_label' value"],
  ['an unknown action', '- {action: keep, source_labels: [a]}\n- {action: keep, source_labels: [a]}\n- {action: remap}\n', 'field relabel_configs[2]: unknown relabel action "remap"'],
])('%s: exit 2 with the rule index and Prometheus\'s words', async (_name, text, message) => {
  const rulesFile = file(`bad-${Math.random()}.yaml`, text);
  const run = await runMonitor(['relabel', '-r', rulesFile, '--label', 'a=b']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(message);
  expect(run.stdout).toBe('');
});

test('--servicemonitor NS/NAME reads relabelings from -f manifests', async () => {
  const manifests = file(
    'sm.yaml',
    `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  endpoints:
  - port: http
    relabelings:
    - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node, action: replace}
`,
  );
  const run = await runMonitor(['relabel', '-f', manifests, '--servicemonitor', 'shop/api', '--label', '__meta_kubernetes_pod_node_name=n1', '-o', 'json']);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout).results[0].output).toEqual({__meta_kubernetes_pod_node_name: 'n1', node: 'n1'});
  const missing = await runMonitor(['relabel', '-f', manifests, '--servicemonitor', 'shop/nope', '--label', 'a=b']);
  expect(missing.code).toBe(2);
});

test('an unsupported --prometheus-version is a usage error', async () => {
  const rulesFile = file('rules4.yaml', rules);
  const run = await runMonitor(['relabel', '-r', rulesFile, '--label', 'a=b', '--prometheus-version', '2.30']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Prometheus 2.30 is not supported');
});

test('with --servicemonitor, the Operator\'s Prometheus spec.version chooses the semantics', async () => {
  const manifests = file(
    'operator.yaml',
    `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
spec: {version: v2.42.0}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: api, namespace: shop}
spec:
  endpoints:
  - relabelings:
    - {sourceLabels: [msg], regex: "a.b", targetLabel: dot, replacement: matched}
`,
  );
  const run = await runMonitor(['relabel', '-f', manifests, '--servicemonitor', 'shop/api', '--label', 'msg=a\nb', '-o', 'json']);
  const out = JSON.parse(run.stdout);
  expect(out.prometheusVersion).toBe('2.42');
  expect(out.results[0].output).toEqual({msg: 'a\nb'});
  expect(run.stderr).toContain('following Prometheus 2.42');
  const forced = await runMonitor(['relabel', '-f', manifests, '--servicemonitor', 'shop/api', '--label', 'msg=a\nb', '-o', 'json', '--prometheus-version', '3.14']);
  expect(JSON.parse(forced.stdout).results[0].output).toEqual({msg: 'a\nb', dot: 'matched'});
});

test('the example: kubernetes-pods rules on the annotated checkout pod keep one target per port, both on the annotated port', async () => {
  const run = await runMonitor([
    'relabel', '-r', 'examples/prometheus-config/prometheus.yml', '--job', 'kubernetes-pods', '--target',
    '--labels', 'examples/prometheus-relabel/checkout-pod-targets.yaml', '-o', 'json',
  ]);
  expect(run.code).toBe(0);
  const results = JSON.parse(run.stdout).results;
  const want = {app: 'checkout', instance: '10.244.1.21:8081', job: 'kubernetes-pods', namespace: 'apps', pod: 'checkout-5d8f7b9c4-x2x7q', pod_template_hash: '5d8f7b9c4'};
  expect(results.map((r: {output: unknown}) => r.output)).toEqual([want, want]);
  const text = await runMonitor(['relabel', '-r', 'examples/prometheus-relabel/relabel-pitfalls.yaml', '--label', 'msg=line1\nline2', '--label', 'team=ß', '--label', 'app=Web', '--prometheus-version', '2.42']);
  expect(text.stdout).toContain('+ team_upper="ß"');
  expect(text.stdout).toContain('+ app_="seen"');
  expect(text.stdout).toContain('fixed in 2.50');
});

test('--labels takes multi-document YAML and the JSON of /api/v1/targets (its discoveredLabels)', async () => {
  const rulesFile = file('rules5.yaml', '- {source_labels: [a], target_label: b}\n');
  const yamlInput = file('multi.yaml', 'a: one\n---\n- {a: two}\n- {a: three}\n');
  const fromYaml = await runMonitor(['relabel', '-r', rulesFile, '--labels', yamlInput, '-o', 'json', '--no-steps']);
  expect(JSON.parse(fromYaml.stdout).results.map((r: {output: {b: string}}) => r.output.b)).toEqual(['one', 'two', 'three']);
  const api = file('targets.json', JSON.stringify({status: 'success', data: {activeTargets: [{discoveredLabels: {a: 'active'}, labels: {}}], droppedTargets: [{discoveredLabels: {a: 'dropped'}}]}}));
  const fromApi = await runMonitor(['relabel', '-r', rulesFile, '--labels', api, '-o', 'json', '--no-steps']);
  expect(JSON.parse(fromApi.stdout).results.map((r: {input: unknown}) => r.input)).toEqual([{a: 'active'}, {a: 'dropped'}]);
});

test('-r FILE with -f follows the Prometheus found in the manifests, as `monitor targets` does', async () => {
  const args = ['relabel', '-r', 'examples/prometheus-config/prometheus.yml', '--job', 'kubernetes-pods', '--label', 'a=b', '--no-steps', '-o', 'json'];
  // examples/prometheus runs prom/prometheus:v2.42.0; `monitor targets` on it picks 2.42 too.
  const withManifests = await runMonitor([...args, '-f', 'examples/prometheus/']);
  expect(withManifests.code).toBe(0);
  expect(JSON.parse(withManifests.stdout).prometheusVersion).toBe('2.42');
  expect(withManifests.stderr).toContain('following Prometheus 2.42 (image tag of Deployment monitoring/prometheus-server)');
  const targets = await runMonitor(['targets', '-f', 'examples/prometheus/', '-o', 'json']);
  expect(JSON.parse(targets.stdout).prometheusVersion).toBe('2.42');
  // Without -f no cluster is read for the version (a kubeconfig that does not exist is never opened).
  const alone = await runMonitor([...args, '--kubeconfig', '/nonexistent/kubeconfig']);
  expect(alone.code).toBe(0);
  expect(JSON.parse(alone.stdout).prometheusVersion).toBe('3.14');
  expect(alone.stderr).toBe('');
  // The flag wins over the manifests.
  const forced = await runMonitor([...args, '-f', 'examples/prometheus/', '--prometheus-version', '3.14']);
  expect(JSON.parse(forced.stdout).prometheusVersion).toBe('3.14');
  expect(forced.stderr).toBe('');
});

test('-r FILE with -f manifests that hold no Prometheus: the newest known', async () => {
  const manifests = file('no-prometheus.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n');
  const rulesFile = file('rules6.yaml', rules);
  const run = await runMonitor(['relabel', '-r', rulesFile, '-f', manifests, '--label', 'a=b', '-o', 'json']);
  expect(JSON.parse(run.stdout).prometheusVersion).toBe('3.14');
  expect(run.stderr).toBe('');
});
