// Terse fixtures in the style of kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go:
// rules from comma-joined strings, subjects as "Kind:name", objects as the API would list them.

import type {KubeObject} from '../../src/cluster/types.ts';
import {buildRbacSnapshot, type RbacSnapshot} from '../../src/rbac/snapshot.ts';
import type {PolicyRule, RequestAttributes} from '../../src/rbac/types.ts';

const rbacV1 = 'rbac.authorization.k8s.io/v1';

/** Like upstream newRule: every field split on commas (so "" becomes [""]). */
export function newRule(verbs: string, apiGroups: string, resources: string, nonResourceURLs: string): PolicyRule {
  return {verbs: verbs.split(','), apiGroups: apiGroups.split(','), resources: resources.split(','), nonResourceURLs: nonResourceURLs.split(',')};
}

export function newRole(name: string, namespace: string, ...rules: PolicyRule[]): KubeObject {
  return {apiVersion: rbacV1, kind: 'Role', metadata: {name, namespace}, rules};
}

export function newClusterRole(name: string, ...rules: PolicyRule[]): KubeObject {
  return {apiVersion: rbacV1, kind: 'ClusterRole', metadata: {name}, rules};
}

let counter = 0;

function subjects(list: string[]): Record<string, string | undefined>[] {
  return list.map((text) => {
    const colon = text.indexOf(':');
    const kind = text.slice(0, colon);
    const rest = text.slice(colon + 1);
    if (kind === 'ServiceAccount') {
      const slash = rest.indexOf('/');
      return slash < 0 ? {kind, name: rest} : {kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1)};
    }
    return {kind, apiGroup: 'rbac.authorization.k8s.io', name: rest};
  });
}

export function newClusterRoleBinding(roleName: string, ...subjectList: string[]): KubeObject {
  return {
    apiVersion: rbacV1, kind: 'ClusterRoleBinding', metadata: {name: `crb-${String(++counter).padStart(4, '0')}`},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName}, subjects: subjects(subjectList),
  };
}

export const bindToRole = 'Role';
export const bindToClusterRole = 'ClusterRole';

export function newRoleBinding(namespace: string, roleName: string, bindType: 'Role' | 'ClusterRole', ...subjectList: string[]): KubeObject {
  return {
    apiVersion: rbacV1, kind: 'RoleBinding', metadata: {name: `rb-${String(++counter).padStart(4, '0')}`, namespace},
    roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: bindType, name: roleName}, subjects: subjects(subjectList),
  };
}

export function named<T extends KubeObject>(name: string, object: T): T {
  return {...object, metadata: {...object.metadata, name}};
}

export function serviceAccount(namespace: string, name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name, namespace}, ...extra};
}

export function namespace(name: string): KubeObject {
  return {apiVersion: 'v1', kind: 'Namespace', metadata: {name}};
}

export function snapshotOf(...objects: KubeObject[]): RbacSnapshot {
  return buildRbacSnapshot(objects);
}

/** upstream defaultAttributes{user, groups, verb, resource, subresource, namespace, apiGroup}. */
export function attributes(verb: string, resource: string, subresource: string, namespace: string, apiGroup: string, name = ''): RequestAttributes {
  return {verb, resource, subresource, namespace, apiGroup, name, resourceRequest: true};
}

export function resourceRequest(verb: string, apiGroup: string, resource: string, subresource = '', name = ''): RequestAttributes {
  return {verb, apiGroup, resource, subresource, name, namespace: '', resourceRequest: true};
}

export function nonResourceRequest(verb: string, path: string): RequestAttributes {
  return {verb, path, namespace: '', resourceRequest: false};
}
