// Role service (discovery/kubernetes/service.go): one target per service port, addressed by the
// service's DNS name `NAME.NAMESPACE.svc:PORT`.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, joinHostPort, META, NAMESPACE_LABEL, namespaceMetaLabels} from './meta.ts';
import type {DiscoverySemantics} from './semantics.ts';
import type {TargetGroup} from './types.ts';

/** serviceLabels: shared with the endpoints and endpointslice roles. */
export function serviceLabels(service: KubeObject): Labels {
  const labels: Labels = {[NAMESPACE_LABEL]: service.metadata.namespace ?? ''};
  addObjectMetaLabels(labels, service, 'service');
  return labels;
}

export function buildService(service: KubeObject, semantics: DiscoverySemantics, options: {namespace?: KubeObject; attachNamespace?: boolean} = {}): TargetGroup {
  const name = service.metadata.name;
  const namespace = service.metadata.namespace ?? '';
  const group: TargetGroup = {source: `svc/${namespace}/${name}`, labels: serviceLabels(service), targets: []};
  if (options.attachNamespace && semantics.namespaceMetadata) Object.assign(group.labels, namespaceMetaLabels(options.namespace));
  const type = String(service.spec?.type ?? (semantics.apiDefaults ? 'ClusterIP' : ''));
  for (const port of service.spec?.ports ?? []) {
    const number = String(Number(port.port ?? 0));
    const target: Labels = {
      [ADDRESS_LABEL]: joinHostPort(`${name}.${namespace}.svc`, number),
      [`${META}service_port_name`]: String(port.name ?? ''),
      [`${META}service_port_number`]: number,
      [`${META}service_port_protocol`]: String(port.protocol ?? (semantics.apiDefaults ? 'TCP' : '')),
      [`${META}service_type`]: type,
    };
    if (type === 'ExternalName') target[`${META}service_external_name`] = String(service.spec?.externalName ?? '');
    else target[`${META}service_cluster_ip`] = String(service.spec?.clusterIP ?? '');
    if (type === 'LoadBalancer') target[`${META}service_loadbalancer_ip`] = String(service.spec?.loadBalancerIP ?? '');
    group.targets.push(target);
  }
  return group;
}
