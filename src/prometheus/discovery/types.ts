// Shapes shared by the Kubernetes service discovery simulation: the target groups Prometheus's
// discovery/kubernetes package sends, the objects it reads, and the kubernetes_sd_configs it obeys.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';

export const KUBERNETES_ROLES = ['node', 'pod', 'service', 'endpoints', 'endpointslice', 'ingress'] as const;
export type KubernetesRole = (typeof KUBERNETES_ROLES)[number];

/** targetgroup.Group: labels common to the group, one label set per target, and the source key. */
export interface TargetGroup {
  source: string;
  labels: Labels;
  targets: Labels[];
}

/** The objects discovery reads; each list may hold objects of every namespace. */
export interface DiscoveryObjects {
  nodes: KubeObject[];
  pods: KubeObject[];
  services: KubeObject[];
  endpoints: KubeObject[];
  endpointSlices: KubeObject[];
  ingresses: KubeObject[];
  namespaces: KubeObject[];
  replicaSets: KubeObject[];
  jobs: KubeObject[];
}

export function emptyDiscoveryObjects(): DiscoveryObjects {
  return {nodes: [], pods: [], services: [], endpoints: [], endpointSlices: [], ingresses: [], namespaces: [], replicaSets: [], jobs: []};
}

export interface SelectorConfig {
  role: KubernetesRole;
  label?: string;
  field?: string;
}

/** kubernetes.SDConfig, the parts that decide which targets are found. */
export interface KubernetesSdConfig {
  role: KubernetesRole;
  namespaces: {names: string[]; ownNamespace: boolean};
  selectors: SelectorConfig[];
  attachMetadata: {node: boolean; namespace: boolean; deployment: boolean; job: boolean; cronjob: boolean};
  /** api_server / kubeconfig_file, when set: discovery then reads another cluster than this one. */
  apiServer?: string;
  kubeconfigFile?: string;
}

export function kubernetesSdConfig(role: KubernetesRole, overrides: Partial<KubernetesSdConfig> = {}): KubernetesSdConfig {
  return {
    role,
    namespaces: {names: [], ownNamespace: false},
    selectors: [],
    attachMetadata: {node: false, namespace: false, deployment: false, job: false, cronjob: false},
    ...overrides,
  };
}
