// The rbac commands as a user runs them (a child process, offline on examples/rbac and
// examples/prometheus): CONTRACT.md's JSON shapes and exit codes, and parity with
// `kubectl auth can-i`'s flags, output and exit codes (kubectl pkg/cmd/auth/cani.go).

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runRbac, type RunResult} from './run-rbac.ts';

const shop = ['-f', 'examples/rbac'];

// Runs are cached by their arguments: several tests look at one run.
const runs = new Map<string, Promise<RunResult>>();
function run(...args: string[]): Promise<RunResult> {
  const key = JSON.stringify(args);
  if (!runs.has(key)) runs.set(key, runRbac(args));
  return runs.get(key)!;
}
function runWithManifest(manifest: string, ...args: string[]): Promise<RunResult> {
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-rbac-'));
  const file = join(directory, 'bad.yaml');
  writeFileSync(file, manifest);
  return runRbac([...args, '-f', file]).finally(() => rmSync(directory, {recursive: true, force: true}));
}

const canICases: [string, string[], number, string][] = [
  ['yes', ['can-i', 'create', 'deployments', '--as', 'system:serviceaccount:shop:ci', '-n', 'shop', ...shop], 0, 'yes\n'],
  ['no', ['can-i', 'create', 'deployments', '--as', 'system:serviceaccount:shop:ci', '-n', 'default', ...shop], 1, 'no\n'],
  ['group via --as-group', ['can-i', 'get', 'pods', '--subresource=log', '--as', 'dana', '--as-group', 'developers', '-n', 'shop', ...shop], 0, 'yes\n'],
  ['TYPE/NAME', ['can-i', 'get', 'deployments.apps/api', '--as', 'dana', '--as-group', 'developers', '-n', 'shop', ...shop], 0, 'yes\n'],
  ['service account groups', ['can-i', 'list', 'configmaps', '--as', 'system:serviceaccount:shop:api', '-n', 'shop', ...shop], 0, 'yes\n'],
  ['--as-group replaces a service account\'s groups', ['can-i', 'list', 'configmaps', '--as', 'system:serviceaccount:shop:api', '--as-group', 'x', '-n', 'shop', ...shop], 1, 'no\n'],
  ['-A asks cluster-wide', ['can-i', 'list', 'secrets', '--as', 'erin', '-A', ...shop], 0, 'yes\n'],
  ['system:masters', ['can-i', '*', '*', '--as', 'root', '--as-group', 'system:masters', ...shop], 0, 'yes\n'],
  ['--quiet prints nothing', ['can-i', 'delete', 'nodes', '--as', 'erin', '-q', ...shop], 1, ''],
  ['a denial with resolution errors gives the reason', ['can-i', 'get', 'secrets', '--as', 'system:serviceaccount:shop:reports', '-n', 'shop', ...shop], 1,
    'no - RBAC: role.rbac.authorization.k8s.io "secret-readers" not found\n'],
];

describe('rbac can-i (kubectl auth can-i parity)', () => {
  test.each(canICases)('%s', async (_name, args, code, stdout) => {
    const result = await run(...args);
    expect({code: result.code, stdout: result.stdout}).toEqual({code, stdout});
  });

  test('-o json: {allowed, reason} and the deciding binding', async () => {
    const result = await run('can-i', 'create', 'deployments', '--as', 'system:serviceaccount:shop:ci', '-n', 'shop', '-o', 'json', ...shop);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "ci-deploys/shop" of Role "deployer" to ServiceAccount "ci/shop"',
      allowedBy: {binding: {kind: 'RoleBinding', name: 'ci-deploys', namespace: 'shop'}, role: {kind: 'Role', name: 'deployer'}},
    });
  });

  test('a cluster-scoped resource in a namespace draws kubectl\'s warning', async () => {
    const result = await run('can-i', 'get', 'nodes', '--as', 'erin', '-n', 'shop', ...shop);
    expect(result.stderr).toContain("Warning: resource 'nodes' is not namespace scoped");
    expect(result.code).toBe(1);
  });

  test('--list prints kubectl\'s table', async () => {
    const result = await run('can-i', '--list', '--as', 'dana', '--as-group', 'developers', '-n', 'shop', ...shop);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Resources           Non-Resource URLs   Resource Names   Verbs');
    expect(result.stdout).toContain('pods/log            []                  []               [get list watch]');
  });

  test.each([
    ['--list with arguments', ['can-i', '--list', 'get', 'pods', '--as', 'x'], 'list option must be specified with no arguments'],
    ['--list with --quiet', ['can-i', '--list', '-q', '--as', 'x'], "list option can't be specified with neither quiet, all-namespaces nor subresource options"],
    ['--no-headers without --list', ['can-i', 'get', 'pods', '--no-headers', '--as', 'x'], '--no-headers cannot be set without --list specified'],
    ['one argument', ['can-i', 'get', '--as', 'x'], 'you must specify two arguments'],
    ['no --as', ['can-i', 'get', 'pods'], '--as is required'],
    ['--sar offline', ['can-i', 'get', 'pods', '--as', 'x', '--sar'], '--sar asks the API server and needs a cluster'],
  ])('usage error (exit 2): %s', async (_name, args, message) => {
    const result = await run(...args, ...shop);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('rbac who-can', () => {
  test('-o json has the CONTRACT.md shape', async () => {
    const result = await run('who-can', 'create', 'deployments.apps', '-n', 'shop', '-o', 'json', ...shop);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      verb: 'create', resource: 'deployments', subresource: '', apiGroup: 'apps', name: '', namespace: 'shop',
      subjects: [
        {kind: 'Group', name: 'system:masters', namespace: ''},
        {kind: 'ServiceAccount', name: 'ci', namespace: 'shop',
          via: [{binding: {kind: 'RoleBinding', name: 'ci-deploys', namespace: 'shop'}, role: {kind: 'Role', name: 'deployer'}}]},
      ],
    });
  });

  test('text table with the bindings that grant it', async () => {
    const result = await run('who-can', 'create', 'pods/exec', '-A', ...shop);
    expect(result.stdout).toBe([
      'KIND    NAMESPACE   NAME             VIA',
      'Group               oncall           ClusterRoleBinding/oncall (ClusterRole/oncall)',
      'Group               system:masters   always allowed (privileged group)',
      'User                erin             ClusterRoleBinding/oncall (ClusterRole/oncall)',
      '',
    ].join('\n'));
  });

  test('a binding to a missing role is reported on stderr', async () => {
    const result = await run('who-can', 'get', 'secrets', '-n', 'shop', ...shop);
    expect(result.stderr).toContain('RoleBinding shop/reports-read-credentials: role.rbac.authorization.k8s.io "secret-readers" not found');
  });
});

describe('rbac access', () => {
  test('-A -o json: every permission with its namespace and source', async () => {
    const result = await run('access', 'sa:shop/ci', '-A', '-o', 'json', ...shop);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.subject).toEqual({kind: 'ServiceAccount', name: 'ci', namespace: 'shop'});
    expect(parsed.rules.map((rule: {namespace: string; resources: string[]; verbs: string[]}) => `${rule.namespace} ${rule.resources[0]} ${rule.verbs.join(',')}`)).toEqual([
      'shop configmaps get,list,create,update,watch',
      'shop services get,list,create,update',
      'shop deployments get,list,watch,create,update,patch',
      'shop replicasets get,list,watch,create,update,patch',
    ]);
  });

  test('a subject it cannot read is a usage error', async () => {
    const result = await run('access', 'sa:nonamespace', ...shop);
    expect(result.code).toBe(2);
  });
});

describe('rbac lint', () => {
  test('exit 1 at the default --fail-on warning, 0 with never', async () => {
    expect((await run('lint', ...shop)).code).toBe(1);
    expect((await run('lint', '--fail-on', 'never', ...shop)).code).toBe(0);
  });

  test('the Prometheus example: both suggestions, as JSON', async () => {
    const result = await run('lint', '-f', 'examples/prometheus', '-o', 'json');
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings.filter((f: {object: {name: string}}) => f.object.name === 'prometheus');
    expect(findings.map((f: {code: string; suggestion: string}) => [f.code, f.suggestion])).toEqual([
      ['missing-role', 'ClusterRole prometheus-clusterrole'],
      ['missing-service-account', 'ServiceAccount monitoring/prometheus-serviceaccount'],
    ]);
  });
});

describe('bad input (exit 2, naming the file, document, field and object)', () => {
  test.each([
    ['a binding without roleRef', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nsubjects: [{kind: User, name: u}]\n',
      'bad.yaml, document 1, field roleRef: RoleBinding shop/b has no roleRef'],
    ['an unknown subject kind', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: c}\n' +
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: Robot, name: r2}]\n',
    'bad.yaml, document 2, field subjects[0].kind: ClusterRoleBinding c: unknown subject kind "Robot"'],
  ])('%s', async (_name, manifest, message) => {
    const result = await runWithManifest(manifest, 'lint');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

// One Role and the binding that uses it: nothing for lint to find.
const cleanRbac = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: viewer}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
`;

describe('rbac lint --no-headers', () => {
  test('rows only: no summary line; with headers the summary stays', async () => {
    const bare = await runRbac(['lint', '-f', 'examples/rbac', '--no-headers']);
    const full = await runRbac(['lint', '-f', 'examples/rbac']);
    expect(full.stdout).toMatch(/\n\d+ errors?, \d+ warnings?, \d+ info\n$/);
    expect(bare.stdout).not.toMatch(/errors?, .*warnings?/);
    expect(bare.stdout).not.toMatch(/^SEVERITY/);
    const findings = JSON.parse((await runRbac(['lint', '-f', 'examples/rbac', '-o', 'json'])).stdout).findings;
    expect(bare.stdout.split('\n').filter(Boolean)).toHaveLength(findings.length);
    expect(bare.code).toBe(full.code);
  });

  test('no findings: nothing at all without headers, "no findings" with them', async () => {
    expect((await runWithManifest(cleanRbac, 'lint', '--no-headers', '--fail-on', 'never')).stdout).toBe('');
    expect((await runWithManifest(cleanRbac, 'lint', '--fail-on', 'never')).stdout).toBe('no findings\n');
  });
});
