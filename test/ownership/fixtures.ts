// Terse object constructors for the ownership tests: `obj('apps/v1', 'Deployment', 'shop/web', 'u-web')`.

import type {KubeObject, OwnerReference} from '../../src/cluster/types.ts';

/** `ns/name` for namespaced objects, `name` alone for cluster-scoped ones. */
export function obj(apiVersion: string, kind: string, where: string, uid?: string, extra: Partial<KubeObject> & {owners?: OwnerReference[]} = {}): KubeObject {
  const slash = where.indexOf('/');
  const {owners, metadata, ...rest} = extra;
  return {
    apiVersion,
    kind,
    ...rest,
    metadata: {
      name: slash < 0 ? where : where.slice(slash + 1),
      ...(slash < 0 ? {} : {namespace: where.slice(0, slash)}),
      ...(uid ? {uid} : {}),
      creationTimestamp: '2026-11-20T10:00:00Z',
      ...(owners ? {ownerReferences: owners} : {}),
      ...metadata,
    },
  };
}

/** An ownerReference to `owner` (controller unless told otherwise). */
export function ownedBy(owner: KubeObject, controller = true): OwnerReference {
  return {apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller};
}

/** A reference written by hand: any apiVersion, kind, name and uid. */
export function ref(apiVersion: string, kind: string, name: string, uid: string, controller = false): OwnerReference {
  return {apiVersion, kind, name, uid, controller};
}

/** 2026-11-23T10:00:00Z: three days after every fixture's creationTimestamp. */
export const NOW = Date.parse('2026-11-23T10:00:00Z');
