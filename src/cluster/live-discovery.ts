// Live discovery: which resource types the server serves, CRDs and aggregated APIs included.
// Asks /apis for the aggregated document (apidiscovery.k8s.io/v2, two requests in all on 1.30+
// servers) and falls back to the classic walk: /api/v1, /apis, then each group's preferred
// version in parallel. A group version that fails (an aggregated API whose backend is down) is a
// warning, as in `kubectl api-resources`, not a failure.

import type {ResourceType} from './types.ts';

/** Reads one discovery document; throws (ClusterError, UsageError) when it cannot. */
export type DiscoveryFetch = (path: string, accept: string) => Promise<unknown>;

const plainJson = 'application/json';
// Aggregated discovery where the server has it; plain JSON (APIGroupList) otherwise.
export const aggregatedAccept = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  plainJson,
].join(',');

interface APIResource {
  name: string;
  singularName?: string;
  namespaced?: boolean;
  kind?: string;
  verbs?: string[];
  shortNames?: string[];
}

interface APIGroupList {
  kind?: string;
  groups?: {name: string; preferredVersion?: {version: string}; versions?: {version: string}[]}[];
}

interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  items?: {
    metadata?: {name?: string};
    versions?: {
      version: string;
      freshness?: string;
      resources?: {
        resource: string;
        responseKind?: {kind?: string};
        scope?: string;
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        subresources?: {subresource: string}[];
      }[];
    }[];
  }[];
}

export async function discoverResourceTypes(fetch: DiscoveryFetch, warn: (message: string) => void): Promise<ResourceType[]> {
  const [core, groups] = await Promise.all([
    fetch('/api/v1', plainJson),
    fetch('/apis', aggregatedAccept),
  ]);
  const types = typesFromResourceList('', 'v1', core);
  if ((groups as {kind?: string})?.kind === 'APIGroupDiscoveryList') {
    return [...types, ...typesFromAggregated(groups as APIGroupDiscoveryList, warn)];
  }
  const preferred = ((groups as APIGroupList)?.groups ?? []).flatMap((group) => {
    const version = group.preferredVersion?.version ?? group.versions?.[0]?.version;
    return version ? [{group: group.name, version}] : [];
  });
  const lists = await Promise.all(preferred.map(async ({group, version}) => {
    try {
      return typesFromResourceList(group, version, await fetch(`/apis/${group}/${version}`, plainJson));
    } catch (error) {
      warn(`could not discover the resources of ${group}/${version}: ${(error as Error).message}`);
      return [];
    }
  }));
  return [...types, ...lists.flat()];
}

/** An APIResourceList: its resources, sub-resources ("pods/log") folded into their parents. */
export function typesFromResourceList(group: string, version: string, document: unknown): ResourceType[] {
  const resources: APIResource[] = (document as {resources?: APIResource[]})?.resources ?? [];
  const byPlural = new Map<string, ResourceType>();
  for (const resource of resources) {
    if (resource.name.includes('/') || !resource.kind) continue;
    byPlural.set(resource.name, {
      kind: resource.kind,
      plural: resource.name,
      singular: resource.singularName || resource.kind.toLowerCase(),
      shortNames: resource.shortNames ?? [],
      group,
      version,
      namespaced: Boolean(resource.namespaced),
      verbs: resource.verbs ?? [],
    });
  }
  for (const resource of resources) {
    const [parent, subresource] = resource.name.split('/', 2);
    const type = byPlural.get(parent);
    if (subresource && type) (type.subresources ??= []).push(subresource);
  }
  return [...byPlural.values()];
}

/** The preferred (first) fresh version of each group in an aggregated discovery document. */
export function typesFromAggregated(document: APIGroupDiscoveryList, warn: (message: string) => void): ResourceType[] {
  return (document.items ?? []).flatMap((item) => {
    const group = item.metadata?.name ?? '';
    const version = item.versions?.[0];
    if (!version) return [];
    if (version.freshness === 'Stale') {
      warn(`the resources of ${group ? `${group}/` : ''}${version.version} may be out of date: the server marks them stale`);
    }
    return (version.resources ?? []).flatMap((resource): ResourceType[] => {
      const kind = resource.responseKind?.kind;
      if (!kind || resource.resource.includes('/')) return [];
      const type: ResourceType = {
        kind,
        plural: resource.resource,
        singular: resource.singularResource || kind.toLowerCase(),
        shortNames: resource.shortNames ?? [],
        group,
        version: version.version,
        namespaced: resource.scope === 'Namespaced',
        verbs: resource.verbs ?? [],
      };
      if (resource.subresources?.length) type.subresources = resource.subresources.map((entry) => entry.subresource);
      return [type];
    });
  });
}
