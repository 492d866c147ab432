// Role endpointslice (discovery/kubernetes/endpointslice.go): like endpoints, one target per endpoint
// address and slice port, with the endpoint's conditions, hostname, node, zone and deprecated topology.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, joinHostPort, META, merge, NAMESPACE_LABEL, namespacedName, namespaceMetaLabels, nodeMetaLabels, sanitizeLabelName} from './meta.ts';
import type {EndpointsContext, SeenPod} from './endpoints.ts';
import {resolvePodRef, uncoveredContainerTargets} from './endpoints.ts';
import {POD, podContainers, podLabels} from './pod.ts';
import {serviceLabels} from './service.ts';
import type {TargetGroup} from './types.ts';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const ES = `${META}endpointslice_`;

const present = (v: unknown) => v !== undefined && v !== null;

/** 3.11: a dual-stack service's slices of its second IP family are skipped (their targets would repeat). */
function nonPrimaryIpFamilySlice(service: KubeObject | undefined, slice: KubeObject): boolean {
  const policy = service?.spec?.ipFamilyPolicy;
  if (policy !== 'PreferDualStack' && policy !== 'RequireDualStack') return false;
  const families = (service?.spec?.ipFamilies as string[] | undefined) ?? [];
  if (families.length === 0) return false;
  return String(slice.addressType ?? '') !== families[0];
}

export function buildEndpointSlice(slice: KubeObject, context: EndpointsContext): TargetGroup {
  const namespace = slice.metadata.namespace ?? '';
  const {semantics} = context;
  const group: TargetGroup = {
    source: `endpointslice/${namespace}/${slice.metadata.name}`,
    labels: {[NAMESPACE_LABEL]: namespace, [`${ES}address_type`]: String(slice.addressType ?? '')},
    targets: [],
  };
  addObjectMetaLabels(group.labels, slice, 'endpointslice');
  const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
  const service = serviceName === undefined ? undefined : context.services.get(namespacedName(namespace, serviceName));
  if (service) group.labels = merge(group.labels, serviceLabels(service));
  if (context.config.attachMetadata.namespace && semantics.namespaceMetadata) {
    group.labels = merge(group.labels, namespaceMetaLabels(context.namespaces.get(namespace)));
  }
  if (semantics.workloadMetadata && nonPrimaryIpFamilySlice(service, slice)) return group;

  const seen = new Map<string, SeenPod>();
  const add = (addr: string, ep: Record<string, any>, port: Record<string, any>) => {
    const hasPort = present(port.port);
    const portNumber = Number(port.port ?? 0);
    let target: Labels = {[ADDRESS_LABEL]: hasPort ? joinHostPort(addr, portNumber) : addr};
    if (present(port.name)) target[`${ES}port_name`] = String(port.name);
    const protocol = present(port.protocol) ? String(port.protocol) : semantics.apiDefaults ? 'TCP' : undefined;
    if (protocol !== undefined) target[`${ES}port_protocol`] = protocol;
    if (hasPort) target[`${ES}port`] = String(portNumber);
    if (present(port.appProtocol)) target[`${ES}port_app_protocol`] = String(port.appProtocol);
    const conditions = ep.conditions ?? {};
    if (present(conditions.ready)) target[`${ES}endpoint_conditions_ready`] = String(Boolean(conditions.ready));
    if (present(conditions.serving)) target[`${ES}endpoint_conditions_serving`] = String(Boolean(conditions.serving));
    if (present(conditions.terminating)) target[`${ES}endpoint_conditions_terminating`] = String(Boolean(conditions.terminating));
    if (present(ep.hostname)) target[`${ES}endpoint_hostname`] = String(ep.hostname);
    const ref = ep.targetRef;
    if (ref) {
      target[`${ES}address_target_kind`] = String(ref.kind ?? '');
      target[`${ES}address_target_name`] = String(ref.name ?? '');
    }
    if (semantics.endpointSliceNodeNameAndZone) {
      if (present(ep.nodeName)) target[`${ES}endpoint_node_name`] = String(ep.nodeName);
      if (present(ep.zone)) target[`${ES}endpoint_zone`] = String(ep.zone);
    }
    for (const [k, v] of Object.entries((ep.deprecatedTopology as Record<string, string> | undefined) ?? {})) {
      const name = sanitizeLabelName(k);
      target[`${ES}endpoint_topology_${name}`] = String(v);
      target[`${ES}endpoint_topology_present_${name}`] = 'true';
    }
    if (context.config.attachMetadata.node) {
      if (semantics.nodeMetadataFromTargetRef && ref?.kind === 'Node') target = merge(target, nodeMetaLabels(context.nodes.get(String(ref.name ?? ''))));
      else if (present(ep.nodeName)) target = merge(target, nodeMetaLabels(context.nodes.get(String(ep.nodeName))));
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
    if (hasPort) {
      match: for (const c of podContainers(pod, semantics.endpointsInitContainers, semantics.apiDefaults)) {
        for (const cport of c.ports) {
          if (cport.containerPort !== portNumber) continue;
          target[POD.containerName] = c.name;
          target[POD.containerImage] = c.image;
          target[POD.portName] = cport.name;
          target[POD.portNumber] = String(portNumber);
          target[POD.portProtocol] = cport.protocol;
          if (semantics.endpointsInitContainers) target[POD.init] = String(c.init);
          continue match;
        }
      }
      entry.ports.push(portNumber);
    }
    group.targets.push(target);
  };

  for (const ep of slice.endpoints ?? []) {
    for (const port of slice.ports ?? []) {
      for (const addr of (ep.addresses as string[] | undefined) ?? []) add(String(addr), ep, port);
    }
  }
  group.targets.push(...uncoveredContainerTargets(seen, context));
  return group;
}
