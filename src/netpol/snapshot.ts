// The state the netpol engine reasons over, built once from the objects a Source returned:
// namespaces (with their automatic name label), pods (plus, offline, one pod per workload
// that has none in the input, made from its template), services, nodes, compiled policies,
// and the CNI-specific policy objects the engine does not evaluate but must mention.

import {InputError, type InputLocation} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';
import {compileLabelSelector, type CompiledSelector} from '../kube/selector.ts';
import {compileClusterPolicy, isClusterPolicy, type CompiledClusterPolicy} from './admin-policy.ts';
import {compileNetworkPolicy, type CompiledNetworkPolicy} from './policy.ts';
import type {ContainerPort, NamespaceInfo, PodEndpoint, Protocol} from './types.ts';

export interface ServiceInfo {
  /** `ns/name` */
  id: string;
  namespace: string;
  name: string;
  /** undefined: a service without selector (endpoints managed by hand). */
  selector?: CompiledSelector;
  ports: {name?: string; port: number; targetPort: number | string; protocol: Protocol}[];
  clusterIPs: string[];
}

export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  addresses: string[];
}

export interface NetpolSnapshot {
  namespaces: Map<string, NamespaceInfo>;
  /** Sorted by id. */
  pods: PodEndpoint[];
  services: ServiceInfo[];
  nodes: Map<string, NodeInfo>;
  policies: CompiledNetworkPolicy[];
  /** Admin tier, in evaluation order. */
  adminPolicies: CompiledClusterPolicy[];
  /** Baseline tier, in evaluation order. */
  baselinePolicies: CompiledClusterPolicy[];
  /** `Kind ns/name` of CNI-specific policy objects present (not evaluated). */
  cniPolicies: string[];
  warnings: string[];
}

export interface SnapshotOptions {
  /** Offline (manifests): workloads without pods stand for template pods. */
  offline: boolean;
  /** Where an object came from, for error messages. */
  locate?: (object: KubeObject) => InputLocation;
}

export const namespaceNameLabel = 'kubernetes.io/metadata.name';

/** Kinds of CNI-specific policy the engine reports but does not evaluate, by API group. */
const cniPolicyGroups: Record<string, string[]> = {
  'cilium.io': ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'CiliumCIDRGroup'],
  'crd.projectcalico.org': ['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy'],
  'projectcalico.org': ['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy'],
  'crd.antrea.io': ['NetworkPolicy', 'ClusterNetworkPolicy'],
  'security.antrea.tanzu.vmware.com': ['NetworkPolicy', 'ClusterNetworkPolicy'],
  'k8s.ovn.org': ['EgressFirewall'],
  'networking.gke.io': ['FQDNNetworkPolicy'],
  'kube-ovn.io': ['SecurityGroup'],
};

export function isCniPolicy(object: KubeObject): boolean {
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  return cniPolicyGroups[group]?.includes(object.kind) ?? false;
}

const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController'];

export function buildSnapshot(objects: readonly KubeObject[], options: SnapshotOptions): NetpolSnapshot {
  const locate = (object: KubeObject, field: string): InputLocation => ({...(options.locate?.(object) ?? {}), field});
  const warnings: string[] = [];
  const namespaces = new Map<string, NamespaceInfo>();
  const nodes = new Map<string, NodeInfo>();
  const rawPods: KubeObject[] = [];
  const workloads: KubeObject[] = [];
  const services: ServiceInfo[] = [];
  const policies: CompiledNetworkPolicy[] = [];
  const clusterPolicies: CompiledClusterPolicy[] = [];
  const cniPolicies: string[] = [];

  for (const object of objects) {
    const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
    if (object.kind === 'Namespace' && group === '') {
      namespaces.set(object.metadata.name, {
        name: object.metadata.name,
        labels: {...(object.metadata.labels ?? {}), [namespaceNameLabel]: object.metadata.name},
        declared: true,
      });
    } else if (object.kind === 'Node' && group === '') {
      nodes.set(object.metadata.name, {
        name: object.metadata.name,
        labels: object.metadata.labels ?? {},
        addresses: (object.status?.addresses ?? []).map((address: {address: string}) => address.address).filter(Boolean),
      });
    } else if (object.kind === 'Pod' && group === '') {
      rawPods.push(object);
    } else if (workloadKinds.includes(object.kind) && (group === 'apps' || group === 'batch' || group === '')) {
      workloads.push(object);
    } else if (object.kind === 'Service' && group === '') {
      services.push(compileService(object, (field) => locate(object, field)));
    } else if (object.kind === 'NetworkPolicy' && group === 'networking.k8s.io') {
      policies.push(compileWithName(object, () => compileNetworkPolicy(object, locate(object, ''))));
    } else if (isClusterPolicy(object)) {
      clusterPolicies.push(compileWithName(object, () => compileClusterPolicy(object, locate(object, ''))));
    } else if (isCniPolicy(object)) {
      cniPolicies.push(`${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name} (${object.apiVersion})`);
    }
  }

  const pods: PodEndpoint[] = [];
  const ownersByUid = new Map<string, KubeObject>();
  const ownersByName = new Map<string, KubeObject>();
  for (const workload of workloads) {
    if (workload.metadata.uid) ownersByUid.set(workload.metadata.uid, workload);
    ownersByName.set(`${workload.kind}/${workload.metadata.namespace}/${workload.metadata.name}`, workload);
  }
  const ownerOf = (object: KubeObject): KubeObject | undefined => {
    const reference = object.metadata.ownerReferences?.find((owner) => owner.controller) ?? object.metadata.ownerReferences?.[0];
    if (!reference) return undefined;
    return (reference.uid && ownersByUid.get(reference.uid)) || ownersByName.get(`${reference.kind}/${object.metadata.namespace}/${reference.name}`);
  };
  const topOwner = (object: KubeObject): KubeObject | undefined => {
    let current = ownerOf(object);
    for (let depth = 0; current && depth < 5; depth++) {
      const next = ownerOf(current);
      if (!next) break;
      current = next;
    }
    return current;
  };
  const workloadName = (pod: KubeObject): string => {
    const owner = topOwner(pod);
    if (owner) return `${owner.kind.toLowerCase()}/${owner.metadata.name}`;
    const reference = pod.metadata.ownerReferences?.find((item) => item.controller) ?? pod.metadata.ownerReferences?.[0];
    if (reference?.kind === 'ReplicaSet') {
      // A Deployment's ReplicaSet is DEPLOYMENT-HASH: group by the Deployment even when it is not listed.
      const hash = pod.metadata.labels?.['pod-template-hash'];
      if (hash && reference.name.endsWith(`-${hash}`)) return `deployment/${reference.name.slice(0, -hash.length - 1)}`;
    }
    return reference ? `${reference.kind.toLowerCase()}/${reference.name}` : `pod/${pod.metadata.name}`;
  };

  const ownerChain = (pod: KubeObject): string[] => {
    const chain: string[] = [];
    const reference = pod.metadata.ownerReferences?.find((item) => item.controller) ?? pod.metadata.ownerReferences?.[0];
    if (reference) chain.push(`${reference.kind.toLowerCase()}/${reference.name}`);
    for (let owner = ownerOf(pod), depth = 0; owner && depth < 5; owner = ownerOf(owner), depth++) {
      const name = `${owner.kind.toLowerCase()}/${owner.metadata.name}`;
      if (!chain.includes(name)) chain.push(name);
    }
    const top = workloadName(pod);
    if (!chain.includes(top) && !top.startsWith('pod/')) chain.push(top);
    return chain;
  };

  const represented = new Set<KubeObject>();
  for (const pod of rawPods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue; // finished pods have no network
    const namespace = pod.metadata.namespace ?? 'default';
    for (let owner = ownerOf(pod); owner; owner = ownerOf(owner)) represented.add(owner);
    const ips: string[] = (pod.status?.podIPs ?? []).map((entry: {ip: string}) => entry.ip).filter(Boolean);
    if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
    const hostNetwork = pod.spec?.hostNetwork === true;
    pods.push({
      kind: 'pod',
      id: `${namespace}/${pod.metadata.name}`,
      namespace,
      name: pod.metadata.name,
      labels: pod.metadata.labels ?? {},
      ports: containerPorts(pod.spec),
      ips,
      hostIP: pod.status?.hostIP ?? undefined,
      nodeName: pod.spec?.nodeName ?? undefined,
      hostNetwork,
      workload: workloadName(pod),
      owners: ownerChain(pod),
    });
  }
  if (options.offline) {
    for (const workload of workloads) {
      if (represented.has(workload)) continue;
      // A ReplicaSet or Job owned by a listed workload is stood for by that workload.
      if (ownerOf(workload)) continue;
      const template = workload.kind === 'CronJob' ? workload.spec?.jobTemplate?.spec?.template : workload.spec?.template;
      if (!template) continue;
      const namespace = workload.metadata.namespace ?? 'default';
      const kind = workload.kind.toLowerCase();
      pods.push({
        kind: 'pod',
        id: `${namespace}/${kind}/${workload.metadata.name}`,
        namespace,
        name: `${kind}/${workload.metadata.name}`,
        labels: template.metadata?.labels ?? {},
        ports: containerPorts(template.spec),
        ips: [],
        hostNetwork: template.spec?.hostNetwork === true,
        template: `${kind}/${workload.metadata.name}`,
        workload: `${kind}/${workload.metadata.name}`,
        owners: [`${kind}/${workload.metadata.name}`],
      });
    }
  }
  pods.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Namespaces the input mentions without declaring: the API server would label them by name.
  const mention = (name: string) => {
    if (!namespaces.has(name)) namespaces.set(name, {name, labels: {[namespaceNameLabel]: name}, declared: false});
  };
  for (const pod of pods) mention(pod.namespace);
  for (const policy of policies) mention(policy.namespace);
  for (const service of services) mention(service.namespace);
  for (const pod of pods) {
    if (!pod.hostIP && pod.nodeName) {
      const node = nodes.get(pod.nodeName);
      if (node?.addresses.length) pod.hostIP = node.addresses[0];
    }
    if (pod.hostNetwork && pod.ips.length === 0 && pod.hostIP) pod.ips = [pod.hostIP];
  }

  const byRef = (a: {ref: string}, b: {ref: string}) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  policies.sort(byRef);
  const tierOrder = (a: CompiledClusterPolicy, b: CompiledClusterPolicy) => a.priority - b.priority || byRef(a, b);
  const adminPolicies = clusterPolicies.filter((policy) => policy.tier === 'admin').sort(tierOrder);
  const baselinePolicies = clusterPolicies.filter((policy) => policy.tier === 'baseline').sort(tierOrder);
  for (let index = 1; index < adminPolicies.length; index++) {
    if (adminPolicies[index].priority === adminPolicies[index - 1].priority) {
      warnings.push(`${adminPolicies[index - 1].ref} and ${adminPolicies[index].ref} share priority ${adminPolicies[index].priority}: the order between them is up to the implementation (evaluated here by name)`);
    }
  }
  services.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  cniPolicies.sort();
  return {namespaces, pods, services, nodes, policies, adminPolicies, baselinePolicies, cniPolicies, warnings};
}

function compileWithName<T>(object: KubeObject, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof InputError && !error.location.file) {
      const name = `${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
      throw new InputError(`${object.kind} ${name}: ${error.message}`, {}, {cause: error});
    }
    throw error;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function containerPorts(spec: any): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? []).filter((init: {restartPolicy?: string}) => init.restartPolicy === 'Always')]) {
    for (const port of container?.ports ?? []) {
      if (typeof port?.containerPort !== 'number') continue;
      ports.push({name: port.name || undefined, containerPort: port.containerPort, protocol: (port.protocol ?? 'TCP') as Protocol});
    }
  }
  return ports;
}

function compileService(object: KubeObject, at: (field: string) => InputLocation): ServiceInfo {
  const namespace = object.metadata.namespace ?? 'default';
  const spec = object.spec ?? {};
  const selector = spec.selector && Object.keys(spec.selector).length > 0
    ? compileLabelSelector({matchLabels: spec.selector}, at('spec.selector')) : undefined;
  const ports = (spec.ports ?? []).map((port: {name?: string; port: number; targetPort?: number | string; protocol?: string}) => ({
    name: port.name || undefined,
    port: port.port,
    targetPort: port.targetPort ?? port.port,
    protocol: (port.protocol ?? 'TCP') as Protocol,
  }));
  const clusterIPs = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter((ip: string) => ip && ip !== 'None');
  return {id: `${namespace}/${object.metadata.name}`, namespace, name: object.metadata.name, selector, ports, clusterIPs};
}

/** The pods a service sends to: its selector, in its namespace, not host-network-excluded. */
export function servicePods(snapshot: NetpolSnapshot, service: ServiceInfo): PodEndpoint[] {
  if (!service.selector) return [];
  return snapshot.pods.filter((pod) => pod.namespace === service.namespace && service.selector!.matches(pod.labels));
}
