// Cases from kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go (TestAuthorizer) and
// pkg/registry/rbac/validation/rule_test.go (TestDefaultRuleResolver, TestAppliesTo), plus the
// reasons the authorizer gives and the privileged group.

import type {KubeObject} from '../../src/cluster/types.ts';
import {authorize, rulesFor} from '../../src/rbac/authorizer.ts';
import type {PolicyRule, RequestAttributes, UserInfo} from '../../src/rbac/types.ts';
import {
  attributes, bindToClusterRole, bindToRole, named, newClusterRole, newClusterRoleBinding, newRole, newRoleBinding,
  newRule, nonResourceRequest, snapshotOf,
} from './fixtures.ts';

type Check = [user: string, groups: string, request: RequestAttributes];
const check = (user: string, groups: string, verb: string, resource: string, subresource: string, namespace: string, apiGroup: string): Check =>
  [user, groups, attributes(verb, resource, subresource, namespace, apiGroup)];
const userInfo = (name: string, groups: string): UserInfo => ({name, groups: groups.split(',')});
const urlCheck = (user: string, groups: string[], verb: string, path: string): Check => [user, groups.join(','), nonResourceRequest(verb, path)];

const authorizerCases: [string, KubeObject[], Check[], Check[]][] = [
  ['cluster role bound in one namespace', [
    newClusterRole('admin', newRule('*', '*', '*', '*')),
    newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
  ], [
    check('admin', '', 'get', 'Pods', '', 'ns1', ''),
    check('admin', '', 'watch', 'Pods', '', 'ns1', ''),
    check('admin', 'group1', 'watch', 'Foobar', '', 'ns1', ''),
    check('joe', 'admins', 'watch', 'Foobar', '', 'ns1', ''),
    check('joe', 'group1,admins', 'watch', 'Foobar', '', 'ns1', ''),
  ], [
    check('admin', '', 'GET', 'Pods', '', 'ns2', ''),
    check('admin', '', 'GET', 'Nodes', '', '', ''),
    check('admin', 'admins', 'GET', 'Pods', '', 'ns2', ''),
    check('admin', 'admins', 'GET', 'Nodes', '', '', ''),
  ]],
  ['non-resource-url tests', [
    newClusterRole('non-resource-url-getter', newRule('get', '', '', '/apis')),
    newClusterRole('non-resource-url', newRule('*', '', '', '/apis')),
    newClusterRole('non-resource-url-prefix', newRule('get', '', '', '/apis/*')),
    newClusterRoleBinding('non-resource-url-getter', 'User:foo', 'Group:bar'),
    newClusterRoleBinding('non-resource-url', 'User:admin', 'Group:admin'),
    newClusterRoleBinding('non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
  ], [
    urlCheck('foo', [], 'get', '/apis'),
    urlCheck('', ['bar'], 'get', '/apis'),
    urlCheck('admin', [], 'get', '/apis'),
    urlCheck('', ['admin'], 'get', '/apis'),
    urlCheck('admin', [], 'watch', '/apis'),
    urlCheck('', ['admin'], 'watch', '/apis'),
    urlCheck('prefixed', [], 'get', '/apis/v1'),
    urlCheck('', ['prefixed'], 'get', '/apis/v1'),
    urlCheck('prefixed', [], 'get', '/apis/v1/foobar'),
    urlCheck('', ['prefixed'], 'get', '/apis/v1/foorbar'),
  ], [
    urlCheck('foo', [], 'watch', '/apis'),
    urlCheck('', ['bar'], 'watch', '/apis'),
    urlCheck('foo', [], 'get', '/api/v1'),
    urlCheck('', ['bar'], 'get', '/api/v1'),
    urlCheck('admin', [], 'get', '/api/v1'),
    urlCheck('', ['admin'], 'get', '/api/v1'),
    urlCheck('prefixed', [], 'get', '/api/v1'),
    urlCheck('', ['prefixed'], 'get', '/api/v1'),
  ]],
  ['subresource resolution: resource only', [
    newClusterRole('admin', newRule('*', '*', 'pods', '*')),
    newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
  ], [
    check('admin', '', 'get', 'pods', '', 'ns1', ''),
  ], [
    check('admin', '', 'get', 'pods', 'status', 'ns1', ''),
  ]],
  ['subresource resolution: subresource only', [
    newClusterRole('admin', newRule('*', '*', 'pods/status', '*')),
    newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
  ], [
    check('admin', '', 'get', 'pods', 'status', 'ns1', ''),
  ], [
    check('admin', '', 'get', 'pods', '', 'ns1', ''),
  ]],
  // Not upstream: what the authorizer does around those cases.
  ['role bindings to roles grant only in their namespace', [
    newRole('reader', 'ns1', newRule('get,list', '', 'pods', '')),
    newRole('reader', 'ns2', newRule('delete', '', 'pods', '')),
    newRoleBinding('ns1', 'reader', bindToRole, 'User:alice'),
  ], [
    check('alice', '', 'list', 'pods', '', 'ns1', ''),
  ], [
    check('alice', '', 'list', 'pods', '', 'ns2', ''),
    check('alice', '', 'list', 'pods', '', '', ''),
    check('alice', '', 'delete', 'pods', '', 'ns1', ''),
  ]],
  ['service account subjects default to the binding namespace', [
    newClusterRole('reader', newRule('get', '', 'pods', '')),
    newRoleBinding('ns1', 'reader', bindToClusterRole, 'ServiceAccount:sa1'),
    newRoleBinding('ns1', 'reader', bindToClusterRole, 'ServiceAccount:ns3/sa3'),
    newClusterRoleBinding('reader', 'ServiceAccount:ns2/sa2'),
  ], [
    check('system:serviceaccount:ns1:sa1', '', 'get', 'pods', '', 'ns1', ''),
    check('system:serviceaccount:ns3:sa3', '', 'get', 'pods', '', 'ns1', ''),
    check('system:serviceaccount:ns2:sa2', '', 'get', 'pods', '', 'anywhere', ''),
    check('system:serviceaccount:ns2:sa2', '', 'get', 'pods', '', '', ''),
  ], [
    check('system:serviceaccount:ns2:sa1', '', 'get', 'pods', '', 'ns1', ''),
    check('system:serviceaccount:ns1:sa1', '', 'get', 'pods', '', 'ns2', ''),
    check('sa1', '', 'get', 'pods', '', 'ns1', ''),
    check('system:serviceaccount:ns3:sa3', '', 'get', 'pods', '', 'ns3', ''),
  ]],
  ['bindings to missing roles grant nothing', [
    newRoleBinding('ns1', 'missing', bindToRole, 'User:alice'),
    newRoleBinding('ns1', 'missing', bindToClusterRole, 'User:alice'),
    newClusterRoleBinding('missing', 'User:alice'),
    newRole('present', 'ns2', newRule('*', '*', '*', '')),
    newRoleBinding('ns1', 'present', bindToRole, 'User:alice'),
  ], [], [
    check('alice', '', 'get', 'pods', '', 'ns1', ''),
    check('alice', '', 'get', 'pods', '', '', ''),
  ]],
  ['system:masters is allowed everything', [], [
    check('anyone', 'system:masters', 'delete', 'nodes', '', '', ''),
    urlCheck('anyone', ['system:masters'], 'post', '/anything'),
  ], [
    check('system:masters', '', 'delete', 'nodes', '', '', ''),
  ]],
  ['user subject "*" does not match all users', [
    newClusterRole('admin', newRule('*', '*', '*', '*')),
    newClusterRoleBinding('admin', 'User:*'),
  ], [
    check('*', '', 'get', 'pods', '', '', ''),
  ], [
    check('foobar', '', 'get', 'pods', '', '', ''),
  ]],
];

describe('authorize (upstream TestAuthorizer)', () => {
  test.each(authorizerCases)('%s', (_name, objects, shouldPass, shouldFail) => {
    const snapshot = snapshotOf(...objects);
    for (const [user, groups, request] of shouldPass) {
      expect({user, groups, request, allowed: authorize(snapshot, userInfo(user, groups), request).allowed}).toEqual({user, groups, request, allowed: true});
    }
    for (const [user, groups, request] of shouldFail) {
      expect({user, groups, request, allowed: authorize(snapshot, userInfo(user, groups), request).allowed}).toEqual({user, groups, request, allowed: false});
    }
  });
});

describe('appliesTo (upstream TestAppliesTo)', () => {
  const cases: [string, string[], UserInfo, string, boolean][] = [
    ['single subject that matches username', ['User:foobar'], {name: 'foobar', groups: []}, '', true],
    ['multiple subjects, one that matches username', ['User:barfoo', 'User:foobar'], {name: 'foobar', groups: []}, '', true],
    ['multiple subjects, none that match username', ['User:barfoo', 'User:foobar'], {name: 'zimzam', groups: []}, '', false],
    ['multiple subjects, one that match group', ['User:barfoo', 'Group:foobar'], {name: 'zimzam', groups: ['foobar']}, '', true],
    ['multiple subjects, one that match group, should ignore namespace', ['User:barfoo', 'Group:foobar'], {name: 'zimzam', groups: ['foobar']}, 'namespace1', true],
    ['multiple subjects with a service account that matches', ['User:barfoo', 'Group:foobar', 'ServiceAccount:kube-system/default'],
      {name: 'system:serviceaccount:kube-system:default', groups: []}, 'default', true],
    ["* user subject name doesn't match all users", ['User:*'], {name: 'foobar', groups: []}, 'default', false],
    ['binding to all authenticated and unauthenticated subjects matches authenticated user', ['Group:system:authenticated', 'Group:system:unauthenticated'],
      {name: 'foobar', groups: ['system:authenticated']}, 'default', true],
    ['binding to all authenticated and unauthenticated subjects matches anonymous user', ['Group:system:authenticated', 'Group:system:unauthenticated'],
      {name: 'system:anonymous', groups: ['system:unauthenticated']}, 'default', true],
  ];
  test.each(cases)('%s', (_name, subjects, user, namespace, expected) => {
    // A binding in the namespace (or cluster-wide without one) whose role allows everything.
    const binding = namespace
      ? newRoleBinding(namespace, 'all', bindToClusterRole, ...subjects)
      : newClusterRoleBinding('all', ...subjects);
    const snapshot = snapshotOf(newClusterRole('all', newRule('*', '*', '*', '*')), binding);
    expect(authorize(snapshot, user, attributes('get', 'pods', '', namespace, '')).allowed).toBe(expected);
  });
});

describe('rulesFor (upstream TestDefaultRuleResolver)', () => {
  const ruleReadPods: PolicyRule = {verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['pods'], resourceNames: [], nonResourceURLs: []};
  const ruleReadServices: PolicyRule = {verbs: ['GET', 'WATCH'], apiGroups: ['v1'], resources: ['services'], resourceNames: [], nonResourceURLs: []};
  const ruleWriteNodes: PolicyRule = {verbs: ['PUT', 'CREATE', 'UPDATE'], apiGroups: ['v1'], resources: ['nodes'], resourceNames: [], nonResourceURLs: []};
  const ruleAdmin: PolicyRule = {verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: []};
  const objects: KubeObject[] = [
    newRole('readthings', 'namespace1', ruleReadPods, ruleReadServices),
    newClusterRole('cluster-admin', ruleAdmin),
    newClusterRole('write-nodes', ruleWriteNodes),
    newRoleBinding('namespace1', 'readthings', bindToRole, 'User:foobar', 'Group:group1'),
    newClusterRoleBinding('cluster-admin', 'User:admin', 'Group:admin'),
  ];
  test.each([
    ['user in the namespace', {name: 'foobar', groups: []}, 'namespace1', [ruleReadPods, ruleReadServices]],
    ['user in another namespace', {name: 'foobar', groups: []}, 'namespace2', []],
    ['without a namespace only cluster rules apply', {name: 'foobar', groups: ['admin']}, '', [ruleAdmin]],
    ['nobody', {name: '', groups: []}, '', []],
  ] as [string, UserInfo, string, PolicyRule[]][])('%s', (_name, user, namespace, expected) => {
    const snapshot = snapshotOf(...objects);
    expect(rulesFor(snapshot, user, namespace).rules.map(({rule}) => rule)).toEqual(expected);
  });
});

describe('reasons', () => {
  const snapshot = snapshotOf(
    newClusterRole('pod-reader', newRule('get,list', '', 'pods', '')),
    newRole('secret-reader', 'team', newRule('get', '', 'secrets', '')),
    named('readers', newClusterRoleBinding('pod-reader', 'Group:devs')),
    named('team-secrets', newRoleBinding('team', 'secret-reader', bindToRole, 'User:bob', 'ServiceAccount:builder')),
    named('broken', newRoleBinding('team', 'nope', bindToRole, 'User:carol')),
    named('broken-too', newClusterRoleBinding('gone', 'User:carol')),
  );

  test.each([
    ['cluster role binding', {name: 'x', groups: ['devs']}, attributes('list', 'pods', '', 'team', ''),
      'RBAC: allowed by ClusterRoleBinding "readers" of ClusterRole "pod-reader" to Group "devs"'],
    ['role binding to a user', {name: 'bob', groups: []}, attributes('get', 'secrets', '', 'team', ''),
      'RBAC: allowed by RoleBinding "team-secrets/team" of Role "secret-reader" to User "bob"'],
    ['role binding to a defaulted service account', {name: 'system:serviceaccount:team:builder', groups: []}, attributes('get', 'secrets', '', 'team', ''),
      'RBAC: allowed by RoleBinding "team-secrets/team" of Role "secret-reader" to ServiceAccount "builder/team"'],
    ['denied without errors', {name: 'bob', groups: []}, attributes('list', 'secrets', '', 'team', ''), ''],
    ['denied with resolution errors', {name: 'carol', groups: []}, attributes('get', 'pods', '', 'team', ''),
      'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "nope" not found]'],
    ['one resolution error', {name: 'carol', groups: []}, attributes('get', 'pods', '', '', ''),
      'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found'],
  ] as [string, UserInfo, RequestAttributes, string][])('%s', (_name, user, request, reason) => {
    expect(authorize(snapshot, user, request).reason).toBe(reason);
  });

  test('the allowing binding, role and rule are recorded', () => {
    const decision = authorize(snapshot, {name: 'bob', groups: []}, attributes('get', 'secrets', '', 'team', ''));
    expect(decision.allowedBy).toMatchObject({
      binding: {kind: 'RoleBinding', name: 'team-secrets', namespace: 'team'},
      role: {kind: 'Role', name: 'secret-reader', namespace: 'team'},
      subject: {kind: 'User', name: 'bob'},
      ruleIndex: 0,
    });
  });

  test('cluster role bindings are visited before role bindings, each by name', () => {
    const ordered = snapshotOf(
      newClusterRole('all', newRule('*', '*', '*', '')),
      named('a-local', newRoleBinding('ns', 'all', bindToClusterRole, 'User:u')),
      named('z-cluster', newClusterRoleBinding('all', 'User:u')),
      named('b-cluster', newClusterRoleBinding('all', 'User:u')),
    );
    expect(authorize(ordered, {name: 'u', groups: []}, attributes('get', 'pods', '', 'ns', '')).allowedBy?.binding.name).toBe('b-cluster');
  });
});
