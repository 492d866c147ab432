// Turning loaded manifests into the store's first state: types for CRDs and for kinds only the
// manifests know, and the namespaces the objects live in.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {Catalogue, ServedType} from './catalogue.ts';
import {splitApiVersion, typeFromCrd, typeFromObject} from './catalogue.ts';
import type {Store} from './store.ts';

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
  const typed = registerTypes(catalogue, objects);
  const namespaceType = catalogue.kind('', 'Namespace')!;
  const declared = new Set(typed.filter(({type}) => type === namespaceType).map(({object}) => object.metadata.name));
  const referenced = new Set(['default']);
  for (const {object, type} of typed) if (type.namespaced) referenced.add(object.metadata.namespace || 'default');
  for (const name of [...referenced].sort()) {
    if (!declared.has(name)) store.load(namespaceType, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}});
  }
  for (const {object, type} of typed) {
    // the store's counter owns resourceVersions; a manifest's own would confuse watches
    store.load(type, {...object, metadata: {...object.metadata, resourceVersion: undefined}});
  }
}
