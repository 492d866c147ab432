// The netpol engine's vocabulary: endpoints (pods, workload template pods, outside hosts),
// flows, and the verdicts with reasons that `netpol test` and `netpol matrix` print.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const protocols: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface NamespaceInfo {
  name: string;
  /** Includes `kubernetes.io/metadata.name`, which the API server sets on every namespace. */
  labels: Record<string, string>;
  /** False when no Namespace object was in the input and the engine assumed one. */
  declared: boolean;
}

/** A pod, or one standing for a workload's pod template (offline, rendered manifests). */
export interface PodEndpoint {
  kind: 'pod';
  /** `ns/name`, or `ns/kind/name` for a template pod. */
  id: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
  /** Pod IPs (status.podIPs); empty for pending and template pods. */
  ips: string[];
  hostIP?: string;
  nodeName?: string;
  hostNetwork: boolean;
  /** Set for a pod standing for a workload's template: `deployment/api`. */
  template?: string;
  /** The top owner, for grouping (`deployment/api`), or `pod/NAME` when it has none. */
  workload: string;
  /** Every owner up the chain, nearest first (`replicaset/api-5d4f`, `deployment/api`). */
  owners: string[];
}

/** A host outside the pod network, or a node, named by its IP. */
export interface ExternalEndpoint {
  kind: 'external';
  id: string;
  ip: string;
  /** The node this IP belongs to, when it is one. */
  nodeName?: string;
}

export type Endpoint = PodEndpoint | ExternalEndpoint;

/** The destination port of a flow. `name` is the destination container port with this number, if any. */
export interface FlowPort {
  /** undefined: a named port the destination does not expose. */
  number?: number;
  name?: string;
  protocol: Protocol;
  /** The number stands for every port no policy names and the destination does not declare (reasons say so). */
  other?: boolean;
}

export interface RuleRef {
  /** `ns/name` for NetworkPolicy, `KIND/name` for the cluster-scoped kinds. */
  policy: string;
  rule: number;
}

export type Tier = 'admin' | 'networkpolicy' | 'baseline' | 'default' | 'exempt';

export interface DirectionVerdict {
  allowed: boolean;
  /** Isolated by at least one NetworkPolicy for this direction. */
  isolated: boolean;
  /** The NetworkPolicies that select the pod for this direction (`ns/name`), sorted. */
  policies: string[];
  /** The NetworkPolicy rules that admit the traffic. */
  matchedBy: RuleRef[];
  /** The tier that decided. */
  tier: Tier;
  /** The admin/baseline rule that decided (or passed), when one did. */
  clusterRule?: {policy: string; rule: number; name?: string; action: string};
  /** Plain words. */
  reason: string;
}

export interface FlowVerdict {
  from: string;
  to: string;
  port: number | string | null;
  protocol: Protocol;
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** Set when the verdict does not come from policies: same pod, own node. */
  always?: string;
  /** The service the destination was reached through, `ns/name`. */
  service?: string;
  notes?: string[];
}
