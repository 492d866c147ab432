// Loading RBAC objects: bad bindings are input errors (exit 2) naming the object and field,
// as the API server's validation (pkg/apis/rbac/validation) would refuse them.

import type {KubeObject} from '../../src/cluster/types.ts';
import {InputError} from '../../src/errors.ts';
import {buildRbacSnapshot} from '../../src/rbac/snapshot.ts';
import {newClusterRoleBinding, newRoleBinding, serviceAccount} from './fixtures.ts';

const binding = (extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: {name: 'b', namespace: 'ns'},
  roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r'}, subjects: [{kind: 'User', name: 'u'}], ...extra,
});

describe('buildRbacSnapshot input errors', () => {
  test.each([
    ['a binding without roleRef', binding({roleRef: undefined}), 'RoleBinding ns/b has no roleRef', 'roleRef'],
    ['a roleRef without name', binding({roleRef: {kind: 'Role'}}), 'roleRef.name is required', 'roleRef.name'],
    ['a roleRef of another kind', binding({roleRef: {kind: 'Pod', name: 'x'}}), 'roleRef.kind must be Role or ClusterRole', 'roleRef.kind'],
    ['a ClusterRoleBinding to a Role', {...newClusterRoleBinding('x', 'User:u'), roleRef: {kind: 'Role', name: 'x'}}, 'roleRef.kind must be ClusterRole', 'roleRef.kind'],
    ['an unknown subject kind', binding({subjects: [{kind: 'User', name: 'ok'}, {kind: 'Robot', name: 'r2'}]}), 'unknown subject kind "Robot"', 'subjects[1].kind'],
    ['a subject without name', binding({subjects: [{kind: 'Group'}]}), 'subject name is required', 'subjects[0].name'],
    ['a cluster-wide service account without namespace', newClusterRoleBinding('x', 'ServiceAccount:robot'), 'needs a namespace', 'subjects[0].namespace'],
    ['verbs that are not a list', {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: 'r', namespace: 'ns'}, rules: [{verbs: 'get'}]},
      'verbs must be a list of strings', 'rules[0].verbs'],
  ] as [string, KubeObject, string, string][])('%s', (_name, object, message, field) => {
    let error: unknown;
    try {
      buildRbacSnapshot([object], {locate: () => ({file: 'rbac.yaml', document: 3})});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(message);
    expect((error as InputError).message).toContain('rbac.yaml, document 3');
    expect((error as InputError).location.field).toBe(field);
    expect((error as InputError).exitCode).toBe(2);
  });

  test('indexes bindings by subject, defaulting service account namespaces', () => {
    const snapshot = buildRbacSnapshot([
      newRoleBinding('ns', 'r', 'Role', 'ServiceAccount:robot', 'User:u', 'Group:g'),
      serviceAccount('ns', 'robot'),
    ]);
    expect([...snapshot.bindingsBySubject.keys()].sort()).toEqual(['Group:g', 'ServiceAccount:ns/robot', 'User:u']);
    expect(snapshot.serviceAccountsListed).toBe(true);
    expect(snapshot.namespacesListed).toBe(false);
  });
});
