// Asks a Source for exactly what the RBAC engine reads, in parallel, and builds the snapshot.
// The four RBAC kinds are needed; ServiceAccounts and Namespaces (and, for lint, workloads)
// degrade to a warning when forbidden, and the checks that need them are skipped.

import type {KubeObject, ListRequest, ResourceType, Source} from '../cluster/types.ts';
import type {InputLocation} from '../errors.ts';
import {buildRbacSnapshot, type RbacSnapshot} from './snapshot.ts';

const rbac = 'rbac.authorization.k8s.io';
const needed: [group: string, kind: string][] = [[rbac, 'Role'], [rbac, 'ClusterRole'], [rbac, 'RoleBinding'], [rbac, 'ClusterRoleBinding']];
const accounts: [group: string, kind: string][] = [['', 'ServiceAccount'], ['', 'Namespace']];
const workloads: [group: string, kind: string][] = [
  ['', 'Pod'], ['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'], ['apps', 'ReplicaSet'],
  ['batch', 'Job'], ['batch', 'CronJob'], ['', 'ReplicationController'],
];

export interface RbacLoadOptions {
  /** ServiceAccounts and Namespaces too (who-can --expand, lint). */
  accounts?: boolean;
  /** Workloads too (lint). */
  workloads?: boolean;
}

export function rbacListRequests(types: readonly ResourceType[], options: RbacLoadOptions = {}): ListRequest[] {
  const find = (group: string, kind: string) => types.find((type) => type.group === group && type.kind === kind);
  const requests: ListRequest[] = [];
  for (const [group, kind] of needed) {
    const type = find(group, kind);
    if (type) requests.push({type});
  }
  const optional = [...(options.accounts ? accounts : []), ...(options.workloads ? workloads : [])];
  for (const [group, kind] of optional) {
    const type = find(group, kind);
    if (type) requests.push({type, optional: true});
  }
  return requests;
}

export async function loadRbacSnapshot(source: Source, options: RbacLoadOptions = {}): Promise<RbacSnapshot> {
  const types = await source.resourceTypes();
  const results = await source.list(rbacListRequests(types, options));
  const objects: KubeObject[] = [];
  const listed = new Set<string>();
  for (const result of results) {
    if (result.skipped) {
      source.warnings.push(`could not list ${result.type.plural}${result.type.group ? `.${result.type.group}` : ''} (${result.skipped}); the checks that need them are skipped`);
      continue;
    }
    listed.add(result.type.kind);
    for (const item of result.items) {
      // Lists leave apiVersion/kind off their items; put them back for the engine.
      objects.push(item.kind ? item : {...item, apiVersion: result.type.group ? `${result.type.group}/${result.type.version}` : result.type.version, kind: result.type.kind});
    }
  }
  // A source that remembers where each object came from (file, document) lets errors name it.
  const locate = (source as {locate?: (object: KubeObject) => InputLocation | undefined}).locate;
  return buildRbacSnapshot(objects, {
    // The live cluster's controller has aggregated ClusterRoles already.
    aggregate: !source.live,
    ...(source.live ? {serviceAccountsListed: listed.has('ServiceAccount'), namespacesListed: listed.has('Namespace')} : {}),
    ...(typeof locate === 'function' ? {locate: (object: KubeObject) => locate.call(source, object) ?? {}} : {}),
  });
}
