// The test cluster's state: objects per resource type, one resourceVersion counter for the whole
// store (as etcd's revision), and a bounded history of changes so that watches can resume.

import {randomUUID} from 'node:crypto';
import type {KubeObject} from '../../src/cluster/types.ts';
import type {ServedType} from './catalogue.ts';
import {groupVersion} from './catalogue.ts';
import {withDefaults} from './defaults.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** The object after the change (before it, for DELETED, with the deletion's resourceVersion). */
  object: KubeObject;
  /** For MODIFIED: the object before the change, so that watches with selectors see it leave. */
  previous?: KubeObject;
  resourceType: ServedType;
  resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

/** Why a write was refused; the router turns it into the API server's Status. */
export class StoreConflict extends Error {
  readonly reason: 'AlreadyExists' | 'Conflict' | 'NotFound' | 'Invalid';
  constructor(reason: StoreConflict['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}


export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Store {
  /** How many changes are kept for watches to resume from; older resourceVersions get 410. */
  private readonly historyLimit: number;
  private revision = 1;
  private readonly buckets = new Map<ServedType, Map<string, KubeObject>>();
  /** Each bucket's objects in key order, rebuilt on the first read after a write. */
  private readonly sortedCache = new Map<ServedType, KubeObject[]>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  /** The oldest resourceVersion a watch may still resume from. */
  private oldestResumable = 1;

  constructor(options: {historyLimit?: number} = {}) {
    this.historyLimit = options.historyLimit ?? 10_000;
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  /**
   * Objects of a type, sorted by namespace/name (the API server's key order). The array and its
   * objects are the store's own: read them, change state only through create/update/delete.
   */
  list(type: ServedType, namespace?: string): readonly KubeObject[] {
    const sorted = this.sorted(type);
    return namespace === undefined ? sorted : sorted.filter((object) => object.metadata.namespace === namespace);
  }

  get(type: ServedType, name: string, namespace?: string): KubeObject | undefined {
    return this.buckets.get(type)?.get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  /** Stores a new object, filling in what the API server would (uid, resourceVersion, timestamps). */
  create(type: ServedType, input: KubeObject): KubeObject {
    const clone = structuredClone(input);
    clone.metadata ??= {name: ''};
    if (!clone.metadata.name && clone.metadata.generateName) clone.metadata.name = clone.metadata.generateName + randomSuffix();
    if (!clone.metadata.name) throw new StoreConflict('Invalid', 'name or generateName is required');
    const object = withDefaults(type, clone);
    const metadata = object.metadata;
    if (!type.namespaced) delete metadata.namespace;
    else metadata.namespace ||= 'default';
    const bucket = this.bucket(type);
    const key = objectKey(metadata.namespace, metadata.name);
    if (bucket.has(key)) throw new StoreConflict('AlreadyExists', `${type.plural}${type.group ? `.${type.group}` : ''} "${metadata.name}" already exists`);
    metadata.uid ||= randomUUID();
    metadata.creationTimestamp ||= nowTimestamp();
    object.apiVersion ||= groupVersion(type.group, type.versions[0]);
    object.kind ||= type.kind;
    metadata.resourceVersion = this.nextRevision();
    bucket.set(key, object);
    this.sortedCache.delete(type);
    this.emit('ADDED', type, object);
    return structuredClone(object);
  }

  /**
   * Stores the initial state without copying and without events: the fast path for thousands of
   * manifest objects. Watches can resume only from resourceVersions after the load.
   */
  load(type: ServedType, input: KubeObject): void {
    if (!input.metadata?.name) throw new StoreConflict('Invalid', `a ${type.kind} without metadata.name`);
    const object = withDefaults(type, input);
    const metadata = object.metadata;
    if (!type.namespaced) delete metadata.namespace;
    else metadata.namespace ||= 'default';
    const bucket = this.bucket(type);
    const key = objectKey(metadata.namespace, metadata.name);
    if (bucket.has(key)) throw new StoreConflict('AlreadyExists', `duplicate ${type.kind} ${key}`);
    metadata.uid ||= randomUUID();
    metadata.creationTimestamp ||= nowTimestamp();
    metadata.resourceVersion = this.nextRevision();
    bucket.set(key, object);
    this.sortedCache.delete(type);
    this.oldestResumable = this.revision + 1;
  }

  /** Replaces an object; a resourceVersion in the input must match the stored one. */
  update(type: ServedType, input: KubeObject): KubeObject {
    const object = withDefaults(type, structuredClone(input));
    const metadata = object.metadata;
    const namespace = type.namespaced ? metadata.namespace || 'default' : undefined;
    const key = objectKey(namespace, metadata.name);
    const bucket = this.bucket(type);
    const current = bucket.get(key);
    if (!current) throw new StoreConflict('NotFound', `${type.plural} "${metadata.name}" not found`);
    if (metadata.resourceVersion && metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw new StoreConflict(
        'Conflict',
        `Operation cannot be fulfilled on ${type.plural}${type.group ? `.${type.group}` : ''} "${metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    if (namespace) metadata.namespace = namespace;
    else delete metadata.namespace;
    metadata.uid = current.metadata.uid;
    metadata.creationTimestamp = current.metadata.creationTimestamp;
    object.apiVersion ||= current.apiVersion;
    object.kind ||= current.kind;
    metadata.resourceVersion = this.nextRevision();
    bucket.set(key, object);
    this.sortedCache.delete(type);
    this.emit('MODIFIED', type, object, current);
    return structuredClone(object);
  }

  delete(type: ServedType, name: string, namespace?: string): KubeObject {
    const bucket = this.bucket(type);
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const current = bucket.get(key);
    if (!current) throw new StoreConflict('NotFound', `${type.plural} "${name}" not found`);
    bucket.delete(key);
    this.sortedCache.delete(type);
    // the DELETED event carries the deletion's revision, so watchers resume after it
    const gone = structuredClone(current);
    gone.metadata.resourceVersion = this.nextRevision();
    this.emit('DELETED', type, gone);
    return structuredClone(gone);
  }

  /** Changes since a resourceVersion, or undefined when that version is too old to resume from. */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.oldestResumable - 1) return undefined;
    // history is ordered by revision: find the first newer event by binary search
    let low = 0;
    let high = this.history.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.history[middle].resourceVersion <= resourceVersion) low = middle + 1;
      else high = middle;
    }
    return this.history.slice(low);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every type that holds at least one object. */
  types(): ServedType[] {
    return [...this.buckets].filter(([, bucket]) => bucket.size > 0).map(([type]) => type);
  }

  private sorted(type: ServedType): KubeObject[] {
    let sorted = this.sortedCache.get(type);
    if (!sorted) {
      const entries = [...(this.buckets.get(type) ?? new Map<string, KubeObject>())];
      entries.sort(([a], [b]) => compareKeys(a, b));
      sorted = entries.map(([, object]) => object);
      this.sortedCache.set(type, sorted);
    }
    return sorted;
  }

  private bucket(type: ServedType): Map<string, KubeObject> {
    let bucket = this.buckets.get(type);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(type, bucket);
    }
    return bucket;
  }

  private nextRevision(): string {
    this.revision += 1;
    return String(this.revision);
  }

  private emit(type: WatchEventType, resourceType: ServedType, object: KubeObject, previous?: KubeObject): void {
    const event: StoreEvent = {type, object: structuredClone(object), previous, resourceType, resourceVersion: this.revision};
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.oldestResumable = dropped[dropped.length - 1].resourceVersion + 1;
    }
    for (const listener of this.listeners) listener(event);
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function randomSuffix(): string {
  // the API server's generateName suffix alphabet: no vowels, no confusable digits
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let index = 0; index < 5; index++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return suffix;
}

export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
