// Role endpoints (discovery/kubernetes/endpoints.go): one target per address and port of every subset
// (not-ready addresses too, with `_endpoint_ready="false"`), the service's and the pod's metadata, and
// one extra target per container port of a referenced pod that no endpoint port covered.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, joinHostPort, META, merge, NAMESPACE_LABEL, namespacedName, namespaceMetaLabels, nodeMetaLabels} from './meta.ts';
import type {ObjectStore} from './meta.ts';
import {POD, podContainers, podLabels} from './pod.ts';
import type {PodContext} from './pod.ts';
import {serviceLabels} from './service.ts';
import type {TargetGroup} from './types.ts';

export interface EndpointsContext extends PodContext {
  /** Pods and services as the role's informers see them (their selectors applied). */
  pods: ObjectStore;
  services: ObjectStore;
}

/** Resolves a targetRef of kind Pod in the pod store; anything else is not a pod. */
export function resolvePodRef(ref: {kind?: string; namespace?: string; name?: string} | undefined | null, pods: ObjectStore): KubeObject | undefined {
  if (!ref || ref.kind !== 'Pod') return undefined;
  return pods.get(namespacedName(ref.namespace, ref.name));
}

export interface SeenPod {
  pod: KubeObject;
  ports: number[];
}

/** The container-port targets of pods seen through endpoints that no endpoint port covered. */
export function uncoveredContainerTargets(seen: Map<string, SeenPod>, context: PodContext): Labels[] {
  const targets: Labels[] = [];
  for (const {pod, ports} of seen.values()) {
    const podIP = String(pod.status?.podIP ?? '');
    if (podIP === '' && context.semantics.workloadMetadata) continue;
    const init = context.semantics.endpointsInitContainers;
    for (const c of podContainers(pod, init, context.semantics.apiDefaults)) {
      for (const cport of c.ports) {
        if (ports.includes(cport.containerPort)) continue;
        const target: Labels = {
          [ADDRESS_LABEL]: joinHostPort(podIP, cport.containerPort),
          [POD.containerName]: c.name,
          [POD.containerImage]: c.image,
          [POD.portName]: cport.name,
          [POD.portNumber]: String(cport.containerPort),
          [POD.portProtocol]: cport.protocol,
        };
        if (init) target[POD.init] = String(c.init);
        targets.push(merge(target, podLabels(pod, context)));
      }
    }
  }
  return targets;
}

export function buildEndpoints(endpoints: KubeObject, context: EndpointsContext): TargetGroup {
  const namespace = endpoints.metadata.namespace ?? '';
  const group: TargetGroup = {source: `endpoints/${namespace}/${endpoints.metadata.name}`, labels: {[NAMESPACE_LABEL]: namespace}, targets: []};
  const service = context.services.get(namespacedName(namespace, endpoints.metadata.name));
  if (service) group.labels = merge(group.labels, serviceLabels(service));
  addObjectMetaLabels(group.labels, endpoints, 'endpoints');
  if (context.config.attachMetadata.namespace && context.semantics.namespaceMetadata) {
    group.labels = merge(group.labels, namespaceMetaLabels(context.namespaces.get(namespace)));
  }
  const {semantics} = context;
  const seen = new Map<string, SeenPod>();

  const add = (addr: Record<string, any>, port: Record<string, any>, ready: string) => {
    const portNumber = Number(port.port ?? 0);
    const protocol = String(port.protocol ?? (semantics.apiDefaults ? 'TCP' : ''));
    let target: Labels = {
      [ADDRESS_LABEL]: joinHostPort(String(addr.ip ?? ''), portNumber),
      [`${META}endpoint_port_name`]: String(port.name ?? ''),
      [`${META}endpoint_port_protocol`]: protocol,
      [`${META}endpoint_ready`]: ready,
    };
    const ref = addr.targetRef;
    if (ref) {
      target[`${META}endpoint_address_target_kind`] = String(ref.kind ?? '');
      target[`${META}endpoint_address_target_name`] = String(ref.name ?? '');
    }
    const nodeName = addr.nodeName === undefined || addr.nodeName === null ? undefined : String(addr.nodeName);
    if (nodeName !== undefined) target[`${META}endpoint_node_name`] = nodeName;
    if (addr.hostname) target[`${META}endpoint_hostname`] = String(addr.hostname);
    if (context.config.attachMetadata.node) {
      if (nodeName !== undefined) target = merge(target, nodeMetaLabels(context.nodes.get(nodeName)));
      else if (semantics.nodeMetadataFromTargetRef && ref?.kind === 'Node') target = merge(target, nodeMetaLabels(context.nodes.get(String(ref.name ?? ''))));
    }
    const pod = resolvePodRef(ref, context.pods);
    if (!pod) {
      group.targets.push(target);
      return;
    }
    const key = namespacedName(pod.metadata.namespace, pod.metadata.name);
    let entry = seen.get(key);
    if (!entry) {
      entry = {pod, ports: []};
      seen.set(key, entry);
    }
    target = merge(target, podLabels(pod, context));
    match: for (const c of podContainers(pod, semantics.endpointsInitContainers, semantics.apiDefaults)) {
      for (const cport of c.ports) {
        if (cport.containerPort !== portNumber) continue;
        target[POD.containerName] = c.name;
        target[POD.containerImage] = c.image;
        target[POD.portName] = cport.name;
        target[POD.portNumber] = String(portNumber);
        // Upstream takes the endpoint port's protocol here (endpointslice takes the container's).
        target[POD.portProtocol] = protocol;
        if (semantics.endpointsInitContainers) target[POD.init] = String(c.init);
        // Upstream's break leaves only the port loop: a later container with the same port overwrites.
        continue match;
      }
    }
    entry.ports.push(portNumber);
    group.targets.push(target);
  };

  for (const subset of endpoints.subsets ?? []) {
    for (const port of subset.ports ?? []) {
      for (const addr of subset.addresses ?? []) add(addr, port, 'true');
      for (const addr of subset.notReadyAddresses ?? []) add(addr, port, 'false');
    }
  }
  group.targets.push(...uncoveredContainerTargets(seen, context));
  return group;
}
