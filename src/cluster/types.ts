// The shape of Kubernetes objects as the engines see them, and the Source that supplies them.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  resourceVersion?: string;
  generateName?: string;
}

/** Any Kubernetes object. Engines narrow `spec`/`status` with their own typed views. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

/** A resource type: what kubectl api-resources prints, one row. */
export interface ResourceType {
  kind: string;
  /** Lower-case plural used in URLs, e.g. "deployments". */
  plural: string;
  singular: string;
  shortNames: string[];
  /** "" for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
  /** Sub-resources such as "status", "log"; informative only. */
  subresources?: string[];
}

/** What to list: a resource type, optionally narrowed as a kubectl get would narrow it. */
export interface ListRequest {
  type: ResourceType;
  /** Undefined lists every namespace (or a cluster-scoped type). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Metadata only (PartialObjectMetadataList): enough for owner graphs. */
  metadataOnly?: boolean;
  /**
   * Optional types degrade: a 403 becomes a warning and a gap in the result instead of a
   * ClusterError (kubectl-tree's habit).
   */
  optional?: boolean;
}

export interface ListResult {
  type: ResourceType;
  items: KubeObject[];
  /** Set when an optional list was skipped: the reason, e.g. "forbidden". */
  skipped?: string;
}

/**
 * Where cluster state comes from: a live API server or manifest files (`-f`).
 * Engines never see a Source; commands ask it for exactly the lists their engine needs.
 */
export interface Source {
  /** "cluster https://host:6443" or "manifests a.yaml, b.yaml": for messages. */
  readonly description: string;
  readonly live: boolean;
  /** The namespace to use when none is given: kubeconfig context's, `-n`, else "default". */
  readonly defaultNamespace: string;
  /** Resource types this source knows: built-ins plus discovered or manifest kinds. */
  resourceTypes(): Promise<ResourceType[]>;
  /** Runs the lists in parallel. Forbidden optional lists come back with `skipped`. */
  list(requests: ListRequest[]): Promise<ListResult[]>;
  /** One object, or undefined when it does not exist. */
  get(type: ResourceType, name: string, namespace?: string): Promise<KubeObject | undefined>;
  /** Warnings gathered while reading (skipped kinds, ignored documents). */
  readonly warnings: string[];
}
