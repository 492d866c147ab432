// The scrape configuration the Prometheus Operator generates for the ServiceMonitors and PodMonitors a
// Prometheus selects, following prometheus-operator v0.93 pkg/prometheus/promcfg.go
// (generateServiceMonitorConfig, generatePodMonitorConfig): one job per endpoint, role endpoints (or
// endpointslice), namespaces from the namespaceSelector, the selector as keep/drop relabelings, the
// port filter, the standard target labels, the user's relabelings, and sharding for shard 0.
// Secrets, OAuth2, scrape classes and topology sharding are left out.
import {stringify} from 'yaml';
import type {KubeObject} from '../../cluster/types.ts';
import {sanitizeLabelName} from '../discovery/meta.ts';
import {probeJob, probeRejection} from './probe.ts';
import {scrapeConfigJob, scrapeConfigRejection} from './scrape-config.ts';

type Relabel = Record<string, unknown>;

const RELABEL_FIELDS: Array<[string, string]> = [
  ['sourceLabels', 'source_labels'], ['separator', 'separator'], ['targetLabel', 'target_label'], ['regex', 'regex'],
  ['modulus', 'modulus'], ['replacement', 'replacement'], ['action', 'action'],
];

/** generateRelabelConfig: camelCase fields into Prometheus's, in the Operator's order; action lower-cased.
 * separator and replacement are pointers upstream: an empty string is kept (replacement "" blanks a label). */
export function userRelabelings(list: unknown): Relabel[] {
  if (!Array.isArray(list)) return [];
  return list.map((c: Record<string, unknown>) => {
    const out: Relabel = {};
    for (const [from, to] of RELABEL_FIELDS) {
      const value = c?.[from];
      const pointer = from === 'separator' || from === 'replacement';
      if (value === undefined || value === null || (value === '' && !pointer) || (Array.isArray(value) && value.length === 0) || (from === 'modulus' && value === 0)) continue;
      out[to] = from === 'action' ? String(value).toLowerCase() : value;
    }
    return out;
  });
}

export function selectorRelabelings(selector: Record<string, any> | undefined, prefix: 'service' | 'pod' | 'ingress'): Relabel[] {
  const out: Relabel[] = [];
  const label = (k: string) => `__meta_kubernetes_${prefix}_label_${sanitizeLabelName(k)}`;
  const present = (k: string) => `__meta_kubernetes_${prefix}_labelpresent_${sanitizeLabelName(k)}`;
  const matchLabels = (selector?.matchLabels ?? {}) as Record<string, string>;
  for (const k of Object.keys(matchLabels).sort()) out.push({action: 'keep', source_labels: [label(k), present(k)], regex: `(${matchLabels[k]});true`});
  for (const e of (selector?.matchExpressions ?? []) as Array<{key: string; operator: string; values?: string[]}>) {
    const values = (e.values ?? []).join('|');
    if (e.operator === 'In') out.push({action: 'keep', source_labels: [label(e.key), present(e.key)], regex: `(${values});true`});
    else if (e.operator === 'NotIn') out.push({action: 'drop', source_labels: [label(e.key), present(e.key)], regex: `(${values});true`});
    else if (e.operator === 'Exists') out.push({action: 'keep', source_labels: [present(e.key)], regex: 'true'});
    else if (e.operator === 'DoesNotExist') out.push({action: 'drop', source_labels: [present(e.key)], regex: 'true'});
  }
  return out;
}

/** appendShardingRelabelingWithLabel: hash `label` (probes hash __param_target) and keep shard 0. */
export function sharding(shards: number, label = '__address__'): Relabel[] {
  return [
    {source_labels: [label, '__tmp_hash'], target_label: '__tmp_hash', regex: '(.+);', replacement: '$1', action: 'replace'},
    {source_labels: ['__tmp_hash'], target_label: '__tmp_hash', modulus: shards, action: 'hashmod'},
    // The config reloader puts the shard number in for $(SHARD); this simulates shard 0.
    {source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '0;|.+;.+', action: 'keep'},
  ];
}

function namespacesOf(monitor: KubeObject, prometheus: KubeObject): string[] {
  if (prometheus.spec?.ignoreNamespaceSelectors) return [monitor.metadata.namespace ?? 'default'];
  const selector = monitor.spec?.namespaceSelector ?? {};
  if (selector.any) return [];
  const names = (selector.matchNames ?? []) as string[];
  return names.length === 0 ? [monitor.metadata.namespace ?? 'default'] : names;
}

function httpSettings(endpoint: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (endpoint.interval) out.scrape_interval = endpoint.interval;
  if (endpoint.scrapeTimeout) out.scrape_timeout = endpoint.scrapeTimeout;
  if (endpoint.path) out.metrics_path = endpoint.path;
  if (endpoint.params) out.params = endpoint.params;
  if (endpoint.scheme) out.scheme = String(endpoint.scheme).toLowerCase();
  const tls = endpoint.tlsConfig;
  if (tls) {
    const t: Record<string, unknown> = {};
    if (tls.caFile) t.ca_file = tls.caFile;
    if (tls.certFile) t.cert_file = tls.certFile;
    if (tls.keyFile) t.key_file = tls.keyFile;
    if (tls.serverName) t.server_name = tls.serverName;
    if (tls.insecureSkipVerify !== undefined) t.insecure_skip_verify = Boolean(tls.insecureSkipVerify);
    out.tls_config = t;
  }
  if (endpoint.bearerTokenFile) out.bearer_token_file = endpoint.bearerTokenFile;
  return out;
}

export function serviceMonitorJobs(monitor: KubeObject, prometheus: KubeObject): Record<string, unknown>[] {
  const role = prometheus.spec?.serviceDiscoveryRole === 'EndpointSlice' ? 'endpointslice' : 'endpoints';
  const shards = Number(prometheus.spec?.shards ?? 1) || 1;
  const ns = monitor.metadata.namespace ?? 'default';
  const namespaces = namespacesOf(monitor, prometheus);
  const endpoints = (monitor.spec?.endpoints ?? []) as Array<Record<string, any>>;
  return endpoints.map((ep, i) => {
    const sd: Record<string, unknown> = {role, ...(namespaces.length > 0 ? {namespaces: {names: namespaces}} : {})};
    if (monitor.spec?.attachMetadata?.node !== undefined) sd.attach_metadata = {node: Boolean(monitor.spec.attachMetadata.node)};
    const relabelings: Relabel[] = [{source_labels: ['job'], target_label: '__tmp_prometheus_job_name'}];
    relabelings.push(...selectorRelabelings(monitor.spec?.selector, 'service'));
    const slice = role === 'endpointslice';
    if (ep.port) relabelings.push({action: 'keep', source_labels: [slice ? '__meta_kubernetes_endpointslice_port_name' : '__meta_kubernetes_endpoint_port_name'], regex: String(ep.port)});
    else if (ep.targetPort !== undefined && ep.targetPort !== null && ep.targetPort !== '' && ep.targetPort !== 0) {
      relabelings.push(typeof ep.targetPort === 'number'
        ? {action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(ep.targetPort)}
        : {action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: String(ep.targetPort)});
    }
    const target = slice ? ['__meta_kubernetes_endpointslice_address_target_kind', '__meta_kubernetes_endpointslice_address_target_name'] : ['__meta_kubernetes_endpoint_address_target_kind', '__meta_kubernetes_endpoint_address_target_name'];
    relabelings.push(
      {source_labels: target, separator: ';', regex: 'Node;(.*)', replacement: '${1}', target_label: 'node'},
      {source_labels: target, separator: ';', regex: 'Pod;(.*)', replacement: '${1}', target_label: 'pod'},
      {source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace'},
      {source_labels: ['__meta_kubernetes_service_name'], target_label: 'service'},
      {source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod'},
      {source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container'},
    );
    if (ep.filterRunning !== false) relabelings.push({action: 'drop', source_labels: ['__meta_kubernetes_pod_phase'], regex: '(Failed|Succeeded)'});
    for (const l of (monitor.spec?.targetLabels ?? []) as string[]) relabelings.push({source_labels: [`__meta_kubernetes_service_label_${sanitizeLabelName(l)}`], target_label: sanitizeLabelName(l), regex: '(.+)', replacement: '${1}'});
    for (const l of [...((monitor.spec?.podTargetLabels ?? []) as string[]), ...((prometheus.spec?.podTargetLabels ?? []) as string[])]) {
      relabelings.push({source_labels: [`__meta_kubernetes_pod_label_${sanitizeLabelName(l)}`], target_label: sanitizeLabelName(l), regex: '(.+)', replacement: '${1}'});
    }
    relabelings.push({source_labels: ['__meta_kubernetes_service_name'], target_label: 'job', replacement: '${1}'});
    if (monitor.spec?.jobLabel) relabelings.push({source_labels: [`__meta_kubernetes_service_label_${sanitizeLabelName(monitor.spec.jobLabel)}`], target_label: 'job', regex: '(.+)', replacement: '${1}'});
    if (ep.port) relabelings.push({target_label: 'endpoint', replacement: String(ep.port)});
    else if (ep.targetPort !== undefined && ep.targetPort !== null && String(ep.targetPort) !== '') relabelings.push({target_label: 'endpoint', replacement: String(ep.targetPort)});
    relabelings.push(...userRelabelings(ep.relabelings), ...sharding(shards));
    const job: Record<string, unknown> = {job_name: `serviceMonitor/${ns}/${monitor.metadata.name}/${i}`};
    if (ep.honorLabels) job.honor_labels = true;
    return {...job, kubernetes_sd_configs: [sd], ...httpSettings(ep), relabel_configs: relabelings};
  });
}

export function podMonitorJobs(monitor: KubeObject, prometheus: KubeObject): Record<string, unknown>[] {
  const shards = Number(prometheus.spec?.shards ?? 1) || 1;
  const ns = monitor.metadata.namespace ?? 'default';
  const namespaces = namespacesOf(monitor, prometheus);
  const endpoints = (monitor.spec?.podMetricsEndpoints ?? []) as Array<Record<string, any>>;
  return endpoints.map((ep, i) => {
    const sd: Record<string, unknown> = {role: 'pod', ...(namespaces.length > 0 ? {namespaces: {names: namespaces}} : {})};
    if (monitor.spec?.attachMetadata?.node !== undefined) sd.attach_metadata = {node: Boolean(monitor.spec.attachMetadata.node)};
    const relabelings: Relabel[] = [{source_labels: ['job'], target_label: '__tmp_prometheus_job_name'}];
    if (ep.filterRunning !== false) relabelings.push({action: 'drop', source_labels: ['__meta_kubernetes_pod_phase'], regex: '(Failed|Succeeded)'});
    relabelings.push(...selectorRelabelings(monitor.spec?.selector, 'pod'));
    if (ep.port) relabelings.push({action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: String(ep.port)});
    else if (ep.portNumber) relabelings.push({action: 'keep', source_labels: ['__meta_kubernetes_pod_container_port_number'], regex: String(ep.portNumber)});
    else if (ep.targetPort !== undefined && ep.targetPort !== null && ep.targetPort !== '' && ep.targetPort !== 0) {
      relabelings.push({action: 'keep', source_labels: [typeof ep.targetPort === 'number' ? '__meta_kubernetes_pod_container_port_number' : '__meta_kubernetes_pod_container_port_name'], regex: String(ep.targetPort)});
    }
    relabelings.push(
      {source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace'},
      {source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container'},
      {source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod'},
    );
    for (const l of [...((monitor.spec?.podTargetLabels ?? []) as string[]), ...((prometheus.spec?.podTargetLabels ?? []) as string[])]) {
      relabelings.push({source_labels: [`__meta_kubernetes_pod_label_${sanitizeLabelName(l)}`], target_label: sanitizeLabelName(l), regex: '(.+)', replacement: '${1}'});
    }
    relabelings.push({target_label: 'job', replacement: `${ns}/${monitor.metadata.name}`});
    if (monitor.spec?.jobLabel) relabelings.push({source_labels: [`__meta_kubernetes_pod_label_${sanitizeLabelName(monitor.spec.jobLabel)}`], target_label: 'job', regex: '(.+)', replacement: '${1}'});
    if (ep.port) relabelings.push({target_label: 'endpoint', replacement: String(ep.port)});
    else if (ep.targetPort !== undefined && ep.targetPort !== null && String(ep.targetPort) !== '') relabelings.push({target_label: 'endpoint', replacement: String(ep.targetPort)});
    relabelings.push(...userRelabelings(ep.relabelings), ...sharding(shards));
    const job: Record<string, unknown> = {job_name: `podMonitor/${ns}/${monitor.metadata.name}/${i}`};
    if (ep.honorLabels) job.honor_labels = true;
    return {...job, kubernetes_sd_configs: [sd], ...httpSettings(ep), relabel_configs: relabelings};
  });
}

/** The whole generated configuration for one Prometheus resource and the monitors it selects, in the
 * Operator's order: ServiceMonitors, PodMonitors, Probes, ScrapeConfigs (each by namespace/name). */
export function generateOperatorConfig(prometheus: KubeObject, serviceMonitors: KubeObject[], podMonitors: KubeObject[], probes: KubeObject[] = [], scrapeConfigs: KubeObject[] = []): string {
  // Upstream sorts "namespace/name" keys as Go strings: byte order.
  const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  const byKey = (a: KubeObject, b: KubeObject) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const byName = (a: KubeObject, b: KubeObject) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
  const global: Record<string, unknown> = {scrape_interval: prometheus.spec?.scrapeInterval ?? '30s'};
  if (prometheus.spec?.scrapeTimeout) global.scrape_timeout = prometheus.spec.scrapeTimeout;
  const jobs = [
    ...[...serviceMonitors].sort(byName).flatMap((m) => serviceMonitorJobs(m, prometheus)),
    ...[...podMonitors].sort(byName).flatMap((m) => podMonitorJobs(m, prometheus)),
    // Resources the Operator rejects as invalid are left out of the configuration.
    ...[...probes].filter((p) => !probeRejection(p)).sort(byKey).map((p) => probeJob(p, prometheus)),
    ...[...scrapeConfigs].filter((c) => !scrapeConfigRejection(c)).sort(byKey).map((c) => scrapeConfigJob(c, prometheus)),
  ];
  return stringify({global, scrape_configs: jobs});
}
