// The scrape job the Prometheus Operator generates for a Probe (monitoring.coreos.com/v1), following
// prometheus-operator v0.93 pkg/prometheus/promcfg.go generateProbeConfig: job probe/NS/NAME scraping
// the prober (spec.prober.url, path, scheme) with params module and spec.params, targets from
// targets.staticConfig (static_configs, namespace label added) or else targets.ingress (role ingress,
// the selector as keep/drop relabelings, the target URL built from the ingress scheme, host and path),
// then the user's relabelings and sharding on __param_target. TLS settings name the files the Operator
// writes (tls.ts); bearer token, basic auth, OAuth2, proxy settings and scrape classes are left out.
import type {KubeObject} from '../../cluster/types.ts';
import {selectorRelabelings, sharding, userRelabelings} from './generate.ts';
import {safeTlsConfig} from './tls.ts';

type Relabel = Record<string, unknown>;

/** CRD default of spec.prober.path (kubebuilder:default). */
export const DEFAULT_PROBER_PATH = '/probe';

const LIMITS: Array<[string, string]> = [
  ['sampleLimit', 'sample_limit'], ['targetLimit', 'target_limit'], ['labelLimit', 'label_limit'],
  ['labelNameLengthLimit', 'label_name_length_limit'], ['labelValueLengthLimit', 'label_value_length_limit'], ['keepDroppedTargets', 'keep_dropped_targets'],
];

/** The scrape limits a Probe or ScrapeConfig sets (enforced limits of the Prometheus are left out). */
export function limitsOf(spec: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, to] of LIMITS) if (typeof spec[from] === 'number' && spec[from] !== 0) out[to] = spec[from];
  return out;
}

/** getNamespacesFromNamespaceSelector: [] means every namespace. */
export function namespacesFromSelector(selector: Record<string, any> | undefined, namespace: string, prometheus: KubeObject): string[] {
  if (prometheus.spec?.ignoreNamespaceSelectors) return [namespace];
  if (selector?.any) return [];
  const names = (selector?.matchNames ?? []) as string[];
  return names.length === 0 ? [namespace] : names;
}

function params(spec: Record<string, any>): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  if (spec.module) out.module = [String(spec.module)];
  for (const p of (spec.params ?? []) as Array<{name: string; values?: string[]}>) {
    // A module given in spec.module wins over a "module" param.
    if (spec.module && p.name === 'module') continue;
    out[p.name] = p.values ?? [];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function probeJob(probe: KubeObject, prometheus: KubeObject): Record<string, unknown> {
  const spec = (probe.spec ?? {}) as Record<string, any>;
  const ns = probe.metadata.namespace ?? 'default';
  const prober = (spec.prober ?? {}) as Record<string, any>;
  const shards = Number(prometheus.spec?.shards ?? 1) || 1;
  // The Operator always sets honor_timestamps: true for probes (Prometheus >= 2.9).
  const job: Record<string, unknown> = {job_name: `probe/${ns}/${probe.metadata.name}`, honor_timestamps: true, metrics_path: prober.path ?? DEFAULT_PROBER_PATH};
  if (spec.interval) job.scrape_interval = spec.interval;
  if (spec.scrapeTimeout) job.scrape_timeout = spec.scrapeTimeout;
  if (prober.scheme) job.scheme = String(prober.scheme).toLowerCase();
  const p = params(spec);
  if (p) job.params = p;
  Object.assign(job, limitsOf(spec));
  // addHTTPConfigToYAML
  if (spec.followRedirects !== undefined) job.follow_redirects = Boolean(spec.followRedirects);
  if (spec.enableHttp2 !== undefined) job.enable_http2 = Boolean(spec.enableHttp2);
  const tls = safeTlsConfig(spec.tlsConfig, ns);
  if (tls) job.tls_config = tls;

  const relabelings: Relabel[] = [{source_labels: ['job'], target_label: '__tmp_prometheus_job_name'}];
  if (spec.jobName) relabelings.push({target_label: 'job', replacement: String(spec.jobName)});
  const proberUrl = String(prober.url ?? '');
  const targets = (spec.targets ?? {}) as Record<string, any>;
  // The CRD says staticConfig wins when both are given.
  if (targets.staticConfig) {
    const labels = {...(targets.staticConfig.labels ?? {})} as Record<string, string>;
    if (!('namespace' in labels)) labels.namespace = ns;
    job.static_configs = [{targets: targets.staticConfig.static ?? [], labels}];
    relabelings.push(
      {source_labels: ['__address__'], target_label: '__param_target'},
      {source_labels: ['__param_target'], target_label: 'instance'},
      {target_label: '__address__', replacement: proberUrl},
      ...userRelabelings(targets.staticConfig.relabelingConfigs),
    );
  } else if (targets.ingress) {
    const ingress = targets.ingress as Record<string, any>;
    relabelings.push(...selectorRelabelings(ingress.selector, 'ingress'));
    const namespaces = namespacesFromSelector(ingress.namespaceSelector, ns, prometheus);
    job.kubernetes_sd_configs = [{role: 'ingress', ...(namespaces.length > 0 ? {namespaces: {names: namespaces}} : {})}];
    relabelings.push(
      {source_labels: ['__meta_kubernetes_ingress_scheme', '__address__', '__meta_kubernetes_ingress_path'], separator: ';', regex: '(.+);(.+);(.+)', target_label: '__param_target', replacement: '${1}://${2}${3}', action: 'replace'},
      {source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace'},
      {source_labels: ['__meta_kubernetes_ingress_name'], target_label: 'ingress'},
      {source_labels: ['__address__'], separator: ';', regex: '(.*)', target_label: '__tmp_ingress_address', replacement: '$1', action: 'replace'},
      {source_labels: ['__param_target'], target_label: 'instance'},
      {target_label: '__address__', replacement: proberUrl},
      ...userRelabelings(ingress.relabelingConfigs),
    );
  }
  relabelings.push(...sharding(shards, '__param_target'));
  job.relabel_configs = relabelings;
  const metric = userRelabelings(spec.metricRelabelings);
  if (metric.length > 0) job.metric_relabel_configs = metric;
  return job;
}

/** validateProberURL: `host` or `host:port` (IPv6 bare or in brackets), no scheme or path. */
function proberUrlProblem(url: string): string | undefined {
  const dnsOrIPv4 = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
  const ipv6 = /^[0-9A-Fa-f:.]+$/;
  let host = url;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(url);
  if (bracketed) [host, port] = [bracketed[1]!, bracketed[2]];
  else if (url.split(':').length === 2) [host, port] = url.split(':') as [string, string];
  const hostOk = bracketed || url.split(':').length > 2 ? ipv6.test(host) && host.includes(':') : dnsOrIPv4.test(host);
  if (!hostOk) return `invalid host ${JSON.stringify(host)}`;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) return `invalid port ${JSON.stringify(port)}`;
  return undefined;
}

/** Why the Operator rejects a Probe (resource_selector.go checkProbe), for the checks that need no Secret. */
export function probeRejection(probe: KubeObject): string | undefined {
  const spec = (probe.spec ?? {}) as Record<string, any>;
  if (!spec.targets?.staticConfig && !spec.targets?.ingress) return 'at least one of spec.targets.staticConfig and spec.targets.ingress is required';
  const url = String(spec.prober?.url ?? '');
  const problem = proberUrlProblem(url);
  if (problem) return `spec.prober.url ${JSON.stringify(url)} must be hostname or hostname:port (${problem})`;
  return undefined;
}
