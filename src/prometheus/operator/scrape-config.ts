// The scrape job the Prometheus Operator generates for a ScrapeConfig (monitoring.coreos.com/v1alpha1),
// following prometheus-operator v0.93 pkg/prometheus/promcfg.go generateScrapeConfig: job
// scrapeConfig/NS/NAME, the job label from spec.jobName, the scrape settings given, static_configs,
// file_sd_configs, http_sd_configs and kubernetes_sd_configs as Prometheus spells them, the user's
// relabelings, and sharding only with more than one shard and no hashmod rule of the user's.
// TLS settings name the files the Operator writes (tls.ts); basic auth, authorization, OAuth2, proxy
// settings and scrape classes are left out; the other service discoveries are carried over field by field (scalars only), which is
// enough for the simulation to say they are not simulated.
import type {KubeObject} from '../../cluster/types.ts';
import {sharding, userRelabelings} from './generate.ts';
import {limitsOf} from './probe.ts';
import {safeTlsConfig} from './tls.ts';

type Relabel = Record<string, unknown>;

/** ScrapeConfig spec fields of the service discoveries this simulation does not run, and Prometheus's names. */
const OTHER_SD: Array<[string, string]> = [
  ['consulSDConfigs', 'consul_sd_configs'], ['dnsSDConfigs', 'dns_sd_configs'], ['ec2SDConfigs', 'ec2_sd_configs'],
  ['azureSDConfigs', 'azure_sd_configs'], ['gceSDConfigs', 'gce_sd_configs'], ['openstackSDConfigs', 'openstack_sd_configs'],
  ['digitalOceanSDConfigs', 'digitalocean_sd_configs'], ['kumaSDConfigs', 'kuma_sd_configs'], ['eurekaSDConfigs', 'eureka_sd_configs'],
  ['dockerSDConfigs', 'docker_sd_configs'], ['linodeSDConfigs', 'linode_sd_configs'], ['hetznerSDConfigs', 'hetzner_sd_configs'],
  ['nomadSDConfigs', 'nomad_sd_configs'], ['dockerSwarmSDConfigs', 'dockerswarm_sd_configs'], ['puppetDBSDConfigs', 'puppetdb_sd_configs'],
  ['lightSailSDConfigs', 'lightsail_sd_configs'], ['ovhcloudSDConfigs', 'ovhcloud_sd_configs'], ['scalewaySDConfigs', 'scaleway_sd_configs'],
  ['ionosSDConfigs', 'ionos_sd_configs'],
];

/** Roles whose attach_metadata Prometheus honours; the Operator drops it for the others. */
const ATTACH_ROLES = new Set(['pod', 'endpoints', 'endpointslice']);

const snake = (name: string) => name.replace(/[A-Z]+/g, (m) => `_${m.toLowerCase()}`);

function scalarsOnly(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every((x) => typeof x !== 'object'))) out[snake(k)] = v;
  }
  return out;
}

function kubernetesSd(config: Record<string, any>, namespace: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (config.apiServer) out.api_server = config.apiServer;
  const role = String(config.role ?? '').toLowerCase();
  out.role = role;
  if (config.followRedirects !== undefined) out.follow_redirects = config.followRedirects;
  if (config.enableHTTP2 !== undefined) out.enable_http2 = config.enableHTTP2;
  if (config.tlsConfig) out.tls_config = safeTlsConfig(config.tlsConfig, namespace);
  if (config.namespaces) {
    const namespaces: Record<string, unknown> = {names: config.namespaces.names ?? []};
    if (config.namespaces.ownNamespace !== undefined) namespaces.own_namespace = config.namespaces.ownNamespace;
    out.namespaces = namespaces;
  }
  const selectors = (config.selectors ?? []) as Array<Record<string, string>>;
  if (selectors.length > 0) {
    out.selectors = selectors.map((s) => ({role: String(s.role ?? '').toLowerCase(), ...(s.label !== undefined ? {label: s.label} : {}), ...(s.field !== undefined ? {field: s.field} : {})}));
  }
  if (config.attachMetadata && ATTACH_ROLES.has(role)) out.attach_metadata = config.attachMetadata;
  return out;
}

export function scrapeConfigJob(scrapeConfig: KubeObject, prometheus: KubeObject): Record<string, unknown> {
  const spec = (scrapeConfig.spec ?? {}) as Record<string, any>;
  const ns = scrapeConfig.metadata.namespace ?? 'default';
  const shards = Number(prometheus.spec?.shards ?? 1) || 1;
  const job: Record<string, unknown> = {job_name: `scrapeConfig/${ns}/${scrapeConfig.metadata.name}`};
  const relabelings: Relabel[] = [{source_labels: ['job'], target_label: '__tmp_prometheus_job_name'}];
  if (spec.jobName !== undefined && spec.jobName !== null) relabelings.push({target_label: 'job', action: 'replace', replacement: spec.jobName});
  if (spec.honorTimestamps !== undefined) job.honor_timestamps = Boolean(spec.honorTimestamps);
  if (spec.trackTimestampsStaleness !== undefined) job.track_timestamps_staleness = Boolean(spec.trackTimestampsStaleness);
  if (spec.honorLabels !== undefined) job.honor_labels = Boolean(spec.honorLabels);
  if (spec.metricsPath !== undefined) job.metrics_path = spec.metricsPath;
  if (spec.params && Object.keys(spec.params).length > 0) {
    job.params = Object.fromEntries(Object.keys(spec.params).sort().map((k) => [k, spec.params[k]]));
  }
  if (spec.enableCompression !== undefined) job.enable_compression = spec.enableCompression;
  if (spec.enableHTTP2 !== undefined) job.enable_http2 = spec.enableHTTP2;
  if (spec.scrapeInterval) job.scrape_interval = spec.scrapeInterval;
  if (spec.scrapeTimeout) job.scrape_timeout = spec.scrapeTimeout;
  if (spec.scheme) job.scheme = String(spec.scheme).toLowerCase();
  const tls = safeTlsConfig(spec.tlsConfig, ns);
  if (tls) job.tls_config = tls;
  Object.assign(job, limitsOf(spec));

  const statics = (spec.staticConfigs ?? []) as Array<{targets?: string[]; labels?: Record<string, string>}>;
  if (statics.length > 0) job.static_configs = statics.map((s) => ({targets: s.targets ?? [], labels: s.labels ?? {}}));
  const files = (spec.fileSDConfigs ?? []) as Array<{files?: string[]; refreshInterval?: string}>;
  if (files.length > 0) job.file_sd_configs = files.map((f) => ({files: f.files ?? [], ...(f.refreshInterval ? {refresh_interval: f.refreshInterval} : {})}));
  const http = (spec.httpSDConfigs ?? []) as Array<Record<string, any>>;
  if (http.length > 0) {
    job.http_sd_configs = http.map((h) => ({
      ...(h.tlsConfig ? {tls_config: safeTlsConfig(h.tlsConfig, ns)} : {}),
      url: h.url,
      ...(h.refreshInterval ? {refresh_interval: h.refreshInterval} : {}),
      ...(h.followRedirects !== undefined ? {follow_redirects: h.followRedirects} : {}),
      ...(h.enableHTTP2 !== undefined ? {enable_http2: h.enableHTTP2} : {}),
    }));
  }
  const kube = (spec.kubernetesSDConfigs ?? []) as Array<Record<string, any>>;
  if (kube.length > 0) job.kubernetes_sd_configs = kube.map((k) => kubernetesSd(k, ns));
  for (const [field, key] of OTHER_SD) {
    const list = spec[field] as Array<Record<string, unknown>> | undefined;
    if (Array.isArray(list) && list.length > 0) job[key] = list.map(scalarsOnly);
  }

  relabelings.push(...userRelabelings(spec.relabelings));
  // appendShardingRelabelingWithAddressIfMissing: a user's hashmod rule means the user shards.
  if (shards !== 1 && !relabelings.some((r) => r.action === 'hashmod')) relabelings.push(...sharding(shards));
  job.relabel_configs = relabelings;
  const metric = userRelabelings(spec.metricRelabelings);
  if (metric.length > 0) job.metric_relabel_configs = metric;
  return job;
}

const ALLOWED_SELECTOR_ROLES: Record<string, string[]> = {
  pod: ['pod'], service: ['service'], endpointslice: ['pod', 'service', 'endpointslice'],
  endpoints: ['pod', 'service', 'endpoints'], node: ['node'], ingress: ['ingress'],
};

/** Why the Operator rejects a ScrapeConfig (resource_selector.go checkScrapeConfig), for the Kubernetes SD checks that need no Secret. */
export function scrapeConfigRejection(scrapeConfig: KubeObject): string | undefined {
  const list = (scrapeConfig.spec?.kubernetesSDConfigs ?? []) as Array<Record<string, any>>;
  for (const [i, config] of list.entries()) {
    const role = String(config.role ?? '').toLowerCase();
    if (config.apiServer && config.namespaces?.ownNamespace) return `kubernetesSDConfigs[${i}]: cannot use 'apiServer' and 'namespaces.ownNamespace' simultaneously`;
    for (const s of (config.selectors ?? []) as Array<{role?: string}>) {
      const allowed = ALLOWED_SELECTOR_ROLES[role];
      if (!allowed) return `kubernetesSDConfigs[${i}]: invalid role ${JSON.stringify(config.role)}`;
      if (!allowed.includes(String(s.role ?? '').toLowerCase())) return `kubernetesSDConfigs[${i}]: ${config.role} role supports only ${allowed.join(', ')} selectors`;
    }
  }
  return undefined;
}
