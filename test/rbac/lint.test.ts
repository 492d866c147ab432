// rbac lint: one case per finding, the negative cases that keep it quiet, --fail-on levels,
// and the examples' Prometheus RBAC (examples/prometheus/rbac.yaml).

import {fileURLToPath} from 'node:url';
import {dirname, join} from 'node:path';
import type {KubeObject} from '../../src/cluster/types.ts';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import {buildRbacSnapshot} from '../../src/rbac/snapshot.ts';
import {failsOn, lint, type Finding} from '../../src/rbac/lint.ts';
import {
  bindToClusterRole, bindToRole, named, namespace, newClusterRole, newClusterRoleBinding, newRole, newRoleBinding, serviceAccount, snapshotOf,
} from './fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rule = (verbs: string, apiGroups: string, resources: string) => ({verbs: verbs.split(','), apiGroups: apiGroups.split(','), resources: resources.split(',')});
const summary = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`);
const deployment = (ns: string, name: string, account: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name, namespace: ns},
  spec: {template: {spec: {serviceAccountName: account, containers: [{name: 'c', image: 'x'}], ...extra}}},
});

// Each case: objects, and the findings expected (severity code kind ns/name), nothing else.
const cases: [string, KubeObject[], string[]][] = [
  ['binding to a missing ClusterRole, with a suggestion', [
    newClusterRole('prometheus-reader', rule('get', '', 'pods')),
    named('prometheus', newClusterRoleBinding('prometheus', 'User:u')),
  ], ['error missing-role ClusterRoleBinding prometheus', 'info unused-role ClusterRole prometheus-reader']],
  ['binding to a missing Role in its namespace', [
    newRole('reader', 'other', rule('get', '', 'pods')),
    named('b', newRoleBinding('shop', 'reader', bindToRole, 'User:u')),
    named('b2', newRoleBinding('other', 'reader', bindToRole, 'User:u')),
  ], ['error missing-role RoleBinding shop/b']],
  ['service account subject that does not exist', [
    newClusterRole('r', rule('get', '', 'pods')),
    named('b', newClusterRoleBinding('r', 'ServiceAccount:monitoring/prometheus-server', 'ServiceAccount:monitoring/default')),
    serviceAccount('monitoring', 'prometheus'),
  ], ['warning missing-service-account ClusterRoleBinding b']],
  ['subject in a namespace that does not exist', [
    newClusterRole('r', rule('get', '', 'pods')),
    named('b', newClusterRoleBinding('r', 'ServiceAccount:gone/robot')),
    namespace('shop'),
  ], ['warning missing-namespace ClusterRoleBinding b']],
  ['role binding and role in a namespace that does not exist', [
    newRole('r', 'gone', rule('get', '', 'pods')),
    named('b', newRoleBinding('gone', 'r', bindToRole, 'User:u')),
    namespace('shop'),
  ], ['warning missing-namespace Role gone/r', 'warning missing-namespace RoleBinding gone/b']],
  ['a role no binding uses', [newRole('lonely', 'shop', rule('get', '', 'pods'))], ['info unused-role Role shop/lonely']],
  ['unused roles that are meant to be: system, user-facing, aggregated', [
    newClusterRole('system:thing', rule('get', '', 'pods')),
    newClusterRole('view', rule('get', '', 'pods')),
    {...newClusterRole('extra', rule('get', '', 'pods')), metadata: {name: 'extra', labels: {'rbac.authorization.k8s.io/aggregate-to-view': 'true'}}},
  ], []],
  ['reading secrets cluster-wide', [
    newClusterRole('secret-reader', rule('get,list', '', 'secrets')),
    named('b', newClusterRoleBinding('secret-reader', 'User:u')),
  ], ['warning secrets-cluster-wide ClusterRoleBinding b']],
  ['reading secrets in one namespace is not flagged', [
    newClusterRole('secret-reader', rule('get,list', '', 'secrets')),
    named('b', newRoleBinding('shop', 'secret-reader', bindToClusterRole, 'User:u')),
  ], []],
  ['named secrets are not "secrets"', [
    newClusterRole('one-secret', {...rule('get', '', 'secrets'), resourceNames: ['tls']}),
    named('b', newClusterRoleBinding('one-secret', 'User:u')),
  ], []],
  ['exec into pods', [
    newClusterRole('debugger', rule('create', '', 'pods/exec')),
    named('b', newRoleBinding('shop', 'debugger', bindToClusterRole, 'User:u')),
  ], ['warning pods-exec RoleBinding shop/b']],
  ['creating workloads in kube-system', [
    newClusterRole('deployer', rule('create', 'apps', 'deployments')),
    named('b', newRoleBinding('kube-system', 'deployer', bindToClusterRole, 'User:u')),
    named('c', newRoleBinding('shop', 'deployer', bindToClusterRole, 'User:u')),
  ], ['warning workloads-kube-system RoleBinding kube-system/b']],
  ['escalate, bind and impersonate', [
    newClusterRole('power', rule('escalate,bind', 'rbac.authorization.k8s.io', 'clusterroles'), rule('impersonate', '', 'users')),
    named('b', newClusterRoleBinding('power', 'User:u')),
  ], ['warning bind ClusterRoleBinding b', 'warning escalate ClusterRoleBinding b', 'warning impersonate ClusterRoleBinding b']],
  ['nodes/proxy', [
    newClusterRole('kubelet-api', rule('get', '', 'nodes/proxy')),
    named('b', newClusterRoleBinding('kubelet-api', 'User:u')),
  ], ['warning nodes-proxy ClusterRoleBinding b']],
  ['* on * (reported alone)', [
    newClusterRole('god', rule('*', '*', '*')),
    named('b', newClusterRoleBinding('god', 'User:u')),
  ], ['warning wildcard-all ClusterRoleBinding b']],
  ['cluster-admin for system:masters and bootstrap bindings is expected', [
    newClusterRole('god', rule('*', '*', '*')),
    named('b', newClusterRoleBinding('god', 'Group:system:masters')),
    named('system:controller', newClusterRoleBinding('god', 'User:system:kube-controller-manager')),
  ], []],
  ['bindings to system:anonymous and system:unauthenticated', [
    newClusterRole('r', rule('get', '', 'pods')),
    named('anon', newClusterRoleBinding('r', 'User:system:anonymous')),
    named('unauth', newRoleBinding('shop', 'r', bindToClusterRole, 'Group:system:unauthenticated')),
    named('system:public-info-viewer', newClusterRoleBinding('r', 'Group:system:unauthenticated')),
  ], ['error anonymous-access ClusterRoleBinding anon', 'error anonymous-access RoleBinding shop/unauth']],
  ['a workload whose service account has no binding but mounts its token', [
    serviceAccount('shop', 'api'), serviceAccount('shop', 'quiet', {automountServiceAccountToken: false}), serviceAccount('shop', 'bound'),
    deployment('shop', 'api', 'api'),
    deployment('shop', 'opted-out', 'api', {automountServiceAccountToken: false}),
    deployment('shop', 'quiet', 'quiet'),
    deployment('shop', 'bound', 'bound'),
    deployment('shop', 'plain', 'default'),
    newClusterRole('r', rule('get', '', 'pods')),
    named('b', newRoleBinding('shop', 'r', bindToClusterRole, 'ServiceAccount:bound')),
  ], ['info unbound-token-mounted Deployment shop/api']],
  ['a binding to the account\'s service-account group counts as a binding', [
    serviceAccount('shop', 'api'),
    deployment('shop', 'api', 'api'),
    newClusterRole('r', rule('get', '', 'configmaps')),
    named('b', newRoleBinding('shop', 'r', bindToClusterRole, 'Group:system:serviceaccounts:shop')),
  ], []],
  ['a workload running as a service account that does not exist', [
    serviceAccount('shop', 'api-server'),
    deployment('shop', 'api', 'api'),
  ], ['warning missing-service-account Deployment shop/api']],
];

describe('lint findings', () => {
  test.each(cases)('%s', (_name, objects, expected) => {
    expect(summary(lint(snapshotOf(...objects)).findings)).toEqual(expected);
  });

  test('messages name what was probably meant', () => {
    const result = lint(snapshotOf(
      newClusterRole('prometheus-reader', rule('get', '', 'pods')),
      named('prometheus', newClusterRoleBinding('prometheus', 'ServiceAccount:monitoring/prometheus-server')),
      serviceAccount('monitoring', 'prometheus'),
    ));
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([
      {severity: 'error', code: 'missing-role', object: {kind: 'ClusterRoleBinding', namespace: '', name: 'prometheus'},
        message: 'roleRef names ClusterRole prometheus, which does not exist: the binding grants nothing; did you mean prometheus-reader?',
        suggestion: 'ClusterRole prometheus-reader'},
      {severity: 'warning', code: 'missing-service-account', object: {kind: 'ClusterRoleBinding', namespace: '', name: 'prometheus'},
        message: 'subject ServiceAccount monitoring/prometheus-server does not exist; did you mean monitoring/prometheus?',
        suggestion: 'ServiceAccount monitoring/prometheus'},
    ]);
  });

  test('a Role named where a ClusterRole exists suggests the kind', () => {
    const [finding] = lint(snapshotOf(newClusterRole('reader', rule('get', '', 'pods')), named('b', newRoleBinding('shop', 'reader', bindToRole, 'User:u')))).findings;
    expect(finding).toMatchObject({code: 'missing-role', suggestion: 'ClusterRole reader'});
    expect(finding.message).toContain('set roleRef.kind to ClusterRole');
  });

  test('checks that need ServiceAccounts or Namespaces say they were skipped', () => {
    expect(lint(snapshotOf()).skipped).toEqual([
      'namespace checks: the input has no Namespace objects',
      'service account checks: the input has no ServiceAccount objects',
    ]);
  });

  test.each([
    ['error', {error: 1, warning: 0, info: 0}, true],
    ['warning', {error: 0, warning: 1, info: 0}, true],
    ['warning', {error: 0, warning: 0, info: 3}, false],
    ['info', {error: 0, warning: 0, info: 1}, true],
    ['error', {error: 0, warning: 2, info: 0}, false],
    ['never', {error: 5, warning: 0, info: 0}, false],
  ] as const)('--fail-on %s with %j: %s', (level, counts, expected) => {
    const findings: Finding[] = [];
    for (const severity of ['error', 'warning', 'info'] as const) {
      for (let i = 0; i < counts[severity]; i++) findings.push({severity, code: 'x', object: {kind: 'K', namespace: '', name: 'n'}, message: ''});
    }
    expect(failsOn({findings, summary: {...counts}, skipped: []}, level)).toBe(expected);
  });
});

describe('the examples', () => {
  test('examples/prometheus: the broken binding is reported with both suggestions', () => {
    const source = ManifestSource.fromPaths([join(root, 'examples', 'prometheus')]);
    const result = lint(buildRbacSnapshot(source.allObjects()));
    const binding = result.findings.filter((f) => f.object.kind === 'ClusterRoleBinding' && f.object.name === 'prometheus');
    expect(binding.map((f) => [f.code, f.suggestion])).toEqual([
      ['missing-role', 'ClusterRole prometheus-clusterrole'],
      ['missing-service-account', 'ServiceAccount monitoring/prometheus-serviceaccount'],
    ]);
  });
});
