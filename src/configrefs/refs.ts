// `kubectl inspect refs`: who uses each Secret and ConfigMap, what references something that is
// not there, and what nobody uses. Reads the entries of the shared reference index
// (src/kube/references.ts, which `kubectl tree --links` reads too). A pod's reference is told
// under the workload that made it (through ownerReferences: Pod → ReplicaSet → Deployment,
// Pod → Job → CronJob) when that workload's template makes the same reference, so 200
// replicas read as one line with 200 pods.
//
// What a missing object or key does to a pod is the kubelet's behaviour: a non-optional
// env/envFrom source fails container config generation (CreateContainerConfigError,
// pkg/kubelet/kubelet_pods.go makeEnvironmentVariables); a non-optional secret or configMap
// volume fails to mount (FailedMount, the pod stays ContainerCreating); optional ones are
// skipped (an unset variable, a volume without that file).

import type {KubeObject, OwnerReference} from '../cluster/types.ts';
import type {InputLocation} from '../errors.ts';
import {referencesOf, type Reference, type ReferenceVia} from '../kube/references.ts';
import {keysOf, undecodableValues} from './decode.ts';

export type ReferenceStatus = 'ok' | 'missing-object' | 'missing-key';

export interface ObjectName {
  kind: string;
  namespace?: string;
  name: string;
}

export interface UsageRow {
  namespace: string;
  target: {kind: 'Secret' | 'ConfigMap'; name: string; key?: string};
  /** The object that makes the reference: a workload whose template makes it, or the object itself. */
  user: ObjectName;
  /** When `user` is a Pod or ReplicaSet: the workload that controls it, top of the owner chain. */
  controlledBy?: ObjectName;
  via: ReferenceVia;
  optional: boolean;
  container?: string;
  envName?: string;
  volume?: string;
  field: string;
  /** Pods (by name) that carry this reference and belong to `user`. */
  pods: string[];
  status: ReferenceStatus;
  /** For a dangling reference: what it does to the pods. */
  consequence?: string;
  /** The target is not in the input but taken as present (kube-root-ca.crt offline). */
  assumed?: boolean;
}

export interface RefsResult {
  scope: {namespace?: string; target?: ObjectName};
  references: UsageRow[];
  dangling: UsageRow[];
  unused: ObjectName[];
  /**
   * Values in scope that cannot be decoded (a Secret's data that is not base64): the key still
   * counts as present, but whatever reads it gets nothing usable.
   */
  problems: ValueProblem[];
  summary: {references: number; dangling: number; danglingRequired: number; unused: number; systemManaged: number};
}

export interface ValueProblem {
  kind: 'Secret' | 'ConfigMap';
  namespace?: string;
  name: string;
  key: string;
  /** `data.KEY` */
  field: string;
  reason: string;
  file?: string;
  document?: number;
}

export interface RefsQuery {
  /** Undefined: every namespace. */
  namespace?: string;
  target?: {kind: 'Secret' | 'ConfigMap'; name: string};
  /**
   * Manifests (offline) rarely carry what Kubernetes publishes in every namespace by itself, the
   * `kube-root-ca.crt` ConfigMap that every pod's kube-api-access volume reads; absent, it is
   * assumed present rather than reported dangling on every pod.
   */
  assumeNamespaceDefaults?: boolean;
  /** Where an object was read (offline): problems name the file and document. */
  locate?: (object: KubeObject) => InputLocation | undefined;
}

const controllerKinds = new Set(['ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Why an object is the system's to manage (so "unused" leaves it out), or undefined. */
export function systemManaged(object: KubeObject): string | undefined {
  const namespace = object.metadata.namespace ?? '';
  if (object.kind === 'ConfigMap' && object.metadata.name === 'kube-root-ca.crt') return 'published in every namespace by the root CA publisher';
  if (object.kind === 'Secret') {
    if (object.type === 'kubernetes.io/service-account-token') return 'a service-account token';
    if (object.type === 'helm.sh/release.v1' || object.metadata.name.startsWith('sh.helm.release.v1.')) return 'a Helm release record';
    if (object.type === 'bootstrap.kubernetes.io/token') return 'a bootstrap token';
  }
  if (namespace === 'kube-system' || namespace === 'kube-public' || namespace === 'kube-node-lease') return 'in a control-plane namespace';
  const owner = object.metadata.ownerReferences?.[0];
  if (owner) return `owned by ${owner.kind}/${owner.name}`;
  if (object.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader']) return 'a leader-election record';
  return undefined;
}

export function consequenceOf(reference: Pick<Reference, 'via' | 'optional'>, status: ReferenceStatus): string | undefined {
  if (status === 'ok') return undefined;
  const what = status === 'missing-key' ? 'key' : 'object';
  if (reference.optional) {
    return reference.via === 'env' ? 'optional: the variable is left unset' : `optional: the pod starts without this ${what}`;
  }
  switch (reference.via) {
    case 'env':
    case 'envFrom':
      return 'CreateContainerConfigError: the container cannot start until it exists';
    case 'volume':
    case 'projectedVolume':
    case 'volumeSecretRef':
      return 'FailedMount: the pod stays in ContainerCreating until it exists';
    case 'imagePullSecret':
      return 'the image is pulled without these credentials; a private image fails with ImagePullBackOff';
    case 'serviceAccountImagePullSecret':
      return 'pods using this ServiceAccount get a pull secret that does not exist';
    case 'serviceAccountSecret':
      return 'a stale entry on the ServiceAccount';
    case 'ingressTLS':
      return 'the ingress controller serves its default certificate for these hosts';
    default:
      return 'the reference cannot be resolved';
  }
}

function nameOf(object: KubeObject): ObjectName {
  const out: ObjectName = {kind: object.kind, name: object.metadata.name};
  if (object.metadata.namespace !== undefined) out.namespace = object.metadata.namespace;
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same reference, as far as folding goes: same target, key, way and place in the pod. */
function sameReference(a: Reference, b: Reference): boolean {
  return a.to.name === b.to.name && a.to.kind === b.to.kind && a.to.key === b.to.key && a.via === b.via &&
    a.container === b.container && a.envName === b.envName && a.volume === b.volume;
}

/** Objects by kind, namespace and name in nested maps: lookups without building key strings. */
class ObjectTable {
  private readonly byKind = new Map<string, Map<string, Map<string, KubeObject>>>();
  set(object: KubeObject): void {
    let namespaces = this.byKind.get(object.kind);
    if (!namespaces) this.byKind.set(object.kind, (namespaces = new Map()));
    const namespace = object.metadata.namespace ?? '';
    let names = namespaces.get(namespace);
    if (!names) namespaces.set(namespace, (names = new Map()));
    names.set(object.metadata.name, object);
  }
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byKind.get(kind)?.get(namespace ?? '')?.get(name);
  }
}

export function traceReferences(objects: readonly KubeObject[], query: RefsQuery = {}): RefsResult {
  const targets = new ObjectTable();
  const controllers = new ObjectTable();
  const byUid = new Map<string, KubeObject>();
  for (const object of objects) {
    if (object.kind === 'Secret' || object.kind === 'ConfigMap') targets.set(object);
    else if (controllerKinds.has(object.kind)) {
      if (object.metadata.uid) byUid.set(object.metadata.uid, object);
      controllers.set(object);
    }
  }

  // The chain of controllers above an object, nearest first, as far as the input holds them.
  const ownerChains = new Map<KubeObject, KubeObject[]>();
  const chainOf = (object: KubeObject): KubeObject[] => {
    const cached = ownerChains.get(object);
    if (cached) return cached;
    const chain: KubeObject[] = [];
    const seen = new Set<KubeObject>([object]);
    let current: KubeObject | undefined = object;
    while (current) {
      const references: OwnerReference[] = current.metadata.ownerReferences ?? [];
      const owner: OwnerReference | undefined = references.find((candidate) => candidate.controller) ?? references[0];
      if (!owner) break;
      const next: KubeObject | undefined = (owner.uid ? byUid.get(owner.uid) : undefined) ??
        controllers.get(owner.kind, current.metadata.namespace, owner.name);
      if (!next || seen.has(next)) break;
      seen.add(next);
      chain.push(next);
      current = next;
    }
    ownerChains.set(object, chain);
    return chain;
  };
  // A controller's own references by target name, to find the one a pod's reference copies.
  const templateReferences = new Map<KubeObject, Map<string, Reference[]>>();
  const makesSame = (controller: KubeObject, reference: Reference): boolean => {
    let byName = templateReferences.get(controller);
    if (!byName) {
      byName = new Map();
      for (const own of referencesOf(controller)) {
        const list = byName.get(own.to.name);
        if (list) list.push(own);
        else byName.set(own.to.name, [own]);
      }
      templateReferences.set(controller, byName);
    }
    return byName.get(reference.to.name)?.some((own) => sameReference(own, reference)) ?? false;
  };

  const keyCache = new Map<KubeObject, Set<string>>();
  const statusOf = (reference: Reference, target: KubeObject | undefined): ReferenceStatus => {
    if (!target) return 'missing-object';
    if (reference.to.key === undefined) return 'ok';
    let keys = keyCache.get(target);
    if (!keys) keyCache.set(target, (keys = keysOf(target)));
    return keys.has(reference.to.key) ? 'ok' : 'missing-key';
  };

  const referenced = new Set<KubeObject>();
  const rows: UsageRow[] = [];
  // Rows by user, then by target name; each remembers the reference that made it.
  const rowsByUser = new Map<KubeObject, Map<string, {reference: Reference; row: UsageRow}[]>>();
  // Object by object, so each object's owner chain is looked up once, not once per reference.
  // Hot at scale (10,000 pods): no key strings are built per reference.
  for (const from of objects) {
    const references = referencesOf(from);
    if (references.length === 0) continue;
    const chain = chainOf(from);
    for (const reference of references) {
      if (reference.to.kind !== 'Secret' && reference.to.kind !== 'ConfigMap') continue;
      const target = targets.get(reference.to.kind, reference.to.namespace, reference.to.name);
      if (target) referenced.add(target);
      if (query.namespace !== undefined && reference.to.namespace !== query.namespace) continue;
      if (query.target && (reference.to.kind !== query.target.kind || reference.to.name !== query.target.name)) continue;
      // The topmost controller whose own template makes the same reference speaks for it.
      let user = from;
      for (let position = chain.length - 1; position >= 0; position--) {
        if (makesSame(chain[position]!, reference)) {
          user = chain[position]!;
          break;
        }
      }
      let userRows = rowsByUser.get(user);
      if (!userRows) rowsByUser.set(user, (userRows = new Map()));
      let sameName = userRows.get(reference.to.name);
      if (!sameName) userRows.set(reference.to.name, (sameName = []));
      let row = sameName.find((entry) => sameReference(entry.reference, reference))?.row;
      if (!row) {
        const assumed = !target && query.assumeNamespaceDefaults === true && reference.to.kind === 'ConfigMap' && reference.to.name === 'kube-root-ca.crt';
        const status = assumed ? 'ok' : statusOf(reference, target);
        const userChain = user === from ? chain : chainOf(user);
        row = {
          namespace: reference.to.namespace,
          target: {kind: reference.to.kind, name: reference.to.name},
          user: nameOf(user),
          via: reference.via,
          optional: reference.optional,
          field: reference.field,
          pods: [],
          status,
        };
        if (reference.to.key !== undefined) row.target.key = reference.to.key;
        if (userChain.length > 0) row.controlledBy = nameOf(userChain[userChain.length - 1]!);
        if (reference.container !== undefined) row.container = reference.container;
        if (reference.envName !== undefined) row.envName = reference.envName;
        if (reference.volume !== undefined) row.volume = reference.volume;
        const consequence = consequenceOf(reference, status);
        if (consequence) row.consequence = consequence;
        if (assumed) row.assumed = true;
        sameName.push({reference, row});
        rows.push(row);
      } else if (from === user && from.kind !== 'Pod') {
        row.field = reference.field; // the template's own field reads better than a pod's copy
      }
      if (from.kind === 'Pod') row.pods.push(from.metadata.name);
    }
  }

  const references = rows;
  for (const row of references) row.pods.sort(compare);
  references.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.target.kind, b.target.kind) ||
    compare(a.target.name, b.target.name) || compare(a.target.key ?? '', b.target.key ?? '') || compare(a.user.kind, b.user.kind) ||
    compare(a.user.name, b.user.name) || compare(a.field, b.field));
  const dangling = references.filter((row) => row.status !== 'ok');

  const unused: ObjectName[] = [];
  const problems: ValueProblem[] = [];
  let systemCount = 0;
  for (const object of objects) {
    if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') continue;
    if (query.namespace !== undefined && object.metadata.namespace !== query.namespace) continue;
    if (query.target && (object.kind !== query.target.kind || object.metadata.name !== query.target.name)) continue;
    for (const value of undecodableValues(object)) {
      const problem: ValueProblem = {kind: object.kind, name: object.metadata.name, key: value.key, field: value.field, reason: value.reason};
      if (object.metadata.namespace !== undefined) problem.namespace = object.metadata.namespace;
      const origin = query.locate?.(object);
      if (origin?.file !== undefined) problem.file = origin.file;
      if (origin?.document !== undefined) problem.document = origin.document;
      problems.push(problem);
    }
    if (referenced.has(object)) continue;
    if (systemManaged(object)) {
      systemCount++;
      continue;
    }
    unused.push(nameOf(object));
  }
  unused.sort((a, b) => compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) || compare(a.name, b.name));
  problems.sort((a, b) => compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.field, b.field));

  const scope: RefsResult['scope'] = {};
  if (query.namespace !== undefined) scope.namespace = query.namespace;
  if (query.target) scope.target = {kind: query.target.kind, namespace: query.namespace, name: query.target.name};
  return {
    scope,
    references,
    dangling,
    unused,
    problems,
    summary: {
      references: references.length,
      dangling: dangling.length,
      danglingRequired: dangling.filter((row) => !row.optional).length,
      unused: unused.length,
      systemManaged: systemCount,
    },
  };
}
