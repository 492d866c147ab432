// Role node (discovery/kubernetes/node.go): one target per node, the kubelet port on the first address
// of the most preferred type, with every address type as `__meta_kubernetes_node_address_<type>`.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, joinHostPort, META, sanitizeLabelName} from './meta.ts';
import type {DiscoverySemantics} from './semantics.ts';
import type {TargetGroup} from './types.ts';

// k8s.io/kubernetes/pkg/util/node's order, which upstream copies.
const ADDRESS_PREFERENCE = ['InternalIP', 'InternalDNS', 'ExternalIP', 'ExternalDNS', 'LegacyHostIP', 'Hostname'];

export function nodeLabels(node: KubeObject, semantics: DiscoverySemantics): Labels {
  const labels: Labels = {[`${META}node_provider_id`]: String(node.spec?.providerID ?? '')};
  if (semantics.nodeConditions) {
    for (const condition of node.status?.conditions ?? []) {
      const type = String(condition.type ?? '').toLowerCase();
      labels[`${META}node_condition_${sanitizeLabelName(type)}`] = String(condition.status ?? '').toLowerCase();
    }
  }
  addObjectMetaLabels(labels, node, 'node');
  return labels;
}

/** nodeAddress: the chosen address and all addresses by type; null when the node has none. */
export function nodeAddress(node: KubeObject): {address: string; byType: Map<string, string[]>} | null {
  const byType = new Map<string, string[]>();
  for (const a of node.status?.addresses ?? []) {
    const type = String(a.type ?? '');
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type)!.push(String(a.address ?? ''));
  }
  for (const type of ADDRESS_PREFERENCE) {
    const list = byType.get(type);
    if (list) return {address: list[0]!, byType};
  }
  return null;
}

/** null where upstream sends nothing (a node without any address is logged and skipped). */
export function buildNode(node: KubeObject, semantics: DiscoverySemantics): TargetGroup | null {
  const found = nodeAddress(node);
  if (!found) return null;
  const port = Number(node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0);
  const target: Labels = {[ADDRESS_LABEL]: joinHostPort(found.address, port), instance: node.metadata.name};
  for (const [type, addresses] of found.byType) target[sanitizeLabelName(`${META}node_address_${type}`)] = addresses[0]!;
  return {source: `node/${node.metadata.name}`, labels: nodeLabels(node, semantics), targets: [target]};
}
