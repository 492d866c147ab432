// Turning loaded manifests into the store's first state: types for CRDs and for kinds only the
// manifests know, the namespaces the objects live in, and the rules of aggregated ClusterRoles
// (a real cluster's aggregation controller fills them in; clients read them filled).

import type {KubeObject} from '../../src/cluster/types.ts';
import type {Catalogue, ServedType} from './catalogue.ts';
import {splitApiVersion, typeFromCrd, typeFromObject} from './catalogue.ts';
import type {Store} from './store.ts';
import {aggregateClusterRoles} from '../../src/rbac/aggregation.ts';
import type {PolicyRule, Role} from '../../src/rbac/types.ts';

/** Registers the types the objects need; returns each object with its type, in input order. */
export function registerTypes(catalogue: Catalogue, objects: KubeObject[]): {object: KubeObject; type: ServedType}[] {
  for (const object of objects) {
    if (object.kind === 'CustomResourceDefinition' && splitApiVersion(object.apiVersion).group === 'apiextensions.k8s.io') {
      const type = typeFromCrd(object);
      if (type) catalogue.add(type);
    }
  }
  // a kind nobody declared is namespaced if any of its objects names a namespace
  const namespacedKinds = new Set(
    objects.filter((object) => object.metadata.namespace).map((object) => `${splitApiVersion(object.apiVersion).group}/${object.kind}`),
  );
  return objects.map((object) => {
    const {group, version} = splitApiVersion(object.apiVersion);
    const type =
      catalogue.kind(group, object.kind) ??
      catalogue.add(typeFromObject(group, version, object.kind, namespacedKinds.has(`${group}/${object.kind}`)));
    if (!type.versions.includes(version)) type.versions.push(version);
    return {object, type};
  });
}

export function seedStore(store: Store, catalogue: Catalogue, objects: KubeObject[]): void {
  const typed = latestCopies(registerTypes(catalogue, objects));
  const namespaceType = catalogue.kind('', 'Namespace')!;
  const declared = new Set(typed.filter(({type}) => type === namespaceType).map(({object}) => object.metadata.name));
  const referenced = new Set(['default']);
  for (const {object, type} of typed) if (type.namespaced) referenced.add(object.metadata.namespace || 'default');
  for (const name of [...referenced].sort()) {
    if (!declared.has(name)) store.load(namespaceType, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
  }
  const rules = aggregatedRules(typed.map(({object}) => object));
  for (const {object, type} of typed) {
    // the store's counter owns resourceVersions; a manifest's own would confuse watches
    const seeded = {...object, metadata: {...object.metadata, resourceVersion: undefined}};
    const aggregated = object.kind === 'ClusterRole' ? rules.get(object.metadata.name) : undefined;
    store.load(type, aggregated ? {...seeded, rules: aggregated} : seeded);
  }
}

/** As if applied in order: a later copy of the same object (kind, namespace, name) replaces an earlier one. */
function latestCopies(typed: {object: KubeObject; type: ServedType}[]): {object: KubeObject; type: ServedType}[] {
  const latest = new Map<string, {object: KubeObject; type: ServedType}>();
  for (const entry of typed) {
    const namespace = entry.type.namespaced ? entry.object.metadata.namespace || 'default' : '';
    const key = `${entry.type.group}/${entry.type.kind}/${namespace}/${entry.object.metadata.name ?? ''}`;
    if (!entry.object.metadata.name) {
      latest.set(`${key}#${latest.size}`, entry); // generateName: every copy is its own object
      continue;
    }
    latest.delete(key);
    latest.set(key, entry);
  }
  return [...latest.values()];
}

/** The rules the clusterrole-aggregation controller gives each aggregated ClusterRole. */
function aggregatedRules(objects: KubeObject[]): Map<string, PolicyRule[]> {
  const clusterRoles = objects.filter((object) => object.kind === 'ClusterRole' && splitApiVersion(object.apiVersion).group === 'rbac.authorization.k8s.io');
  if (!clusterRoles.some((object) => object.aggregationRule)) return new Map();
  const roles: Role[] = clusterRoles.map((object) => ({
    kind: 'ClusterRole', name: object.metadata.name, namespace: '', labels: object.metadata.labels ?? {}, rules: object.rules ?? [],
    ...(object.aggregationRule ? {aggregationSelectors: object.aggregationRule.clusterRoleSelectors ?? []} : {}),
  }));
  return new Map(aggregateClusterRoles(roles).filter((role) => role.aggregationSelectors).map((role) => [role.name, role.rules]));
}
