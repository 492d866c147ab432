// Which Prometheus resources (monitoring.coreos.com) select a ServiceMonitor, PodMonitor, Probe or
// ScrapeConfig, as the Prometheus Operator decides it (pkg/prometheus/resource_selector.go, selectObjects
// for all four): the resource's serviceMonitorSelector/podMonitorSelector/probeSelector/
// scrapeConfigSelector on the monitor's labels (nil selects nothing, {} all),
// and its ...NamespaceSelector on the monitor's namespace (nil: only the Prometheus's own namespace).
import type {KubeObject} from '../../cluster/types.ts';
import {matchesLabelSelector} from '../../kube/selector.ts';

export type MonitorKind = 'ServiceMonitor' | 'PodMonitor' | 'Probe' | 'ScrapeConfig';

const FIELDS: Record<MonitorKind, [string, string]> = {
  ServiceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector'],
  PodMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector'],
  Probe: ['probeSelector', 'probeNamespaceSelector'],
  ScrapeConfig: ['scrapeConfigSelector', 'scrapeConfigNamespaceSelector'],
};

export interface Selection {
  prometheus: string;
  selected: boolean;
  reason: string;
}

export function selectsMonitor(prometheus: KubeObject, monitor: KubeObject, namespaces: KubeObject[]): Selection {
  const kind = monitor.kind as MonitorKind;
  const [selectorField, namespaceField] = FIELDS[kind];
  const name = `${prometheus.metadata.namespace}/${prometheus.metadata.name}`;
  const selector = prometheus.spec?.[selectorField];
  if (selector === undefined || selector === null) return {prometheus: name, selected: false, reason: `spec.${selectorField} is not set, which selects no ${kind}`};
  if (!matchesLabelSelector(selector, monitor.metadata.labels)) {
    return {prometheus: name, selected: false, reason: `spec.${selectorField} ${JSON.stringify(selector)} does not match the ${kind}'s labels ${JSON.stringify(monitor.metadata.labels ?? {})}`};
  }
  const namespaceSelector = prometheus.spec?.[namespaceField];
  const monitorNamespace = monitor.metadata.namespace ?? 'default';
  if (namespaceSelector === undefined || namespaceSelector === null) {
    if (monitorNamespace !== prometheus.metadata.namespace) {
      return {prometheus: name, selected: false, reason: `spec.${namespaceField} is not set, so only ${kind}s in ${prometheus.metadata.namespace} are selected`};
    }
  } else {
    const ns = namespaces.find((n) => n.metadata.name === monitorNamespace);
    const labels = ns?.metadata.labels ?? {'kubernetes.io/metadata.name': monitorNamespace};
    if (!matchesLabelSelector(namespaceSelector, labels)) {
      return {prometheus: name, selected: false, reason: `spec.${namespaceField} ${JSON.stringify(namespaceSelector)} does not match namespace ${monitorNamespace}`};
    }
  }
  return {prometheus: name, selected: true, reason: `selected by spec.${selectorField}`};
}
