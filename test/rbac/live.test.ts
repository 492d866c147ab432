// The rbac commands against the test cluster (a live API on loopback) holding examples/rbac:
// the same answers as offline (the cluster lists what the manifests hold), can-i --sar through
// a SubjectAccessReview, and the warning when the server and the local evaluation disagree.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {runRbac, root} from './run-rbac.ts';
import {subjectAccessReviewRoute} from '../cluster/handlers/subject-access-review.ts';

let cluster: TestCluster;
let directory: string;
let kubeconfig: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'kubesleuth-rbac-live-'));
  kubeconfig = join(directory, 'kubeconfig');
  // The test cluster has no RBAC authorizer of its own: the route answers from its RBAC objects,
  // except that it says "no" to anyone asking to delete namespaces (a stand-in for another authorizer).
  const route = subjectAccessReviewRoute((_user, request) => (request.verb === 'delete' && request.resource === 'namespaces' ? {allowed: false, reason: 'denied by policy'} : undefined));
  cluster = await startTestCluster({manifests: join(root, 'examples', 'rbac'), kubeconfigPath: kubeconfig, routes: [route]});
});

afterAll(async () => {
  await cluster?.close();
  rmSync(directory, {recursive: true, force: true});
});

const live = (...args: string[]) => runRbac([...args, '--kubeconfig', kubeconfig]);

describe('rbac live', () => {
  test('who-can reads the cluster and answers as offline', async () => {
    const [online, offline] = [await live('who-can', 'create', 'pods/exec', '-A', '-o', 'json'), await runRbac(['who-can', 'create', 'pods/exec', '-A', '-o', 'json', '-f', 'examples/rbac'])];
    expect(online.stderr).toBe(offline.stderr);
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toEqual(JSON.parse(offline.stdout));
  });

  test('aggregated ClusterRoles: live as the cluster filled them in, offline aggregated by the engine, the same answer', async () => {
    // The test cluster fills in aggregated rules as a real cluster's aggregation controller does.
    expect((await live('can-i', 'get', 'pods', '--as', 'dana', '--as-group', 'developers', '-n', 'shop')).stdout).toBe('yes\n');
    expect((await runRbac(['can-i', 'get', 'pods', '--as', 'dana', '--as-group', 'developers', '-n', 'shop', '-f', 'examples/rbac'])).stdout).toBe('yes\n');
  });

  test('can-i --sar asks the server and agrees', async () => {
    const result = await live('can-i', 'create', 'deployments', '--as', 'system:serviceaccount:shop:ci', '-n', 'shop', '--sar', '-o', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      allowed: true, agree: true,
      server: {allowed: true, reason: 'RBAC: allowed by RoleBinding "ci-deploys/shop" of Role "deployer" to ServiceAccount "ci/shop"'},
      local: {allowed: true},
    });
    expect(result.stderr).toBe('');
  });

  test('can-i --sar says when the server disagrees, and the server decides', async () => {
    const result = await live('can-i', 'delete', 'namespaces', '--as', 'root', '--as-group', 'system:masters', '--sar');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('no - denied by policy\n');
    expect(result.stderr).toContain('the API server says no, the local evaluation of the RBAC objects says yes');
  });

  // Live, "support" has no rules (no aggregation controller here), which changes nothing lint reports.
  test('lint reads service accounts, namespaces and workloads live', async () => {
    const result = await live('lint', '-o', 'json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: {code: string; object: {name: string}}) => `${f.code} ${f.object.name}`)).toEqual(
      JSON.parse((await runRbac(['lint', '-o', 'json', '-f', 'examples/rbac'])).stdout).findings.map((f: {code: string; object: {name: string}}) => `${f.code} ${f.object.name}`)
    );
  });
});
