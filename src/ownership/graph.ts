// The owner graph: every object once, and for each ownerReference the object it names.
// A reference resolves the way the garbage collector checks it (kubernetes
// pkg/controller/garbagecollector): by UID, and only to an object of the kind (API group, not
// version), name and scope the reference states; a namespaced owner owns only dependents in its
// own namespace, a cluster-scoped owner owns dependents anywhere, and a cluster-scoped dependent
// cannot have a namespaced owner. Anything else is a dangling reference. Duplicate names across
// kinds, and even reused UIDs, therefore stay apart. Objects without a UID (hand-written
// manifests) are matched by group, kind, namespace and name instead.

import type {KubeObject, OwnerReference} from '../cluster/types.ts';

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** One resolved (or dangling) ownerReference of a dependent. */
export interface OwnerLink {
  reference: OwnerReference;
  /** The owner's id in the graph; undefined when the reference dangles. */
  owner?: number;
}

export interface ChildLink {
  child: number;
  controller: boolean;
}

function identity(object: KubeObject): string {
  return `${groupOf(object.apiVersion)}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export class OwnerGraph {
  /** Objects by id (their index). */
  readonly objects: readonly KubeObject[];
  private readonly byUid = new Map<string, number[]>();
  private readonly byIdentity = new Map<string, number>();
  private readonly owners: OwnerLink[][] = [];
  private readonly children = new Map<number, ChildLink[]>();
  private readonly sorted = new Set<number>();

  /**
   * Later copies of the same object (same UID, kind, namespace and name, e.g. listed under two
   * API groups) replace earlier ones.
   */
  constructor(objects: Iterable<KubeObject>) {
    const list: KubeObject[] = [];
    const seen = new Map<string, number>();
    for (const object of objects) {
      if (!object?.metadata?.name || !object.kind) continue;
      const key = `${object.metadata.uid ?? ''}|${identity(object)}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        list[earlier] = object;
        continue;
      }
      seen.set(key, list.length);
      list.push(object);
    }
    this.objects = list;
    list.forEach((object, id) => {
      const uid = object.metadata.uid;
      if (uid) {
        const ids = this.byUid.get(uid);
        if (ids) ids.push(id);
        else this.byUid.set(uid, [id]);
      } else {
        this.byIdentity.set(identity(object), id);
      }
    });
    list.forEach((object, id) => {
      const references = Array.isArray(object.metadata.ownerReferences) ? object.metadata.ownerReferences : [];
      const links: OwnerLink[] = [];
      for (const reference of references) {
        if (!reference || typeof reference !== 'object') continue;
        const owner = this.resolve(object, reference);
        // Two references to the same owner (bad data) make one edge.
        const again = owner !== undefined && links.some((link) => link.owner === owner);
        links.push(owner === undefined ? {reference} : {reference, owner});
        if (owner === undefined || again) continue;
        let childLinks = this.children.get(owner);
        if (!childLinks) this.children.set(owner, (childLinks = []));
        childLinks.push({child: id, controller: reference.controller === true});
      }
      this.owners.push(links);
    });
  }

  /** The id of an object given as a KubeObject (same UID, kind, namespace and name). */
  idOf(object: KubeObject): number | undefined {
    const uid = object.metadata.uid;
    const key = identity(object);
    if (!uid) return this.byIdentity.get(key);
    return this.byUid.get(uid)?.find((id) => identity(this.objects[id]!) === key);
  }

  /** The ownerReferences of `id`, each with the owner it resolves to (if any). */
  ownersOf(id: number): readonly OwnerLink[] {
    return this.owners[id] ?? [];
  }

  /** Direct dependents of `id`, sorted by kind, then name, then namespace (kubectl-tree's order). */
  childrenOf(id: number): readonly ChildLink[] {
    const links = this.children.get(id);
    if (!links) return [];
    if (!this.sorted.has(id)) {
      links.sort((a, b) => compareObjects(this.objects[a.child]!, this.objects[b.child]!) || a.child - b.child);
      this.sorted.add(id);
    }
    return links;
  }

  private resolve(dependent: KubeObject, reference: OwnerReference): number | undefined {
    const group = groupOf(String(reference.apiVersion ?? ''));
    const dependentNamespace = dependent.metadata.namespace ?? '';
    const fits = (candidate: KubeObject) => {
      if (candidate.kind !== reference.kind || candidate.metadata.name !== reference.name) return false;
      if (groupOf(candidate.apiVersion) !== group) return false;
      const ownerNamespace = candidate.metadata.namespace ?? '';
      // Cluster-scoped owners own anything; namespaced owners only their own namespace's objects.
      return ownerNamespace === '' || ownerNamespace === dependentNamespace;
    };
    if (reference.uid) {
      const candidates = this.byUid.get(reference.uid);
      const match = candidates?.find((id) => fits(this.objects[id]!));
      if (match !== undefined) return match;
      if (candidates) return undefined;
    }
    // No object carries this UID: an owner written without one may still be the one named.
    for (const namespace of dependentNamespace ? [dependentNamespace, ''] : ['']) {
      const id = this.byIdentity.get(`${group}/${reference.kind}/${namespace}/${reference.name}`);
      if (id !== undefined && fits(this.objects[id]!)) return id;
    }
    return undefined;
  }
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  return compareText(a.kind, b.kind) || compareText(a.metadata.name, b.metadata.name) ||
    compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '');
}

/** Byte order, as Go's string comparison sorts: deterministic across locales. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
