// who-can: cases from kubernetes plugin/pkg/auth/authorizer/rbac/subject_locator_test.go
// (TestSubjectLocator; this suite has no --authorization-rbac-super-user, so the super-user
// entries are left out), then the via, -A and --expand behaviour of `rbac who-can`.

import type {KubeObject} from '../../src/cluster/types.ts';
import {whoCan} from '../../src/rbac/subject-locator.ts';
import type {RequestAttributes} from '../../src/rbac/types.ts';
import {
  attributes, bindToClusterRole, bindToRole, named, newClusterRole, newClusterRoleBinding, newRole, newRoleBinding,
  newRule, nonResourceRequest, serviceAccount, snapshotOf,
} from './fixtures.ts';

const subjectsOf = (objects: KubeObject[], request: RequestAttributes, allNamespaces = false) =>
  whoCan(snapshotOf(...objects), request, {allNamespaces}).subjects.map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`);

describe('whoCan (upstream TestSubjectLocator)', () => {
  const starMatchesStar: KubeObject[] = [
    newClusterRole('admin', newRule('*', '*', '*', '*')),
    newClusterRoleBinding('admin', 'User:super-admin', 'Group:super-admins'),
    newRoleBinding('ns1', 'admin', bindToClusterRole, 'User:admin', 'Group:admins'),
  ];
  const localRolesWork: KubeObject[] = [
    newClusterRole('admin', newRule('*', '*', '*', '*')),
    newClusterRoleBinding('admin', 'User:super-admin', 'Group:super-admins'),
    newRole('admin', 'ns1', newRule('get', '*', 'Pods', '*')),
    newRoleBinding('ns1', 'admin', bindToRole, 'User:admin', 'Group:admins'),
  ];
  test.each([
    ['no super user, star matches star', starMatchesStar, attributes('get', 'Pods', '', 'ns1', ''),
      ['Group:admins', 'Group:super-admins', 'Group:system:masters', 'User:admin', 'User:super-admin']],
    ['no super user, cluster role matches star in namespace', starMatchesStar, attributes('*', 'Pods', '', '*', ''),
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin']],
    ['no super user, empty ns', starMatchesStar, attributes('*', 'Pods', '', '', ''),
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin']],
    ['local roles work', localRolesWork, attributes('get', 'Pods', '', 'ns1', ''),
      ['Group:admins', 'Group:super-admins', 'Group:system:masters', 'User:admin', 'User:super-admin']],
    ['verb matches correctly', localRolesWork, attributes('create', 'Pods', '', 'ns1', ''),
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin']],
    ['binding only works in correct ns', localRolesWork, attributes('get', 'Pods', '', 'ns2', ''),
      ['Group:super-admins', 'Group:system:masters', 'User:super-admin']],
  ] as [string, KubeObject[], RequestAttributes, string[]][])('%s', (_name, objects, request, expected) => {
    expect(subjectsOf(objects, request)).toEqual(expected);
  });
});

describe('who-can answers', () => {
  const objects: KubeObject[] = [
    newClusterRole('pod-reader', newRule('get,list,watch', '', 'pods', '')),
    newRole('pod-reader', 'web', newRule('get', '', 'pods', '')),
    named('cluster-readers', newClusterRoleBinding('pod-reader', 'Group:auditors', 'ServiceAccount:monitoring/prometheus')),
    named('web-readers', newRoleBinding('web', 'pod-reader', bindToRole, 'User:alice', 'ServiceAccount:deployer')),
    named('web-readers-cr', newRoleBinding('web', 'pod-reader', bindToClusterRole, 'User:alice')),
    named('shop-readers', newRoleBinding('shop', 'pod-reader', bindToClusterRole, 'User:bob')),
    named('broken', newRoleBinding('web', 'missing', bindToRole, 'User:eve')),
    named('all-sas', newRoleBinding('shop', 'pod-reader', bindToClusterRole, 'Group:system:serviceaccounts:shop')),
    serviceAccount('shop', 'default'), serviceAccount('shop', 'worker'), serviceAccount('web', 'deployer'),
  ];

  test('each subject names the bindings and roles that grant it', () => {
    const result = whoCan(snapshotOf(...objects), attributes('get', 'pods', '', 'web', ''));
    expect(result).toEqual({
      verb: 'get', resource: 'pods', subresource: '', apiGroup: '', name: '', namespace: 'web', allNamespaces: false,
      subjects: [
        {kind: 'Group', name: 'auditors', namespace: '', via: [{binding: {kind: 'ClusterRoleBinding', name: 'cluster-readers', namespace: ''}, role: {kind: 'ClusterRole', name: 'pod-reader'}}]},
        {kind: 'Group', name: 'system:masters', namespace: '', via: [], privileged: true},
        {kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring', via: [{binding: {kind: 'ClusterRoleBinding', name: 'cluster-readers', namespace: ''}, role: {kind: 'ClusterRole', name: 'pod-reader'}}]},
        {kind: 'ServiceAccount', name: 'deployer', namespace: 'web', via: [{binding: {kind: 'RoleBinding', name: 'web-readers', namespace: 'web'}, role: {kind: 'Role', name: 'pod-reader', namespace: 'web'}}]},
        {kind: 'User', name: 'alice', namespace: '', via: [
          {binding: {kind: 'RoleBinding', name: 'web-readers', namespace: 'web'}, role: {kind: 'Role', name: 'pod-reader', namespace: 'web'}},
          {binding: {kind: 'RoleBinding', name: 'web-readers-cr', namespace: 'web'}, role: {kind: 'ClusterRole', name: 'pod-reader'}},
        ]},
      ],
      errors: ['RoleBinding web/broken: role.rbac.authorization.k8s.io "missing" not found'],
    });
  });

  test.each([
    ['list in web: the namespaced Role does not grant list', attributes('list', 'pods', '', 'web', ''),
      ['Group:auditors', 'Group:system:masters', 'ServiceAccount:monitoring/prometheus', 'User:alice']],
    ['all namespaces count every RoleBinding', {...attributes('get', 'pods', '', '', '')},
      ['Group:auditors', 'Group:system:masters', 'Group:system:serviceaccounts:shop', 'ServiceAccount:monitoring/prometheus', 'ServiceAccount:web/deployer', 'User:alice', 'User:bob']],
    ['a subresource needs its own grant', attributes('get', 'pods', 'log', 'web', ''), ['Group:system:masters']],
    ['non-resource URLs are cluster-wide', nonResourceRequest('get', '/healthz'), ['Group:system:masters']],
  ] as [string, RequestAttributes, string[]][])('%s', (name, request, expected) => {
    expect(subjectsOf(objects, request, name.startsWith('all namespaces'))).toEqual(expected);
  });

  test('--expand lists the service accounts a group covers', () => {
    const result = whoCan(snapshotOf(...objects), attributes('get', 'pods', '', 'shop', ''), {expand: true});
    const accounts = result.subjects.filter((s) => s.kind === 'ServiceAccount').map((s) => ({name: `${s.namespace}/${s.name}`, groups: s.via.map((v) => v.group)}));
    expect(accounts).toEqual([
      {name: 'monitoring/prometheus', groups: [undefined]},
      {name: 'shop/default', groups: ['system:serviceaccounts:shop']},
      {name: 'shop/worker', groups: ['system:serviceaccounts:shop']},
    ]);
  });

  test('non-resource requests report the URL', () => {
    const result = whoCan(snapshotOf(), nonResourceRequest('get', '/metrics'));
    expect(result).toMatchObject({verb: 'get', resource: '', nonResourceURL: '/metrics', namespace: ''});
  });
});
