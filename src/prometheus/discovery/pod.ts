// Role pod (discovery/kubernetes/pod.go): one group per pod with an IP, one target per container
// port, or one per container without ports (address = pod IP), init containers included.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, controllerOf, joinHostPort, META, NAMESPACE_LABEL, namespacedName, namespaceMetaLabels, nodeMetaLabels} from './meta.ts';
import type {ObjectStore} from './meta.ts';
import type {DiscoverySemantics} from './semantics.ts';
import type {KubernetesSdConfig, TargetGroup} from './types.ts';

export const POD = {
  containerName: `${META}pod_container_name`,
  containerId: `${META}pod_container_id`,
  containerImage: `${META}pod_container_image`,
  portName: `${META}pod_container_port_name`,
  portNumber: `${META}pod_container_port_number`,
  portProtocol: `${META}pod_container_port_protocol`,
  init: `${META}pod_container_init`,
};

export interface PodContext {
  config: KubernetesSdConfig;
  semantics: DiscoverySemantics;
  /** Nodes as the role's node informer sees them (node selector applied). */
  nodes: ObjectStore;
  namespaces: ObjectStore;
  replicaSets: ObjectStore;
  jobs: ObjectStore;
  /** Pod labels already made, shared by discoveries over the same snapshot with the same settings. */
  podLabelCache?: WeakMap<KubeObject, Labels>;
}

export interface ContainerView {
  name: string;
  image: string;
  ports: Array<{name: string; containerPort: number; protocol: string}>;
  init: boolean;
}

/** Containers then init containers, as upstream appends them. */
export function podContainers(pod: KubeObject, includeInit = true, apiDefaults = false): ContainerView[] {
  const view = (c: Record<string, unknown>, init: boolean): ContainerView => ({
    name: String(c.name ?? ''),
    image: String(c.image ?? ''),
    ports: ((c.ports as Array<Record<string, unknown>> | undefined) ?? []).map((p) => ({
      name: String(p.name ?? ''),
      containerPort: Number(p.containerPort ?? 0),
      protocol: String(p.protocol ?? (apiDefaults ? 'TCP' : '')),
    })),
    init,
  });
  const main = ((pod.spec?.containers as Array<Record<string, unknown>>) ?? []).map((c) => view(c, false));
  if (!includeInit) return main;
  return [...main, ...((pod.spec?.initContainers as Array<Record<string, unknown>>) ?? []).map((c) => view(c, true))];
}

function podReady(pod: KubeObject): string {
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.type === 'Ready') return String(condition.status ?? '').toLowerCase();
  }
  return 'unknown';
}

const podLabelCache = new WeakMap<PodContext, WeakMap<KubeObject, Labels>>();

/** podLabels: the pod's own metadata, shared by the pod, endpoints and endpointslice roles (cached per pod; callers copy). */
export function podLabels(pod: KubeObject, context: PodContext): Labels {
  let cache = context.podLabelCache ?? podLabelCache.get(context);
  if (!cache) podLabelCache.set(context, (cache = new WeakMap()));
  let labels = cache.get(pod);
  if (!labels) cache.set(pod, (labels = computePodLabels(pod, context)));
  return labels;
}

function computePodLabels(pod: KubeObject, context: PodContext): Labels {
  const labels: Labels = {
    [`${META}pod_ip`]: String(pod.status?.podIP ?? ''),
    [`${META}pod_ready`]: podReady(pod),
    [`${META}pod_phase`]: String(pod.status?.phase ?? ''),
    [`${META}pod_node_name`]: String(pod.spec?.nodeName ?? ''),
    [`${META}pod_host_ip`]: String(pod.status?.hostIP ?? ''),
    [`${META}pod_uid`]: String(pod.metadata.uid ?? ''),
  };
  addObjectMetaLabels(labels, pod, 'pod');
  const owner = controllerOf(pod);
  if (owner) {
    if (owner.kind) labels[`${META}pod_controller_kind`] = owner.kind;
    if (owner.name) labels[`${META}pod_controller_name`] = owner.name;
    const {attachMetadata} = context.config;
    if (context.semantics.workloadMetadata) {
      if (owner.kind === 'ReplicaSet' && attachMetadata.deployment) {
        const rsOwner = controllerOf(context.replicaSets.get(namespacedName(pod.metadata.namespace, owner.name)));
        if (rsOwner?.kind === 'Deployment') labels[`${META}pod_deployment_name`] = rsOwner.name ?? '';
      }
      if (owner.kind === 'Job') {
        if (attachMetadata.job) labels[`${META}pod_job_name`] = owner.name ?? '';
        if (attachMetadata.cronjob) {
          const jobOwner = controllerOf(context.jobs.get(namespacedName(pod.metadata.namespace, owner.name)));
          if (jobOwner?.kind === 'CronJob') labels[`${META}pod_cronjob_name`] = jobOwner.name ?? '';
        }
      }
    }
  }
  return labels;
}

function containerId(pod: KubeObject, name: string, init: boolean): string {
  const statuses = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses) ?? [];
  const status = (statuses as Array<{name?: string; containerID?: string}>).find((s) => s.name === name);
  return status?.containerID ?? '';
}

export function podSource(pod: KubeObject): string {
  return `pod/${namespacedName(pod.metadata.namespace, pod.metadata.name)}`;
}

export function buildPod(pod: KubeObject, context: PodContext): TargetGroup {
  const group: TargetGroup = {source: podSource(pod), labels: {}, targets: []};
  const podIP = String(pod.status?.podIP ?? '');
  if (podIP === '') return group;
  const attachNode = context.config.attachMetadata.node;
  const nodeName = String(pod.spec?.nodeName ?? '');
  // 3.11: pods on nodes the node selector filtered out are left out.
  if (attachNode && context.semantics.workloadMetadata && !context.nodes.get(nodeName)) return group;

  group.labels = {...podLabels(pod, context)};
  group.labels[NAMESPACE_LABEL] = pod.metadata.namespace ?? '';
  if (attachNode) Object.assign(group.labels, nodeMetaLabels(context.nodes.get(nodeName)));
  if (context.config.attachMetadata.namespace && context.semantics.namespaceMetadata) {
    Object.assign(group.labels, namespaceMetaLabels(context.namespaces.get(pod.metadata.namespace ?? '')));
  }

  for (const c of podContainers(pod, true, context.semantics.apiDefaults)) {
    const id = containerId(pod, c.name, c.init);
    if (c.ports.length === 0) {
      group.targets.push({
        [ADDRESS_LABEL]: podIP,
        [POD.containerName]: c.name,
        [POD.containerId]: id,
        [POD.containerImage]: c.image,
        [POD.init]: String(c.init),
      });
      continue;
    }
    for (const port of c.ports) {
      group.targets.push({
        [ADDRESS_LABEL]: joinHostPort(podIP, port.containerPort),
        [POD.containerName]: c.name,
        [POD.containerId]: id,
        [POD.containerImage]: c.image,
        [POD.portNumber]: String(port.containerPort),
        [POD.portName]: port.name,
        [POD.portProtocol]: port.protocol,
        [POD.init]: String(c.init),
      });
    }
  }
  return group;
}
