// REST paths of resource types, as the API server lays them out: /api/v1 for the core group,
// /apis/GROUP/VERSION otherwise, namespaced ones below namespaces/NS when a namespace is given.

import {qualifiedName} from './catalog.ts';
import type {ResourceType} from './types.ts';

export function groupVersionPath(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
}

/** The collection: all namespaces (or a cluster-scoped type) without a namespace. */
export function collectionPath(type: ResourceType, namespace?: string): string {
  const scope = type.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(type)}${scope}/${type.plural}`;
}

export function objectPath(type: ResourceType, name: string, namespace?: string): string {
  return `${collectionPath(type, namespace)}/${encodeURIComponent(name)}`;
}

/** `?a=b&c=d` of the defined values, or "" when none is. */
export function queryString(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** `list pods in namespace "x"`, `list pods in all namespaces`, `list nodes`: for messages. */
export function describeList(type: ResourceType, namespace?: string): string {
  const resource = qualifiedName(type);
  if (!type.namespaced) return `list ${resource}`;
  return namespace === undefined ? `list ${resource} in all namespaces` : `list ${resource} in namespace "${namespace}"`;
}

export function describeGet(type: ResourceType, name: string, namespace?: string): string {
  const object = `${qualifiedName(type)} "${name}"`;
  return type.namespaced && namespace !== undefined ? `get ${object} in namespace "${namespace}"` : `get ${object}`;
}
