// Custom resource kinds the suite reads, with their scope, so that manifests holding them
// without their CustomResourceDefinition (the usual case for rendered charts) are placed right.

import type {ResourceType} from './types.ts';

type Row = [kind: string, plural: string, groupVersion: string, namespaced: boolean];

const rows: Row[] = [
  ['AdminNetworkPolicy', 'adminnetworkpolicies', 'policy.networking.k8s.io/v1alpha1', false],
  ['BaselineAdminNetworkPolicy', 'baselineadminnetworkpolicies', 'policy.networking.k8s.io/v1alpha1', false],
  ['ClusterNetworkPolicy', 'clusternetworkpolicies', 'policy.networking.k8s.io/v1alpha2', false],
  ['Prometheus', 'prometheuses', 'monitoring.coreos.com/v1', true],
  ['PrometheusAgent', 'prometheusagents', 'monitoring.coreos.com/v1alpha1', true],
  ['ServiceMonitor', 'servicemonitors', 'monitoring.coreos.com/v1', true],
  ['PodMonitor', 'podmonitors', 'monitoring.coreos.com/v1', true],
  ['Probe', 'probes', 'monitoring.coreos.com/v1', true],
  ['ScrapeConfig', 'scrapeconfigs', 'monitoring.coreos.com/v1alpha1', true],
  ['PrometheusRule', 'prometheusrules', 'monitoring.coreos.com/v1', true],
  ['Alertmanager', 'alertmanagers', 'monitoring.coreos.com/v1', true],
];

export const wellKnownCustomTypes: readonly ResourceType[] = rows.map(([kind, plural, groupVersion, namespaced]) => {
  const [group, version] = groupVersion.split('/');
  return {kind, plural, singular: kind.toLowerCase(), shortNames: [], group, version, namespaced, verbs: ['get', 'list', 'watch']};
});
