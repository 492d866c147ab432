// The fields Prometheus's config structs accept (config/config.go, common/config http_config.go,
// discovery/kubernetes SDConfig, model/relabel), as a tree: which keys a mapping may hold, and what
// each key's value is. Used to report unknown and misplaced fields the way yaml.v2's strict decoding
// does ("field X not found in type Y").

export type Shape = {type: string; fields: Record<string, Shape | 'scalar' | 'any' | ListOf>} | 'scalar' | 'any' | ListOf;
export interface ListOf {
  list: Shape;
}

const tls: Shape = {type: 'config.plain', fields: {ca: 'scalar', cert: 'scalar', key: 'any', ca_file: 'scalar', cert_file: 'scalar', key_file: 'scalar', ca_ref: 'scalar', cert_ref: 'scalar', key_ref: 'scalar', server_name: 'scalar', insecure_skip_verify: 'scalar', min_version: 'scalar', max_version: 'scalar'}};
const basicAuth: Shape = {type: 'config.plain', fields: {username: 'scalar', username_file: 'scalar', username_ref: 'scalar', password: 'any', password_file: 'scalar', password_ref: 'scalar'}};
const authorization: Shape = {type: 'config.Authorization', fields: {type: 'scalar', credentials: 'any', credentials_file: 'scalar', credentials_ref: 'scalar'}};
const oauth2: Shape = {type: 'config.OAuth2', fields: {client_id: 'scalar', client_secret: 'any', client_secret_file: 'scalar', client_secret_ref: 'scalar', scopes: 'any', token_url: 'scalar', endpoint_params: 'any', tls_config: tls, proxy_url: 'scalar', no_proxy: 'scalar', proxy_from_environment: 'scalar', proxy_connect_header: 'any'}};

/** HTTPClientConfig, inlined into scrape configs and most SD configs. */
const httpClient: Record<string, Shape> = {
  basic_auth: basicAuth, authorization, oauth2, bearer_token: 'any', bearer_token_file: 'scalar', tls_config: tls, proxy_url: 'scalar',
  no_proxy: 'scalar', proxy_from_environment: 'scalar', proxy_connect_header: 'any', follow_redirects: 'scalar', enable_http2: 'scalar', http_headers: 'any',
};

export const relabelConfig: Shape = {type: 'relabel.plain', fields: {source_labels: 'any', separator: 'scalar', regex: 'any', modulus: 'scalar', target_label: 'scalar', replacement: 'scalar', action: 'scalar'}};

const kubernetesSd: Shape = {type: 'kubernetes.plain', fields: {
  api_server: 'scalar', role: 'scalar', kubeconfig_file: 'scalar', ...httpClient,
  namespaces: {type: 'kubernetes.NamespaceDiscovery', fields: {own_namespace: 'scalar', names: 'any'}},
  selectors: {list: {type: 'kubernetes.SelectorConfig', fields: {role: 'scalar', label: 'scalar', field: 'scalar'}}},
  attach_metadata: {type: 'kubernetes.AttachMetadataConfig', fields: {node: 'scalar', namespace: 'scalar', deployment: 'scalar', job: 'scalar', cronjob: 'scalar'}},
}};

const staticConfig: Shape = {type: 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }', fields: {targets: 'any', labels: 'any'}};
const fileSd: Shape = {type: 'file.plain', fields: {files: 'any', refresh_interval: 'scalar'}};
const httpSd: Shape = {type: 'http.SDConfig', fields: {url: 'scalar', refresh_interval: 'scalar', ...httpClient}};

const scrapeConfig: Shape = {type: 'config.ScrapeConfig', fields: {
  job_name: 'scalar', honor_labels: 'scalar', honor_timestamps: 'scalar', track_timestamps_staleness: 'scalar', params: 'any', scrape_interval: 'scalar',
  scrape_timeout: 'scalar', scrape_protocols: 'any', scrape_fallback_protocol: 'scalar', scrape_classic_histograms: 'scalar', always_scrape_classic_histograms: 'scalar',
  convert_classic_histograms_to_nhcb: 'scalar', scrape_native_histograms: 'scalar', metrics_path: 'scalar', scheme: 'scalar', enable_compression: 'scalar',
  body_size_limit: 'scalar', sample_limit: 'scalar', target_limit: 'scalar', label_limit: 'scalar', label_name_length_limit: 'scalar',
  label_value_length_limit: 'scalar', native_histogram_bucket_limit: 'scalar', native_histogram_min_bucket_factor: 'scalar', keep_dropped_targets: 'scalar',
  metric_name_validation_scheme: 'scalar', metric_name_escaping_scheme: 'scalar', extra_scrape_metrics: 'scalar',
  ...httpClient,
  relabel_configs: {list: relabelConfig}, metric_relabel_configs: {list: relabelConfig},
  kubernetes_sd_configs: {list: kubernetesSd}, static_configs: {list: staticConfig}, file_sd_configs: {list: fileSd}, http_sd_configs: {list: httpSd},
  // Other SD mechanisms are accepted but not checked field by field here.
  ...Object.fromEntries(['azure', 'consul', 'digitalocean', 'docker', 'dockerswarm', 'dns', 'ec2', 'eureka', 'gce', 'hetzner', 'ionos', 'kuma', 'lightsail', 'linode',
    'marathon', 'nerve', 'nomad', 'openstack', 'ovhcloud', 'puppetdb', 'scaleway', 'serverset', 'triton', 'uyuni', 'vultr', 'stackit'].map((n) => [`${n}_sd_configs`, 'any' as const])),
}};

const globalConfig: Shape = {type: 'config.plain', fields: {
  scrape_interval: 'scalar', scrape_timeout: 'scalar', scrape_protocols: 'any', evaluation_interval: 'scalar', rule_query_offset: 'scalar', external_labels: 'any',
  query_log_file: 'scalar', scrape_failure_log_file: 'scalar', body_size_limit: 'scalar', sample_limit: 'scalar', target_limit: 'scalar', label_limit: 'scalar',
  label_name_length_limit: 'scalar', label_value_length_limit: 'scalar', keep_dropped_targets: 'scalar', metric_name_validation_scheme: 'scalar',
  metric_name_escaping_scheme: 'scalar', scrape_native_histograms: 'scalar', always_scrape_classic_histograms: 'scalar', convert_classic_histograms_to_nhcb: 'scalar',
  extra_scrape_metrics: 'scalar',
}};

export const prometheusConfig: Shape = {type: 'config.plain', fields: {
  global: globalConfig, runtime: 'any', rule_files: 'any', scrape_config_files: 'any', scrape_configs: {list: scrapeConfig}, alerting: 'any',
  remote_write: 'any', remote_read: 'any', storage: 'any', tracing: 'any', otlp: 'any',
}};

/** Where a misplaced key belongs, for the hint: key → the parent it is usually written under. */
export const usualParent: Record<string, string> = {
  ca_file: 'tls_config', cert_file: 'tls_config', key_file: 'tls_config', insecure_skip_verify: 'tls_config', server_name: 'tls_config',
  username: 'basic_auth', password: 'basic_auth', password_file: 'basic_auth', credentials: 'authorization', credentials_file: 'authorization',
  role: 'kubernetes_sd_configs', names: 'namespaces', own_namespace: 'namespaces', targets: 'static_configs',
  source_labels: 'relabel_configs', target_label: 'relabel_configs', regex: 'relabel_configs', replacement: 'relabel_configs', action: 'relabel_configs',
};
