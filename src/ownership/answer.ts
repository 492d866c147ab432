// The engine of `kubectl tree`: a snapshot in, the tree (or `--up` chain) out. Pure; the
// snapshot comes from collect.ts, from a live cluster or from manifests alike.

import type {ResourceCatalog} from '../cluster/catalog.ts';
import type {KubeObject} from '../cluster/types.ts';
import {ClusterError} from '../errors.ts';
import {OwnerGraph} from './graph.ts';
import {LinkIndex} from './links.ts';
import {defaultConditionTypes, objectStatus} from './status.ts';
import {buildOwnerChain, buildOwnershipTree} from './tree.ts';
import type {TreeSnapshot} from './collect.ts';
import type {OwnerNode, TreeNode} from './types.ts';

export interface AnswerOptions {
  up?: boolean;
  links?: boolean;
  /** Milliseconds since the epoch, for AGE. */
  now?: number;
  /** Condition types tried for kinds without their own rule, first match wins. */
  conditionTypes?: readonly string[];
  /** For the namespace of missing owners in `--up`. */
  catalog?: ResourceCatalog;
}

export function answerTree(snapshot: TreeSnapshot, options: AnswerOptions = {}): TreeNode | OwnerNode {
  const conditionTypes = options.conditionTypes ?? defaultConditionTypes;
  const fullCopy = (object: KubeObject) => (object.metadata.uid && snapshot.full.get(object.metadata.uid)) || object;
  const status = (object: KubeObject) => objectStatus(fullCopy(object), conditionTypes);
  const graph = new OwnerGraph(snapshot.objects);
  const rootId = graph.idOf(snapshot.root);
  if (rootId === undefined) throw new ClusterError(`${snapshot.root.kind} "${snapshot.root.metadata.name}" vanished while it was read`);
  const summary = {now: options.now, status};
  if (options.up) {
    return buildOwnerChain(graph, rootId, {
      ...summary,
      namespaced: options.catalog ? (apiVersion, kind) => options.catalog!.forObject({apiVersion, kind})?.namespaced : undefined,
      missingReason: (reference) => (reference.uid ? snapshot.missingReasons.get(reference.uid) : undefined),
    });
  }
  const index = options.links ? new LinkIndex(snapshot.linkObjects, {
    ...summary, unreadableKinds: snapshot.unreadableKinds, assumeNamespaceDefaults: !snapshot.live,
  }) : undefined;
  return buildOwnershipTree(graph, rootId, {...summary, links: index ? (object) => index.linksOf(fullCopy(object)) : undefined});
}
