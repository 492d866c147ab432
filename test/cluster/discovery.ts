// Discovery documents: /version, /api, /apis, /api/v1, /apis/GROUP and /apis/GROUP/VERSION, and
// the aggregated form (apidiscovery.k8s.io/v2) of /api and /apis that kubectl asks for first.

import {createHash} from 'node:crypto';
import type {Catalogue, ServedType} from './catalogue.ts';
import {groupVersion} from './catalogue.ts';

/** A v1.31 server: the machine's kubectl dispatcher picks its kubectl by this version. */
export const serverVersion = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.6',
  gitCommit: '6b3560758b37680cb713dfc71da03c04cadd657c',
  gitTreeState: 'clean',
  buildDate: '2025-02-12T21:26:09Z',
  goVersion: 'go1.22.12',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress}],
  };
}

function apiGroup(group: string, versions: string[]): object {
  const entries = versions.map((version) => ({groupVersion: groupVersion(group, version), version}));
  return {name: group, versions: entries, preferredVersion: entries[0]};
}

export function apiGroupList(catalogue: Catalogue): object {
  const groups = catalogue.groups().filter(({group}) => group !== '');
  return {kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(({group, versions}) => apiGroup(group, versions))};
}

export function apiGroupDocument(catalogue: Catalogue, group: string): object | undefined {
  const found = catalogue.groups().find((entry) => entry.group === group && group !== '');
  return found && {kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found.group, found.versions)};
}

export function apiResourceList(catalogue: Catalogue, group: string, version: string): object | undefined {
  const types = catalogue.typesIn(group, version);
  if (types.length === 0) return undefined;
  const resources = types
    .slice()
    .sort((a, b) => a.plural.localeCompare(b.plural))
    .flatMap((type) => [resourceEntry(type, group, version), ...type.subresources.map((sub) => subresourceEntry(type, sub))]);
  return {kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion(group, version), resources};
}

function resourceEntry(type: ServedType, group: string, version: string): object {
  const entry: Record<string, unknown> = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
  };
  if (type.shortNames.length > 0) entry.shortNames = type.shortNames;
  if (type.categories.length > 0) entry.categories = type.categories;
  if (type.verbs.includes('list')) {
    // clients only compare it for equality; a stable digest of the identity is enough
    entry.storageVersionHash = createHash('sha256').update(`${group}/${version}/${type.kind}`).digest('base64').slice(0, 11);
  }
  return entry;
}

// What each subresource is, as the API server lists it (kind, group/version when foreign, verbs).
const subresourceShapes: Record<string, {kind?: string; group?: string; version?: string; verbs: string[]}> = {
  status: {verbs: ['get', 'patch', 'update']},
  scale: {kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update']},
  log: {verbs: ['get']},
  exec: {kind: 'PodExecOptions', verbs: ['create', 'get']},
  attach: {kind: 'PodAttachOptions', verbs: ['create', 'get']},
  portforward: {kind: 'PodPortForwardOptions', verbs: ['create', 'get']},
  proxy: {verbs: ['create', 'delete', 'get', 'patch', 'update']},
  ephemeralcontainers: {verbs: ['get', 'patch', 'update']},
  eviction: {kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create']},
  binding: {kind: 'Binding', verbs: ['create']},
  token: {kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create']},
  finalize: {verbs: ['update']},
  approval: {verbs: ['get', 'patch', 'update']},
};

function subresourceEntry(type: ServedType, subresource: string): object {
  const shape = subresourceShapes[subresource] ?? {verbs: ['get']};
  const kind = subresource === 'proxy' ? `${type.kind}ProxyOptions` : (shape.kind ?? type.kind);
  const entry: Record<string, unknown> = {name: `${type.plural}/${subresource}`, singularName: '', namespaced: type.namespaced};
  if (shape.group !== undefined) Object.assign(entry, {group: shape.group, version: shape.version});
  return Object.assign(entry, {kind, verbs: shape.verbs});
}

export const aggregatedMediaType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether an Accept header asks for aggregated discovery v2 (the first acceptable type wins). */
export function wantsAggregated(accept: string | undefined): boolean {
  for (const range of (accept ?? '').split(',')) {
    const parts = range.split(';').map((part) => part.trim());
    if (parts[0] !== 'application/json') continue;
    const parameters = new Set(parts.slice(1));
    if (parameters.size === 0) return false;
    if (parameters.has('g=apidiscovery.k8s.io') && parameters.has('v=v2') && parameters.has('as=APIGroupDiscoveryList')) return true;
  }
  return false;
}

/** The aggregated document for the core group (/api) or for all named groups (/apis). */
export function aggregatedDiscovery(catalogue: Catalogue, core: boolean): object {
  const groups = catalogue.groups().filter(({group}) => (group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map(({group, versions}) => ({
      metadata: group === '' ? {} : {name: group},
      versions: versions.map((version) => ({
        version,
        resources: catalogue
          .typesIn(group, version)
          .slice()
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map((type) => aggregatedResource(type, group, version)),
        freshness: 'Current',
      })),
    })),
  };
}

function aggregatedResource(type: ServedType, group: string, version: string): object {
  const entry: Record<string, unknown> = {
    resource: type.plural,
    responseKind: {group, version, kind: type.kind},
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs,
  };
  if (type.shortNames.length > 0) entry.shortNames = type.shortNames;
  if (type.categories.length > 0) entry.categories = type.categories;
  if (type.subresources.length > 0) {
    entry.subresources = type.subresources.map((subresource) => {
      const shape = subresourceShapes[subresource] ?? {verbs: ['get']};
      const kind = subresource === 'proxy' ? `${type.kind}ProxyOptions` : (shape.kind ?? type.kind);
      return {
        subresource,
        responseKind: {group: shape.group ?? group, version: shape.version ?? version, kind},
        verbs: shape.verbs,
      };
    });
  }
  return entry;
}
