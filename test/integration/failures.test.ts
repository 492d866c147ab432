// Exit codes 2 and 3 through the real plugins: bad input names file, document and field;
// a cluster that cannot be read gives 3 with the server and the resource; never a stack trace.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {kubectl, kubectlAsync, requireBuild, root} from './helpers.ts';

let directory: string;
beforeAll(() => {
  ['netpol', 'tree'].forEach(requireBuild);
  directory = mkdtempSync(join(tmpdir(), 'kubesleuth-failures-'));
});
afterAll(() => rmSync(directory, {recursive: true, force: true}));

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

test('a malformed manifest: exit 2 naming the file and the document', () => {
  const file = join(directory, 'broken.yaml');
  writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
  const result = kubectl(['netpol', 'matrix', '-f', file]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`^error: ${file}:\\d+:\\d+, document 2: invalid YAML`));
  expectNoStackTrace(result.stderr);
});

test('an object without a kind: exit 2 naming the field', () => {
  const file = join(directory, 'nokind.yaml');
  writeFileSync(file, 'apiVersion: v1\nmetadata: {name: a}\n');
  const result = kubectl(['netpol', 'matrix', '-f', file]);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain(`${file}, document 1, field kind: kind is missing`);
});

test('an unknown kind: exit 2 in kubectl\'s words', () => {
  const result = kubectl(['tree', 'frobnicator', 'x', '-f', join(root, 'examples', 'prometheus')]);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('the server doesn\'t have a resource type "frobnicator"');
});

test('an unreachable server: exit 3 naming it', () => {
  const result = kubectl(['netpol', 'matrix', '-n', 'shop']);
  expect(result.status).toBe(3);
  expect(result.stderr).toContain('127.0.0.1:1');
  expectNoStackTrace(result.stderr);
});

describe('against the test cluster', () => {
  let healthy: TestCluster;
  let forbidding: TestCluster;
  let slow: TestCluster;
  beforeAll(async () => {
    [healthy, forbidding, slow] = await Promise.all([
      startTestCluster({manifests: join(root, 'examples', 'netpol-tutorial'), kubeconfigPath: join(directory, 'ok.kubeconfig')}),
      startTestCluster({manifests: join(root, 'examples', 'netpol-tutorial'), forbid: ['pods'], kubeconfigPath: join(directory, 'forbid.kubeconfig')}),
      startTestCluster({manifests: join(root, 'examples', 'netpol-tutorial'), latencyMs: 3000, kubeconfigPath: join(directory, 'slow.kubeconfig')}),
    ]);
  });
  afterAll(async () => {
    await Promise.all([healthy?.close(), forbidding?.close(), slow?.close()]);
  });

  test('403 on a needed resource: exit 3 naming the resource', async () => {
    const result = await kubectlAsync(['netpol', 'matrix', '-n', 'shop'], {env: {KUBECONFIG: forbidding.kubeconfigPath}});
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/pods/);
    expect(result.stderr).toMatch(/[Ff]orbidden|403/);
    expectNoStackTrace(result.stderr);
  });

  test('a slow server past --request-timeout: exit 3, promptly', async () => {
    const start = Date.now();
    const result = await kubectlAsync(['netpol', 'matrix', '-n', 'shop', '--request-timeout', '500ms'], {env: {KUBECONFIG: slow.kubeconfigPath}});
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/time(d)? ?out/i);
    expect(Date.now() - start).toBeLessThan(2900);
  });

  test('the same command reads the live cluster when it answers', async () => {
    const result = await kubectlAsync(['netpol', 'test', '--from', 'shop/frontend', '--to', 'shop/database', '--port', '5432', '-o', 'json'], {env: {KUBECONFIG: healthy.kubeconfigPath}});
    expect(result.status).toBe(1); // denied: a finding, not a failure
    expect(JSON.parse(result.stdout).results[0]).toMatchObject({from: 'shop/frontend', to: 'shop/database', allowed: false});
  });
});

test('large manifests on stdin (-f -) are read whole', () => {
  const pods = Array.from({length: 3000}, (_, index) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: `p${index}`, namespace: 'big', labels: {app: 'x'}}, spec: {containers: [{name: 'c', image: 'i'}]}, status: {podIP: `10.1.${index >> 8}.${index & 255}`}}));
  const input = JSON.stringify({apiVersion: 'v1', kind: 'List', items: pods});
  expect(input.length).toBeGreaterThan(256 * 1024);
  // The last pod is found only if every byte arrived.
  const result = kubectl(['netpol', 'test', '--from', 'big/p0', '--to', 'big/p2999', '--port', '80', '-o', 'jsonpath={.results[0].allowed}', '-f', '-'], {input});
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('true');
});

test('a malformed kubeconfig: exit 2 naming its line, never quoting its credentials', () => {
  const file = join(directory, 'broken.kubeconfig');
  writeFileSync(file, 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: TOKEN-THAT-MUST-NOT-LEAK\n     x: y\n');
  const result = kubectl(['netpol', 'matrix', '--kubeconfig', file]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`^error: ${file}:7:\\d+: not a valid kubeconfig`));
  expect(result.stderr).not.toContain('TOKEN-THAT-MUST-NOT-LEAK');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
});

test('boolean flags take =true and =false, and --as-group leaves later arguments alone', () => {
  const offFlag = kubectl(['rbac', 'who-can', 'get', 'pods', '--all-namespaces=false', '-n', 'shop', '-f', 'examples/rbac', '-o', 'jsonpath={.namespace}']);
  expect(offFlag.status).toBe(0);
  expect(offFlag.stdout).toBe('shop');
  const asGroup = kubectl(['rbac', 'can-i', '--as', 'dana', '--as-group', 'developers', 'get', 'pods', '-n', 'shop', '-f', 'examples/rbac']);
  expect([0, 1]).toContain(asGroup.status);
  expect(asGroup.stdout).toMatch(/^(yes|no)\n$/);
});

test.each([
  ['a ConfigMap named for the Prometheus config', ['monitor', 'targets', '--configmap', 'monitoring/nope', '-f', 'examples/prometheus'], /ConfigMap monitoring\/nope not found/],
  ['a pod asked about with --why', ['monitor', 'targets', '--configmap', 'monitoring/prometheus-server', '--why', 'apps/nope', '-f', 'examples/prometheus'], /pod\/apps\/nope not found/],
  ['a Secret whose references are asked for', ['inspect', 'refs', 'secret/nope', '-n', 'billing', '-f', 'examples/consumers'], /secrets "nope" not found in namespace "billing"/],
  ['a label selector that does not parse', ['tree', 'deploy/billing', '-n', 'billing', '-l', 'a in (', '-f', 'examples/consumers'], /unable to parse requirement/],
])('a named object that does not exist, or a bad selector, is bad input (exit 2): %s', (_name, args, message) => {
  const result = kubectl(args as string[]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
});

test('a bad label selector is refused before any request to the cluster', () => {
  const result = kubectl(['tree', 'deploy/billing', '-n', 'billing', '-l', 'a in (']);
  expect(result.status).toBe(2);
  expect(result.stderr).not.toMatch(/127\.0\.0\.1:1/);
});
