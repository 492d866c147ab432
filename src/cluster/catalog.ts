// Resolves what users type (`deploy`, `deployments.apps`, `Deployment`, `crb`) to a resource
// type the way kubectl's RESTMapper does: exact plural, singular or short name, optionally
// qualified by group (and version), preferring the built-in groups on a tie.

import {UsageError} from '../errors.ts';
import {builtinResourceTypes} from './builtin-types.ts';
import type {KubeObject, ResourceType} from './types.ts';

// kubectl's priority among groups that serve the same name (e.g. events in core and events.k8s.io).
const preferredGroups = ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy'];

function groupRank(group: string): number {
  const index = preferredGroups.indexOf(group);
  return index < 0 ? preferredGroups.length : index;
}

export function groupVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps`, or `pods` for the core group: the fully qualified resource name. */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export class ResourceCatalog {
  readonly types: readonly ResourceType[];

  constructor(types: readonly ResourceType[] = builtinResourceTypes) {
    this.types = types;
  }

  /** Adds types (discovered CRDs, kinds seen in manifests); later entries for the same group and plural win. */
  with(extra: readonly ResourceType[]): ResourceCatalog {
    const byKey = new Map<string, ResourceType>();
    for (const type of [...this.types, ...extra]) byKey.set(`${type.group}/${type.plural}`, type);
    return new ResourceCatalog([...byKey.values()]);
  }

  /** Resolves `deploy`, `deployment`, `Deployment`, `deployments.apps`, `deployments.v1.apps`. */
  resolve(name: string): ResourceType {
    const found = this.find(name);
    if (!found) {
      throw new UsageError(`the server doesn't have a resource type "${name}"`, {
        hint: 'list the known types with `kubectl api-resources`',
      });
    }
    return found;
  }

  find(name: string): ResourceType | undefined {
    const lower = name.toLowerCase();
    const dot = lower.indexOf('.');
    const resource = dot < 0 ? lower : lower.slice(0, dot);
    const qualifier = dot < 0 ? undefined : lower.slice(dot + 1);
    const candidates = this.types.filter((type) => {
      if (!matchesName(type, resource, name.slice(0, dot < 0 ? undefined : dot))) return false;
      if (qualifier === undefined) return true;
      return type.group === qualifier || `${type.version}.${type.group}` === qualifier ||
        (type.group.startsWith(qualifier + '.') && qualifier.length > 0);
    });
    candidates.sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group));
    return candidates[0];
  }

  /** The type of an object, by its apiVersion and kind. */
  forObject(object: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceType | undefined {
    const slash = object.apiVersion.indexOf('/');
    const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
    return this.types.find((type) => type.kind === object.kind && type.group === group);
  }

  forKind(kind: string, group?: string): ResourceType | undefined {
    return this.types.find((type) => type.kind === kind && (group === undefined || type.group === group));
  }
}

function matchesName(type: ResourceType, lowerName: string, originalName: string): boolean {
  return type.plural === lowerName || type.singular === lowerName || type.shortNames.includes(lowerName) ||
    type.kind === originalName || type.kind.toLowerCase() === lowerName;
}

/** A resource type for a kind seen only in manifests (a custom resource without its CRD). */
export function guessResourceType(apiVersion: string, kind: string, namespaced: boolean): ResourceType {
  const slash = apiVersion.indexOf('/');
  const lower = kind.toLowerCase();
  return {
    kind,
    plural: pluralize(lower),
    singular: lower,
    shortNames: [],
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    namespaced,
    verbs: ['get', 'list', 'watch'],
  };
}

/** The API machinery's own guess (UnsafeGuessKindToResource). */
export function pluralize(singular: string): string {
  if (singular.endsWith('s')) return singular + 'es';
  if (singular.endsWith('y') && !/[aeiou]y$/.test(singular)) return singular.slice(0, -1) + 'ies';
  return singular + 's';
}

/** Resource types declared by CustomResourceDefinitions (served storage version). */
export function typesFromCustomResourceDefinitions(definitions: readonly KubeObject[]): ResourceType[] {
  return definitions.flatMap((crd) => {
    const spec = crd.spec ?? {};
    const names = spec.names ?? {};
    const versions: {name: string; served?: boolean; storage?: boolean}[] = spec.versions ?? [];
    const version = versions.find((v) => v.storage) ?? versions.find((v) => v.served) ?? versions[0];
    if (!names.kind || !names.plural || !spec.group || !version) return [];
    return [{
      kind: names.kind,
      plural: names.plural,
      singular: names.singular ?? names.kind.toLowerCase(),
      shortNames: names.shortNames ?? [],
      group: spec.group,
      version: version.name,
      namespaced: spec.scope !== 'Cluster',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    }];
  });
}
