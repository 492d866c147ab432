// What `kubectl tree` reads, from any Source (live or `-f`): the root object, then
// - down: every listable type in scope at once, metadata only (PartialObjectMetadataList), and
//   full objects afterwards only for the kinds that made it into the tree (for READY/REASON);
// - up: the owners named by ownerReferences, fetched one by one up to the roots;
// - links: the Services, Ingresses, policies, budgets, claims, volumes and nodes around the pods.
// Forbidden optional types become one warning and a gap; the root unreadable is a ClusterError,
// the root not there a UsageError (exit 2, as `kubectl get` of a missing name).

import {groupVersionOf, qualifiedName, type ResourceCatalog} from '../cluster/catalog.ts';
import type {KubeObject, ListRequest, ListResult, OwnerReference, ResourceType, Source} from '../cluster/types.ts';
import {ClusterError, SleuthError, UsageError} from '../errors.ts';
import {OwnerGraph} from './graph.ts';
import {linkTargetKinds} from './links.ts';
import {descendantIds} from './tree.ts';

export interface TreeTarget {
  type: ResourceType;
  name: string;
}

/** `KIND NAME` or `KIND/NAME`, resolved as kubectl resolves resource names. */
export function parseTreeTarget(args: readonly string[], catalog: ResourceCatalog): TreeTarget {
  const words = args.filter((word) => word !== '');
  let kind: string | undefined;
  let name: string | undefined;
  if (words.length === 1 && words[0]!.includes('/')) {
    const slash = words[0]!.indexOf('/');
    kind = words[0]!.slice(0, slash);
    name = words[0]!.slice(slash + 1);
  } else if (words.length === 2 && !words[0]!.includes('/')) {
    [kind, name] = words;
  } else if (words.length === 2) {
    throw new UsageError('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form',
      {hint: 'use `kubectl tree KIND NAME` or `kubectl tree KIND/NAME`'});
  }
  if (!kind || !name || name.includes('/') || words.length > 2) {
    throw new UsageError('a resource type and a name are required, e.g. `kubectl tree deployment web` or `kubectl tree deploy/web`');
  }
  return {type: catalog.resolve(kind), name};
}

export interface TreeQuery extends TreeTarget {
  /** The namespace of a namespaced root (-n, or the context's). */
  namespace: string;
  up?: boolean;
  links?: boolean;
  /** `-A`: a namespaced root is looked for in every namespace (and must be in exactly one). */
  allNamespaces?: boolean;
  /** `-l`: narrows the listed dependents, as kubectl-tree does. */
  labelSelector?: string;
}

export interface TreeSnapshot {
  /** Read from a live cluster (else from manifests). */
  live: boolean;
  root: KubeObject;
  /** Everything the owner graph is built from (metadata-only copies in live mode). */
  objects: KubeObject[];
  /** Full copies by UID, for status (live mode fetches them for the kinds in the tree). */
  full: Map<string, KubeObject>;
  /** Objects the links read (full where a spec matters). */
  linkObjects: KubeObject[];
  /** Kinds the links could not read. */
  unreadableKinds: Set<string>;
  /** Why an owner is missing, by reference UID, when it is not simply gone (`--up`). */
  missingReasons: Map<string, string>;
  /** Warnings for the user (one line each). */
  warnings: string[];
}

/** Metadata-only items say `PartialObjectMetadata`; put the listed type's apiVersion and kind back. */
function normalize(items: readonly KubeObject[], type: ResourceType): KubeObject[] {
  const apiVersion = groupVersionOf(type);
  return items.map((item) => (item.kind === type.kind && item.apiVersion === apiVersion) ? item
    : {...item, apiVersion, kind: type.kind});
}

function status(error: unknown): number | undefined {
  return error instanceof ClusterError ? error.status : undefined;
}

/**
 * The root object. Not there is bad input (exit 2, worded as kubectl words it); only a root
 * that cannot be read (forbidden, unreachable) is a ClusterError (exit 3), thrown by the source.
 */
export async function readRoot(source: Source, target: TreeTarget, namespace: string, allNamespaces = false): Promise<KubeObject> {
  const {type, name} = target;
  if (type.namespaced && allNamespaces) namespace = await namespaceHolding(source, target);
  const root = await source.get(type, name, type.namespaced ? namespace : undefined);
  if (!root) {
    const where = type.namespaced ? ` in namespace "${namespace}"` : '';
    throw new UsageError(`${qualifiedName(type)} "${name}" not found${where}`, {
      hint: source.live ? `list them with \`kubectl get ${type.plural}${type.namespaced ? ` -n ${namespace}` : ''}\``
        : `not in ${source.description}`,
    });
  }
  return root.kind && root.apiVersion ? root : {...root, kind: type.kind, apiVersion: groupVersionOf(type)};
}

/** `-A`: the one namespace holding a namespaced object of that name (by one list, metadata only). */
async function namespaceHolding(source: Source, target: TreeTarget): Promise<string> {
  const {type, name} = target;
  const [result] = await source.list([{type, metadataOnly: true, fieldSelector: `metadata.name=${name}`}]);
  // Sources that ignore the field selector still give the right answer.
  const namespaces = [...new Set((result?.items ?? []).filter((item) => item.metadata.name === name)
    .map((item) => item.metadata.namespace ?? ''))].sort();
  if (namespaces.length === 0) {
    throw new UsageError(`${qualifiedName(type)} "${name}" not found in any namespace`, {
      hint: source.live ? `list them with \`kubectl get ${type.plural} -A\`` : `not in ${source.description}`,
    });
  }
  if (namespaces.length > 1) {
    throw new UsageError(`${qualifiedName(type)} "${name}" exists in ${namespaces.length} namespaces: ${namespaces.join(', ')}`, {
      hint: `pick one with -n, e.g. \`kubectl tree ${type.plural} ${name} -n ${namespaces[0]}\``,
    });
  }
  return namespaces[0]!;
}

/**
 * The types a namespaced root's dependents can have (namespaced types, in its namespace), or for
 * a cluster-scoped root every listable type in every namespace.
 */
export function typesToList(types: readonly ResourceType[], rootType: ResourceType): ResourceType[] {
  const listable = types.filter((type) => type.verbs.includes('list') && (!rootType.namespaced || type.namespaced));
  // events.k8s.io serves the same objects as core events; list them once.
  const coreEvents = listable.some((type) => type.group === '' && type.plural === 'events');
  return listable.filter((type) => !(coreEvents && type.group === 'events.k8s.io' && type.plural === 'events'));
}

/** Notes the types a list skipped (forbidden, gone); one warning names them all at the end. */
function noteSkipped(results: readonly ListResult[], skipped: Map<string, string>): void {
  for (const result of results) if (result.skipped) skipped.set(qualifiedName(result.type), result.skipped);
}

function skippedWarning(skipped: ReadonlyMap<string, string>, links: boolean): string | undefined {
  if (skipped.size === 0) return undefined;
  const names = [...skipped.keys()].sort();
  const reasons = [...new Set(skipped.values())].sort();
  const effect = links ? 'the tree may miss objects of these types, and links to them show as Unknown' : 'the tree may miss objects of these types';
  return `cannot list ${names.join(', ')} (${reasons.join(', ')}); ${effect}`;
}

// Few objects of a kind: one get each beats listing the whole kind again.
const GET_LIMIT = 8;
// Link targets (nodes, volumes) named by the tree: read one by one up to this many.
const MANY_GETS = 50;
// Resource types listed at once for the owner graph (see collectDependents).
const LIST_WIDTH = 6;

/** Runs `work` over `items` with at most `width` running at once. */
async function forEachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({length: Math.min(width, items.length)}, worker));
}

export async function collectTreeSnapshot(source: Source, catalog: ResourceCatalog, query: TreeQuery): Promise<TreeSnapshot> {
  const root = await readRoot(source, query, query.namespace, query.allNamespaces);
  const snapshot: TreeSnapshot = {
    live: source.live, root, objects: [], full: new Map(), linkObjects: [], unreadableKinds: new Set(), missingReasons: new Map(), warnings: [],
  };
  if (query.up) {
    await collectOwners(source, catalog, snapshot);
    return snapshot;
  }
  const skipped = new Map<string, string>();
  await collectDependents(source, catalog, query, snapshot, skipped);
  if (query.links) await collectLinks(source, catalog, snapshot, skipped);
  const warning = skippedWarning(skipped, query.links === true);
  if (warning) snapshot.warnings.unshift(warning);
  return snapshot;
}

async function collectDependents(source: Source, catalog: ResourceCatalog, query: TreeQuery, snapshot: TreeSnapshot,
  skipped: Map<string, string>): Promise<void> {
  const {root} = snapshot;
  const namespace = query.type.namespaced ? root.metadata.namespace ?? query.namespace : undefined;
  const requests: ListRequest[] = typesToList(catalog.types, query.type).map((type) => ({
    type, namespace, metadataOnly: true, optional: true, ...(query.labelSelector ? {labelSelector: query.labelSelector} : {}),
  }));
  // Each type is consumed as soon as it arrives, keeping only what ownership needs: on a big
  // cluster most objects own nothing and are owned by nothing, and need not stay in memory.
  // A few types at a time: every type in flight holds all its items until its last page, and
  // 60 at once cost ~70 MB more peak memory on the benchmark for no gain in wall time
  // (pages of one type come one after the other anyway; measured 1.2-1.7 s either way).
  const slim = source.live;
  await forEachLimited(requests, LIST_WIDTH, async (request) => {
    const [result] = await source.list([request]);
    noteSkipped([result!], skipped);
    if (result!.skipped) return;
    for (const item of normalize(result!.items, result!.type)) {
      if (!item.metadata.ownerReferences?.length) continue;
      snapshot.objects.push(slim ? ownershipView(item) : item);
    }
  });
  // The root as read last: it replaces its metadata copy, and is there even if -l filtered it out.
  snapshot.objects.push(root);
  if (root.metadata.uid) snapshot.full.set(root.metadata.uid, root);
  if (!source.live) return;

  // Full objects for status, only for the kinds that are in the tree.
  const graph = new OwnerGraph(snapshot.objects);
  const rootId = graph.idOf(root);
  if (rootId === undefined) return;
  const wanted = new Set<string>();
  const byType = new Map<ResourceType, KubeObject[]>();
  for (const id of descendantIds(graph, rootId)) {
    if (id === rootId) continue;
    const object = graph.objects[id]!;
    if (object.metadata.uid) wanted.add(object.metadata.uid);
    const type = catalog.forObject(object);
    if (!type || !type.verbs.includes('get')) continue;
    const list = byType.get(type);
    if (list) list.push(object);
    else byType.set(type, [object]);
  }
  // --links reads pod specs; without it the status fields are all a row needs.
  const keep = (item: KubeObject) => {
    if (item.metadata.uid && wanted.has(item.metadata.uid)) snapshot.full.set(item.metadata.uid, query.links ? item : statusView(item));
  };
  const work: Promise<void>[] = [];
  for (const [type, objects] of byType) {
    if (objects.length > GET_LIMIT && type.verbs.includes('list')) {
      work.push(source.list([{type, namespace: type.namespaced ? namespace : undefined, optional: true,
        ...(query.labelSelector ? {labelSelector: query.labelSelector} : {})}]).then(([result]) => {
        if (!result!.skipped) for (const item of normalize(result!.items, result!.type)) keep(item);
      }));
      continue;
    }
    for (const object of objects) {
      work.push(source.get(type, object.metadata.name, object.metadata.namespace).then((full) => {
        if (full) keep(normalize([full], type)[0]!);
      }, () => undefined)); // Status is a nicety: an unreadable object keeps "-".
    }
  }
  await Promise.all(work);
}

/** What the owner graph and the rows need of an object: identity, owners, times, finalizers. */
export function ownershipView(object: KubeObject): KubeObject {
  const meta = object.metadata;
  const metadata: KubeObject['metadata'] = {name: meta.name};
  if (meta.namespace !== undefined) metadata.namespace = meta.namespace;
  if (meta.uid !== undefined) metadata.uid = meta.uid;
  if (meta.ownerReferences !== undefined) metadata.ownerReferences = meta.ownerReferences;
  if (meta.creationTimestamp !== undefined) metadata.creationTimestamp = meta.creationTimestamp;
  if (meta.deletionTimestamp !== undefined) metadata.deletionTimestamp = meta.deletionTimestamp;
  if (meta.finalizers !== undefined) metadata.finalizers = meta.finalizers;
  return {apiVersion: object.apiVersion, kind: object.kind, metadata};
}

// The spec fields objectStatus reads (status.ts); everything else in a spec is left behind.
const statusSpecFields = ['replicas', 'suspend', 'type', 'unschedulable'];

/** A full object cut down to what READY and REASON are computed from. */
export function statusView(object: KubeObject): KubeObject {
  const view = ownershipView(object);
  const spec = object.spec;
  if (spec && typeof spec === 'object') {
    const kept: Record<string, unknown> = {};
    for (const field of statusSpecFields) if (field in spec) kept[field] = spec[field];
    if (Array.isArray(spec.initContainers)) {
      kept.initContainers = spec.initContainers.map((container: any) => ({name: container?.name, restartPolicy: container?.restartPolicy}));
    }
    view.spec = kept;
  }
  if (object.status !== undefined) view.status = object.status;
  return view;
}

// Bad data can name owners without end; stop after this many reads.
const OWNER_READ_LIMIT = 10_000;

async function collectOwners(source: Source, catalog: ResourceCatalog, snapshot: TreeSnapshot): Promise<void> {
  const {root} = snapshot;
  snapshot.objects.push(root);
  const seen = new Set<string>();
  let frontier: KubeObject[] = [root];
  let reads = 0;
  while (frontier.length > 0 && reads < OWNER_READ_LIMIT) {
    const next: Promise<KubeObject | undefined>[] = [];
    for (const dependent of frontier) {
      for (const reference of dependent.metadata.ownerReferences ?? []) {
        const owner = ownerRead(source, catalog, dependent, reference, seen, snapshot);
        if (owner) {
          reads++;
          next.push(owner);
        }
      }
    }
    const owners = await Promise.all(next);
    frontier = owners.filter((owner): owner is KubeObject => owner !== undefined);
    snapshot.objects.push(...frontier);
  }
}

function ownerRead(source: Source, catalog: ResourceCatalog, dependent: KubeObject, reference: OwnerReference,
  seen: Set<string>, snapshot: TreeSnapshot): Promise<KubeObject | undefined> | undefined {
  if (!reference || typeof reference !== 'object' || !reference.kind || !reference.name) return undefined;
  const type = catalog.forObject({apiVersion: String(reference.apiVersion ?? ''), kind: reference.kind});
  if (!type) {
    if (reference.uid) snapshot.missingReasons.set(reference.uid, 'UnknownKind');
    return undefined;
  }
  // A cluster-scoped dependent cannot have a namespaced owner: nothing to read.
  if (type.namespaced && !dependent.metadata.namespace) return undefined;
  const namespace = type.namespaced ? dependent.metadata.namespace : undefined;
  const key = `${type.group}/${type.kind}/${namespace ?? ''}/${reference.name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  return source.get(type, reference.name, namespace).then(
    (owner) => (owner ? normalize([owner], type)[0] : undefined),
    (error: unknown) => {
      if (status(error) === 403) {
        if (reference.uid) snapshot.missingReasons.set(reference.uid, 'Forbidden');
        snapshot.warnings.push(`cannot read ${qualifiedName(type)} "${reference.name}" (forbidden); the chain stops there`);
        return undefined;
      }
      if (error instanceof SleuthError) throw error;
      throw new ClusterError(`cannot read ${qualifiedName(type)} "${reference.name}": ${(error as Error).message}`, {cause: error});
    });
}

async function collectLinks(source: Source, catalog: ResourceCatalog, snapshot: TreeSnapshot, skipped: Map<string, string>): Promise<void> {
  const graph = new OwnerGraph(snapshot.objects);
  const rootId = graph.idOf(snapshot.root);
  if (rootId === undefined) return;
  const inTree = [...descendantIds(graph, rootId)].map((id) => {
    const object = graph.objects[id]!;
    return (object.metadata.uid && snapshot.full.get(object.metadata.uid)) || object;
  });
  const namespaces = new Set(inTree.filter((object) => object.kind === 'Pod' || object.kind === 'Service' ||
    object.kind === 'PersistentVolumeClaim').map((object) => object.metadata.namespace).filter((ns): ns is string => !!ns));
  if (namespaces.size === 0 && !inTree.some((object) => object.kind === 'PersistentVolumeClaim')) return;

  const metadataKinds = new Set(['ServiceAccount', 'ConfigMap', 'Secret']);
  const requests: ListRequest[] = [];
  for (const kind of linkTargetKinds) {
    const type = catalog.forKind(kind, kind === 'Ingress' || kind === 'NetworkPolicy' ? 'networking.k8s.io' : kind === 'PodDisruptionBudget' ? 'policy' : '');
    if (!type || !type.namespaced || !type.verbs.includes('list')) continue;
    // Secrets and their kin: whether they exist is all a link needs, never their data.
    for (const namespace of namespaces) requests.push({type, namespace, optional: true, metadataOnly: metadataKinds.has(kind)});
  }
  const results = await source.list(requests);
  // The tree's own objects first: listed copies of the same objects replace them.
  snapshot.linkObjects.push(...inTree);
  noteSkipped(results, skipped);
  for (const result of results) {
    if (result.skipped) snapshot.unreadableKinds.add(result.type.kind);
    else snapshot.linkObjects.push(...normalize(result.items, result.type));
  }

  // Cluster-scoped targets: read just the ones named.
  const claims = [...inTree, ...snapshot.linkObjects].filter((object) => object.kind === 'PersistentVolumeClaim');
  const wanted: {kind: string; name: string}[] = [];
  for (const object of inTree) {
    if (object.kind === 'Pod' && typeof object.spec?.nodeName === 'string' && object.spec.nodeName) wanted.push({kind: 'Node', name: object.spec.nodeName});
  }
  for (const claim of claims) {
    if (typeof claim.spec?.volumeName === 'string' && claim.spec.volumeName) wanted.push({kind: 'PersistentVolume', name: claim.spec.volumeName});
  }
  const unique = new Map(wanted.map((entry) => [`${entry.kind}/${entry.name}`, entry]));
  const named = (kind: string) => [...unique.values()].filter((entry) => entry.kind === kind).map((entry) => entry.name);
  await Promise.all(['Node', 'PersistentVolume'].map(async (kind) => {
    const type = catalog.forKind(kind, '');
    const names = named(kind);
    if (!type || names.length === 0) return;
    try {
      if (names.length > MANY_GETS && type.verbs.includes('list')) {
        // Hundreds of nodes: one list is cheaper than a get each.
        const [result] = await source.list([{type, optional: true}]);
        noteSkipped([result!], skipped);
        if (result!.skipped) snapshot.unreadableKinds.add(kind);
        const wantedNames = new Set(names);
        for (const object of normalize(result!.items, type)) if (wantedNames.has(object.metadata.name)) snapshot.linkObjects.push(object);
        return;
      }
      await Promise.all(names.map(async (name) => {
        const object = await source.get(type, name);
        if (object) snapshot.linkObjects.push(normalize([object], type)[0]!);
      }));
    } catch (error) {
      if (status(error) !== 403) throw error;
      snapshot.unreadableKinds.add(kind);
    }
  }));
}
