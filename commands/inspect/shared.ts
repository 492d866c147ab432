// What the inspect subcommands share: the flags, reading the lists an engine needs, and
// turning "secret/NAME" and "30d" into what the engines take.

import {Flags} from '@oclif/core';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import type {KubeObject, ListRequest, ResourceType, Source} from '../../src/cluster/types.ts';
import {parseWindow} from '../../src/configrefs/certs.ts';
import {UsageError, type InputLocation} from '../../src/errors.ts';

export const revealFlag = Flags.boolean({helpGroup: 'VALUES', description: 'Show the values. Without it no value is printed, in any output format.'});

export const windowFlag = Flags.string({helpGroup: 'CERTIFICATES',
  description: 'Certificates ending within this window count as expiring, e.g. 30d, 2w, 720h (default 30d).'});

const catalog = new ResourceCatalog();

export function typeOf(kind: string, group = ''): ResourceType {
  const type = catalog.forKind(kind, group);
  if (!type) throw new Error(`no built-in resource type ${kind}`);
  return type;
}

/** Days from a --expiring-within value. */
export function windowDays(value: string | undefined, flag = '--expiring-within'): number {
  if (value === undefined) return 30;
  const days = parseWindow(value);
  if (days === undefined) throw new UsageError(`invalid value "${value}" for ${flag}: a duration such as 30d, 2w or 720h`);
  return days;
}

/** NAME, secret/NAME or secrets/NAME (also configmap/cm) for the given kind. */
export function objectName(argument: string, kind: 'Secret' | 'ConfigMap'): string {
  const slash = argument.indexOf('/');
  if (slash < 0) return argument;
  const type = catalog.find(argument.slice(0, slash));
  if (!type || type.kind !== kind) throw new UsageError(`expected NAME or ${kind.toLowerCase()}/NAME, got "${argument}"`);
  return argument.slice(slash + 1);
}

/** One object, or a UsageError saying, as kubectl does, that it was not found. */
export async function getObject(source: Source, kind: 'Secret' | 'ConfigMap', name: string, namespace: string): Promise<KubeObject> {
  const type = typeOf(kind);
  const object = await source.get(type, name, namespace);
  if (!object) throw new UsageError(`${type.plural} "${name}" not found in namespace "${namespace}"`, {hint: `list them with \`kubectl get ${type.plural} -n ${namespace}\``});
  return object;
}

/** Lists kinds in parallel; `optional` kinds degrade to a warning when forbidden. */
export async function listKinds(source: Source, kinds: readonly {kind: string; group?: string; optional?: boolean; labelSelector?: string}[],
  namespace: string | undefined, warn: (text: string) => void): Promise<KubeObject[]> {
  const requests: ListRequest[] = kinds.map(({kind, group, optional, labelSelector}) => ({
    type: typeOf(kind, group), namespace, optional, ...(labelSelector ? {labelSelector} : {}),
  }));
  const results = await source.list(requests);
  const objects: KubeObject[] = [];
  for (const result of results) {
    if (result.skipped) warn(`${result.type.plural} skipped (${result.skipped}); references from them are not shown`);
    for (const item of result.items) {
      // Lists from the API leave kind and apiVersion off their items.
      if (!item.kind) item.kind = result.type.kind;
      if (!item.apiVersion) item.apiVersion = result.type.group ? `${result.type.group}/${result.type.version}` : result.type.version;
      objects.push(item);
    }
  }
  return objects;
}

/**
 * Where the source read an object (file and document), when it knows: manifests (`-f`) do,
 * a live cluster does not. Errors and warnings about a value name the place with it.
 */
export function locatorOf(source: Source): (object: KubeObject) => InputLocation | undefined {
  const locate = (source as {locate?: (object: KubeObject) => InputLocation | undefined}).locate;
  return typeof locate === 'function' ? (object) => locate.call(source, object) : () => undefined;
}

/** The file and document of one object, for decode errors (empty when unknown). */
export function originOf(source: Source, object: KubeObject): {origin?: InputLocation} {
  const origin = locatorOf(source)(object);
  return origin ? {origin: {file: origin.file, document: origin.document}} : {};
}
