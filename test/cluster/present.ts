// How stored objects go out: in the version the client asked for, and as the full object, a
// Table row or metadata only, for single objects, lists and watch events alike.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {ServedType} from './catalogue.ts';
import {groupVersion} from './catalogue.ts';
import type {Representation} from './negotiate.ts';
import type {IncludeObject} from './tables.ts';
import {partialObjectMetadata, toTable} from './tables.ts';

export interface Presentation {
  type: ServedType;
  /** The version in the request URL; objects are labelled with it (no conversion is done). */
  version: string;
  representation: Representation;
  includeObject: IncludeObject;
}

export function includeObjectOf(url: URL): IncludeObject {
  const value = url.searchParams.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/** The object labelled with the requested apiVersion. */
export function inVersion(presentation: Presentation, object: KubeObject): KubeObject {
  const apiVersion = groupVersion(presentation.type.group, presentation.version);
  if (object.apiVersion === apiVersion && object.kind === presentation.type.kind) return object;
  return {...object, apiVersion, kind: presentation.type.kind};
}

export function presentObject(presentation: Presentation, object: KubeObject, resourceVersion: string): object {
  const {representation} = presentation;
  if (representation.as === 'Table') return table(presentation, [object], {resourceVersion});
  if (representation.as === 'PartialObjectMetadata') return partialObjectMetadata(object, representation.apiVersion);
  return inVersion(presentation, object);
}

export function presentList(presentation: Presentation, objects: KubeObject[], listMetadata: Record<string, unknown>): object {
  const {representation, type, version} = presentation;
  if (representation.as === 'Table') return table(presentation, objects, listMetadata);
  if (representation.as === 'PartialObjectMetadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: representation.apiVersion,
      metadata: listMetadata,
      items: objects.map((object) => partialObjectMetadata(object, representation.apiVersion)),
    };
  }
  return {
    kind: `${type.kind}List`,
    apiVersion: groupVersion(type.group, version),
    metadata: listMetadata,
    items: objects.map((object) => inVersion(presentation, object)),
  };
}

/** A watch event's object: a one-row Table, metadata, or the object. */
export function presentEventObject(presentation: Presentation, object: KubeObject): object {
  return presentObject(presentation, object, object.metadata.resourceVersion ?? '');
}

function table(presentation: Presentation, objects: KubeObject[], listMetadata: Record<string, unknown>): object {
  const representation = presentation.representation as {apiVersion: string};
  return toTable(presentation.type, objects.map((object) => inVersion(presentation, object)), {
    apiVersion: representation.apiVersion,
    includeObject: presentation.includeObject,
    listMetadata,
  });
}
