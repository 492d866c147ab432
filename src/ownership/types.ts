// The tree model `kubectl tree` prints and returns (CONTRACT.md's JSON shape plus extra fields).

/** A condition's status as the API writes it, or "-" when the object has none to read. */
export type Ready = 'True' | 'False' | 'Unknown' | '-';

/** How a row is coloured: bad and warn rows are the unhealthy ones. */
export type Health = 'ok' | 'warn' | 'bad' | 'none';

export interface ObjectStatus {
  ready: Ready;
  /** A short reason or phase ("Running", "CrashLoopBackOff", "MinimumReplicasAvailable"), or "-". */
  status: string;
  health: Health;
}

/** The fields every row shows: one object (or one missing owner). */
export interface ObjectSummary extends ObjectStatus {
  kind: string;
  apiVersion: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  name: string;
  uid: string;
  /** kubectl's AGE ("3d"), "<unknown>" without a creation timestamp. */
  age: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
}

/** A relation that is not an ownerReference (`--links`). */
export interface LinkNode extends ObjectSummary {
  /** What the link is, e.g. "serviceAccountName", "volume config", "selects (Service)". */
  relation: string;
  /** The target does not exist (or could not be read, see status). */
  missing?: true;
  /** Links of the target: a claim's PersistentVolume, the Ingresses routing to a Service. */
  links?: LinkNode[];
}

export interface TreeNode extends ObjectSummary {
  /** Whether the reference from this object to its parent in the tree is the controller reference. */
  controller?: boolean;
  /** This object is already an ancestor: the ownership cycle is cut here. */
  cycle?: true;
  /** The object was shown earlier in the tree (it has several owners); its subtree is not repeated. */
  repeated?: true;
  links?: LinkNode[];
  /** Owned objects, sorted by kind, then name, then namespace. */
  children: TreeNode[];
}

/** `--up`: an object and the chain of its owners. */
export interface OwnerNode extends ObjectSummary {
  /** Whether the reference that led here (from the object below) is the controller reference. */
  controller?: boolean;
  /** The owner named by an ownerReference does not exist (or is not the object the reference names). */
  missing?: true;
  cycle?: true;
  repeated?: true;
  owners: OwnerNode[];
}
