// The trees `kubectl tree` prints: down from an object to everything it owns, or (`--up`) from an
// object to its owners and theirs. Walked with an explicit stack, so neither a long chain nor a
// cycle in bad data can overflow or hang: an object already on the path is cut and marked
// `cycle`, an object already shown elsewhere (several owners) is marked `repeated`.

import type {KubeObject, OwnerReference} from '../cluster/types.ts';
import {age} from '../output/age.ts';
import {compareText, type OwnerGraph} from './graph.ts';
import {objectStatus} from './status.ts';
import type {LinkNode, ObjectStatus, ObjectSummary, OwnerNode, TreeNode} from './types.ts';

export interface SummaryOptions {
  /** Milliseconds since the epoch, for AGE (tests fix it). */
  now?: number;
  /** READY/REASON of an object; defaults to objectStatus (a full copy may be looked up here). */
  status?: (object: KubeObject) => ObjectStatus;
}

export interface TreeOptions extends SummaryOptions {
  /** Relations that are not ownership (`--links`), per object. */
  links?: (object: KubeObject) => LinkNode[] | undefined;
}

export function summarize(object: KubeObject, options: SummaryOptions = {}): ObjectSummary {
  const status = (options.status ?? objectStatus)(object);
  const meta = object.metadata;
  const summary: ObjectSummary = {
    kind: object.kind,
    apiVersion: object.apiVersion,
    namespace: meta.namespace ?? '',
    name: meta.name,
    uid: meta.uid ?? '',
    ready: status.ready,
    status: status.status,
    age: age(meta.creationTimestamp, options.now),
    health: status.health,
  };
  if (meta.creationTimestamp) summary.creationTimestamp = meta.creationTimestamp;
  if (meta.deletionTimestamp) summary.deletionTimestamp = meta.deletionTimestamp;
  if (Array.isArray(meta.finalizers) && meta.finalizers.length > 0) summary.finalizers = [...meta.finalizers];
  return summary;
}

/** Every object id reachable from `root` through ownership (root included). */
export function descendantIds(graph: OwnerGraph, root: number): Set<number> {
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const {child} of graph.childrenOf(id)) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return seen;
}

/**
 * Depth-first from `start`, expanding each object once, in the order `expand` returns: an object
 * already on the current path is cut and marked `cycle`; one expanded before elsewhere (and with
 * something to expand) is marked `repeated` instead of being shown again.
 */
function walkOnce<N extends {cycle?: boolean; repeated?: boolean}>(
  start: {id: number; node: N},
  expands: (id: number) => boolean,
  expand: (id: number, node: N) => {id: number; node: N}[],
): void {
  const active = new Set<number>();
  const done = new Set<number>();
  type Frame = {id: number; node: N; leave?: true};
  const stack: Frame[] = [start];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.leave) {
      active.delete(frame.id);
      done.add(frame.id);
      continue;
    }
    if (active.has(frame.id)) {
      frame.node.cycle = true;
      continue;
    }
    if (done.has(frame.id)) {
      if (expands(frame.id)) frame.node.repeated = true;
      continue;
    }
    active.add(frame.id);
    stack.push({id: frame.id, node: frame.node, leave: true});
    const next = expand(frame.id, frame.node);
    for (let index = next.length - 1; index >= 0; index--) stack.push(next[index]!);
  }
}

/** The tree of objects owned by `root`, directly or through a chain. */
export function buildOwnershipTree(graph: OwnerGraph, root: number, options: TreeOptions = {}): TreeNode {
  const make = (id: number, controller?: boolean): TreeNode => {
    const object = graph.objects[id]!;
    const node: TreeNode = {...summarize(object, options), ...(controller === undefined ? {} : {controller}), children: []};
    const links = options.links?.(object);
    if (links && links.length > 0) node.links = links;
    return node;
  };
  const rootNode = make(root);
  walkOnce({id: root, node: rootNode}, (id) => graph.childrenOf(id).length > 0, (id, node) =>
    graph.childrenOf(id).map(({child, controller}) => {
      const childNode = make(child, controller);
      node.children.push(childNode);
      return {id: child, node: childNode};
    }));
  return rootNode;
}

export interface OwnerChainOptions extends SummaryOptions {
  /** Whether a kind is namespaced, for the namespace a missing owner would have (undefined: unknown). */
  namespaced?: (apiVersion: string, kind: string) => boolean | undefined;
  /** Why an owner that is not in the graph is missing, by reference UID (e.g. "Forbidden"); default "NotFound". */
  missingReason?: (reference: OwnerReference) => string | undefined;
}

function missingOwner(reference: OwnerReference, dependent: KubeObject, options: OwnerChainOptions): OwnerNode {
  const namespaced = options.namespaced?.(String(reference.apiVersion ?? ''), String(reference.kind ?? ''));
  return {
    kind: String(reference.kind ?? ''),
    apiVersion: String(reference.apiVersion ?? ''),
    namespace: namespaced === false ? '' : dependent.metadata.namespace ?? '',
    name: String(reference.name ?? ''),
    uid: String(reference.uid ?? ''),
    ready: '-',
    status: options.missingReason?.(reference) ?? 'NotFound',
    age: '<unknown>',
    health: 'bad',
    controller: reference.controller === true,
    missing: true,
    owners: [],
  };
}

/** `--up`: the object and its owners, up to the roots; missing owners are shown as such. */
export function buildOwnerChain(graph: OwnerGraph, start: number, options: OwnerChainOptions = {}): OwnerNode {
  const rootNode: OwnerNode = {...summarize(graph.objects[start]!, options), owners: []};
  walkOnce({id: start, node: rootNode}, (id) => graph.ownersOf(id).length > 0, (id, node) => {
    const object = graph.objects[id]!;
    const sortedOwners = [...graph.ownersOf(id)].sort((a, b) => compareText(String(a.reference.kind), String(b.reference.kind)) ||
      compareText(String(a.reference.name), String(b.reference.name)));
    const next: {id: number; node: OwnerNode}[] = [];
    for (const {reference, owner} of sortedOwners) {
      if (owner === undefined) {
        node.owners.push(missingOwner(reference, object, options));
        continue;
      }
      const ownerNode: OwnerNode = {...summarize(graph.objects[owner]!, options), controller: reference.controller === true, owners: []};
      node.owners.push(ownerNode);
      next.push({id: owner, node: ownerNode});
    }
    return next;
  });
  return rootNode;
}
