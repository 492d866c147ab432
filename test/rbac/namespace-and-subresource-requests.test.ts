// Requests the API server reads differently from what their shape suggests:
// - a request on one Namespace object is authorized in that namespace (apiserver
//   pkg/endpoints/request/requestinfo.go NewRequestInfo takes the namespace from the path
//   `/api/v1/namespaces/NAME`; requestinfo_test.go TestGetAPIRequestInfo:
//   GET /api/v1/namespaces/other → namespace "other", resource namespaces, name "other";
//   PUT /api/v1/namespaces/other/status → the same with subresource status; GET /api/v1/namespaces
//   → list, namespace ""), so RoleBindings in it count, for who-can and can-i alike;
// - `can-i VERB pods/exec` reads exec as a name, as kubectl auth can-i does, with a warning.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {authorize} from '../../src/rbac/authorizer.ts';
import {namespaceOfNamespaceRequest, parseRequest} from '../../src/rbac/request.ts';
import {whoCan} from '../../src/rbac/subject-locator.ts';
import {bindToRole, newRole, newRoleBinding, newRule, snapshotOf, attributes} from './fixtures.ts';
import {runRbac, type RunResult} from './run-rbac.ts';

const catalog = new ResourceCatalog();

describe('a request on one Namespace carries its name as namespace (requestinfo.go)', () => {
  // [name, verb, subresource, name, expected namespace] after requestinfo_test.go's URL cases.
  test.each([
    ['GET /api/v1/namespaces/other', 'get', '', 'other', 'other'],
    ['PUT /api/v1/namespaces/other/status', 'update', 'status', 'other', 'other'],
    ['PUT /api/v1/namespaces/other/finalize', 'update', 'finalize', 'other', 'other'],
    ['PATCH /api/v1/namespaces/other', 'patch', '', 'other', 'other'],
    ['DELETE /api/v1/namespaces/other', 'delete', '', 'other', 'other'],
    ['GET /api/v1/namespaces (list)', 'list', '', '', undefined],
    ['DELETE /api/v1/namespaces (deletecollection)', 'deletecollection', '', '', undefined],
    ['POST /api/v1/namespaces (create: no name in the path)', 'create', '', 'other', undefined],
    ['list with fieldSelector metadata.name (the path has no name)', 'list', '', 'other', undefined],
  ])('%s', (_name, verb, subresource, name, expected) => {
    expect(namespaceOfNamespaceRequest(attributes(verb, 'namespaces', subresource, '', '', name))).toBe(expected);
  });

  test('only the core namespaces resource', () => {
    expect(namespaceOfNamespaceRequest(attributes('get', 'namespaces', '', '', 'example.com', 'other'))).toBeUndefined();
    expect(namespaceOfNamespaceRequest(attributes('get', 'pods', '', '', '', 'other'))).toBeUndefined();
  });

  test.each([
    ['who-can, -n elsewhere', 'subresource', 'elsewhere'],
    ['who-can, -A', 'subresource', ''],
    ['can-i', 'name', 'default'],
  ] as const)('parseRequest fixes the namespace: %s', (_name, slashMeans, namespace) => {
    const parsed = parseRequest({verb: 'get', target: 'namespaces', name: 'shop', namespace, catalog, slashMeans});
    expect(parsed.ownNamespace).toBe('shop');
    expect(parsed.request.namespace).toBe('shop');
    expect(parsed.namespaced).toBe(false);
  });

  const snapshot = snapshotOf(
    newRole('ns-reader', 'shop', newRule('get', '', 'namespaces', '')),
    newRoleBinding('shop', 'ns-reader', bindToRole, 'User:alice'),
  );
  test('authorizer and subject locator agree: the RoleBinding in shop grants get on namespace shop only', () => {
    const own = parseRequest({verb: 'get', target: 'namespaces', name: 'shop', namespace: 'default', catalog, slashMeans: 'name'}).request;
    const other = parseRequest({verb: 'get', target: 'namespaces', name: 'other', namespace: 'shop', catalog, slashMeans: 'name'}).request;
    expect(authorize(snapshot, {name: 'alice', groups: []}, own).allowed).toBe(true);
    expect(authorize(snapshot, {name: 'alice', groups: []}, other).allowed).toBe(false);
    expect(whoCan(snapshot, own).subjects.map((subject) => subject.name)).toEqual(['system:masters', 'alice']);
    expect(whoCan(snapshot, other).subjects.map((subject) => subject.name)).toEqual(['system:masters']);
  });
});

const manifest = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ns-reader, namespace: shop}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-own-namespace, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ns-reader}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;

let directory: string;
let file: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'kubesleuth-rbac-ns-'));
  file = join(directory, 'namespace-reader.yaml');
  writeFileSync(file, manifest);
});
afterAll(() => rmSync(directory, {recursive: true, force: true}));
const run = (...args: string[]): Promise<RunResult> => runRbac([...args, '-f', file]);

describe('commands: get namespaces NAME', () => {
  test.each([
    ['who-can -n shop', ['who-can', 'get', 'namespaces', 'shop', '-n', 'shop']],
    ['who-can without -n', ['who-can', 'get', 'namespaces', 'shop']],
    ['who-can -A', ['who-can', 'get', 'namespaces', 'shop', '-A']],
  ])('%s finds the RoleBinding in shop', async (_name, args) => {
    const result = await run(...args, '-o', 'json');
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.namespace).toBe('shop');
    expect(parsed.subjects).toContainEqual(expect.objectContaining({kind: 'User', name: 'alice',
      via: [{binding: {kind: 'RoleBinding', name: 'read-own-namespace', namespace: 'shop'}, role: {kind: 'Role', name: 'ns-reader', namespace: 'shop'}}]}));
  });

  test('who-can list namespaces: cluster-wide only', async () => {
    const result = await run('who-can', 'list', 'namespaces', '-n', 'shop', '-o', 'json');
    expect(JSON.parse(result.stdout).subjects.map((subject: {name: string}) => subject.name)).toEqual(['system:masters']);
  });

  test.each([
    ['-n shop', ['get', 'namespaces', 'shop', '-n', 'shop'], 0],
    ['no -n', ['get', 'namespaces', 'shop'], 0],
    ['TYPE/NAME with -A', ['get', 'namespaces/shop', '-A'], 0],
    ['another namespace, -n shop', ['get', 'namespaces', 'other', '-n', 'shop'], 1],
  ])('can-i agrees: %s', async (_name, args, code) => {
    const result = await run('can-i', ...args, '--as', 'alice');
    expect(result.code).toBe(code);
  });

  test('can-i names the namespace that counts when -n says another', async () => {
    const result = await run('can-i', 'get', 'namespaces', 'shop', '-n', 'default', '--as', 'alice');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('a request on namespace "shop" is authorized in namespace "shop", not "default"');
  });
});

describe('can-i TYPE/NAME where NAME is a subresource', () => {
  test.each([
    ['pods/exec', 'create', 'pods/exec', "Warning: 'pods/exec' is read as TYPE/NAME, a pods object named \"exec\"; to check the exec subresource, use 'create pods --subresource=exec'"],
    ['pods/log', 'get', 'pods/log', "use 'get pods --subresource=log'"],
    ['deploy/scale (short name)', 'update', 'deploy/scale', "a deployments object named \"scale\"; to check the scale subresource, use 'update deploy --subresource=scale'"],
    ['serviceaccounts/token', 'create', 'serviceaccounts/token', '--subresource=token'],
    ['nodes/proxy', 'get', 'nodes/proxy', '--subresource=proxy'],
  ])('%s: kubectl reads a name (kept), with a warning', async (_name, verb, target, warning) => {
    const result = await run('can-i', verb, target, '--as', 'alice', '-n', 'shop', '-o', 'json');
    expect(result.stderr).toContain(warning);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.request).toMatchObject({name: target.split('/')[1], subresource: ''});
  });

  test.each([
    ['an ordinary name', ['create', 'pods/web']],
    ['--subresource given', ['get', 'pods/log', '--subresource', 'log']],
    ['who-can reads a subresource', []],
  ])('no warning: %s', async (name, args) => {
    const result = name.startsWith('who-can')
      ? await run('who-can', 'create', 'pods/exec', '-n', 'shop')
      : await run('can-i', ...args, '--as', 'alice', '-n', 'shop');
    expect(result.stderr).not.toContain('is read as TYPE/NAME');
  });

  test('discovery\'s subresources count too', () => {
    const types = [{kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: [], group: 'example.com', version: 'v1', namespaced: true, verbs: [], subresources: ['frobnicate']}];
    const parsed = parseRequest({verb: 'create', target: 'widgets.example.com/frobnicate', namespace: 'default', catalog: new ResourceCatalog(types), slashMeans: 'name'});
    expect(parsed.warnings.join('\n')).toContain('--subresource=frobnicate');
  });
});
