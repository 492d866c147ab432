// rbac access: effective permissions in the shape and order of `kubectl auth can-i --list`
// (kubectl pkg/cmd/auth/cani.go printStatus; pkg/util/rbac BreakdownRule, CompactRules;
// SortableRuleSlice orders by rbacv1.PolicyRule's String()).

import {combineResourceGroup, effectiveAccess, goRuleString, listRules} from '../../src/rbac/access.ts';
import {impersonatedUser} from '../../src/rbac/user-info.ts';
import {bindToClusterRole, bindToRole, named, newClusterRole, newClusterRoleBinding, newRole, newRoleBinding, snapshotOf} from './fixtures.ts';

const row = (rule: {resources: string[]; apiGroups: string[]; nonResourceURLs: string[]; resourceNames: string[]; verbs: string[]}) =>
  [combineResourceGroup(rule.resources, rule.apiGroups), `[${rule.nonResourceURLs.join(' ')}]`, `[${rule.resourceNames.join(' ')}]`, `[${rule.verbs.join(' ')}]`].join(' | ');

describe('listRules: kubectl can-i --list', () => {
  test('breaks rules down, merges verbs per resource, sorts by the Go string form', () => {
    const rules = listRules([
      {rule: {verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments/scale'], resourceNames: [], nonResourceURLs: []}},
      {rule: {verbs: ['watch', 'get'], apiGroups: [''], resources: ['pods'], resourceNames: [], nonResourceURLs: []}},
      {rule: {verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'], nonResourceURLs: []}},
      {rule: {verbs: ['get'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['/healthz', '/api/*']}},
      {rule: {verbs: ['get'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['/healthz']}},
      {rule: {verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: []}},
    ]);
    expect(rules.map(row)).toEqual([
      '*.* | [] | [] | [*]',
      // Verbs come first in the Go string, and "[get list watch]" < "[get list]" < "[get]"
      // because a space sorts before "]".
      'pods | [] | [] | [get list watch]',
      'deployments/scale | [] | [] | [get list]',
      'deployments.apps/scale | [] | [] | [get list]',
      'pods.apps | [] | [] | [get list]',
      ' | [/api/*] | [] | [get]',
      ' | [/healthz] | [] | [get]',
      ' | [/healthz] | [] | [get]', // kubectl does not merge non-resource rules
      'configmaps | [] | [a] | [get]',
      'configmaps | [] | [b] | [get]',
    ]);
  });

  test('a resource rule without apiGroups lists nothing, as the breakdown has no group to take', () => {
    expect(listRules([{rule: {verbs: ['get'], apiGroups: [], resources: ['pods']}}])).toEqual([]);
  });

  test.each([
    [['pods'], [''], 'pods'],
    [['deployments'], ['apps'], 'deployments.apps'],
    [['deployments/scale'], ['apps'], 'deployments.apps/scale'],
    [['*'], ['*'], '*.*'],
    [[], ['apps'], ''],
  ])('combineResourceGroup(%j, %j) = %s', (resources, groups, expected) => {
    expect(combineResourceGroup(resources, groups)).toBe(expected);
  });

  test('goRuleString', () => {
    expect(goRuleString({verbs: ['get', 'list'], apiGroups: [''], resources: ['pods']}))
      .toBe('&PolicyRule{Verbs:[get list],APIGroups:[],Resources:[pods],ResourceNames:[],NonResourceURLs:[],}');
  });
});

describe('effectiveAccess', () => {
  const snapshot = snapshotOf(
    newClusterRole('basic', {verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews']}),
    newClusterRole('viewer', {verbs: ['get', 'list'], apiGroups: [''], resources: ['pods']}),
    newRole('deployer', 'shop', {verbs: ['create', 'update'], apiGroups: ['apps'], resources: ['deployments']}),
    named('basic-users', newClusterRoleBinding('basic', 'Group:system:authenticated')),
    named('shop-deployer', newRoleBinding('shop', 'deployer', bindToRole, 'ServiceAccount:ci')),
    named('web-viewer', newRoleBinding('web', 'viewer', bindToClusterRole, 'Group:system:serviceaccounts:shop')),
    named('broken', newRoleBinding('shop', 'gone', bindToRole, 'ServiceAccount:shop/ci')),
  );
  const ci = impersonatedUser('system:serviceaccount:shop:ci');

  test('one namespace: cluster-wide rules and that namespace\'s', () => {
    const result = effectiveAccess(snapshot, ci, 'shop');
    expect(result.rules.map(row)).toEqual([
      'deployments.apps | [] | [] | [create update]',
      'selfsubjectaccessreviews.authorization.k8s.io | [] | [] | [create]',
    ]);
    expect(result.rules[0].via).toEqual([{binding: {kind: 'RoleBinding', name: 'shop-deployer', namespace: 'shop'}, role: {kind: 'Role', name: 'deployer'}}]);
    expect(result.errors).toEqual(['role.rbac.authorization.k8s.io "gone" not found']);
  });

  test('all namespaces: cluster-wide once, then each namespace\'s own', () => {
    const result = effectiveAccess(snapshot, ci, '', true);
    expect(result.rules.map((rule) => `${rule.namespace || '*'}: ${row(rule)}`)).toEqual([
      '*: selfsubjectaccessreviews.authorization.k8s.io | [] | [] | [create]',
      'shop: deployments.apps | [] | [] | [create update]',
      'web: pods | [] | [] | [get list]',
    ]);
  });

  test('system:masters is marked privileged', () => {
    expect(effectiveAccess(snapshot, impersonatedUser('root', ['system:masters']), 'default').privileged).toBe(true);
  });
});
