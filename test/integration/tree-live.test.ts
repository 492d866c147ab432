// kubectl tree through the real kubectl against the test cluster: metadata-only listing of
// every type, full objects for status, forbidden types skipped with one warning.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {kubectlAsync, requireBuild, root} from './helpers.ts';

let directory: string;
let cluster: TestCluster;
let forbidding: TestCluster;

beforeAll(async () => {
  requireBuild('tree');
  directory = mkdtempSync(join(tmpdir(), 'kubesleuth-tree-live-'));
  const manifests = [join(root, 'examples', 'consumers'), join(root, 'examples', 'tree')];
  [cluster, forbidding] = await Promise.all([
    startTestCluster({manifests, kubeconfigPath: join(directory, 'ok.kubeconfig')}),
    startTestCluster({manifests, forbid: ['secrets', 'configmaps'], kubeconfigPath: join(directory, 'forbid.kubeconfig')}),
  ]);
});
afterAll(async () => {
  await Promise.all([cluster?.close(), forbidding?.close()]);
  rmSync(directory, {recursive: true, force: true});
});

test('the Deployment, its ReplicaSet and its failing pod, read live', async () => {
  const result = await kubectlAsync(['tree', 'deploy', 'billing', '-n', 'billing', '-o', 'json'], {env: {KUBECONFIG: cluster.kubeconfigPath}});
  expect(result.status).toBe(0);
  const tree = JSON.parse(result.stdout);
  expect(tree).toMatchObject({kind: 'Deployment', name: 'billing', namespace: 'billing', ready: 'False'});
  expect(tree.children).toHaveLength(1);
  expect(tree.children[0]).toMatchObject({kind: 'ReplicaSet', name: 'billing-6d5f8c7b9'});
  expect(tree.children[0].children[0]).toMatchObject({kind: 'Pod', ready: 'False', status: 'CreateContainerConfigError'});
});

test('text output through kubectl reads like kubectl', async () => {
  const result = await kubectlAsync(['tree', 'deployment/billing', '-n', 'billing'], {env: {KUBECONFIG: cluster.kubeconfigPath}});
  expect(result.status).toBe(0);
  expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+READY\s+REASON\s+AGE$/);
  expect(result.stdout).toContain('└─Pod/billing-6d5f8c7b9-q4m2x');
});

test('types the user may not list are skipped with one warning naming them', async () => {
  const result = await kubectlAsync(['tree', 'deploy', 'billing', '-n', 'billing'], {env: {KUBECONFIG: forbidding.kubeconfigPath}});
  expect(result.status).toBe(0);
  const warnings = result.stderr.split('\n').filter((line) => /warning/i.test(line));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/configmaps/);
  expect(warnings[0]).toMatch(/secrets/);
  expect(result.stdout).toContain('Pod/billing-6d5f8c7b9-q4m2x');
});

test('a root that does not exist: exit 2, worded as kubectl words it', async () => {
  const result = await kubectlAsync(['tree', 'deploy', 'nope', '-n', 'billing'], {env: {KUBECONFIG: cluster.kubeconfigPath}});
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/nope/);
  expect(result.stderr).toMatch(/deployments.apps "nope" not found in namespace "billing"/);
});

test('-A finds the root in whichever namespace holds it and shows NAMESPACE', async () => {
  const result = await kubectlAsync(['tree', 'deploy', 'billing', '-A'], {env: {KUBECONFIG: cluster.kubeconfigPath}});
  expect(result.status).toBe(0);
  expect(result.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
  expect(result.stdout).toMatch(/^billing\s+Deployment\/billing/m);
});

test('a root the user may not read stays exit 3', async () => {
  const result = await kubectlAsync(['tree', 'secret', 'anything', '-n', 'billing'], {env: {KUBECONFIG: forbidding.kubeconfigPath}});
  expect(result.status).toBe(3);
});
