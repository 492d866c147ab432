// Probe and ScrapeConfig resources of the Prometheus Operator: the jobs generated for them, stated from
// prometheus-operator v0.93 pkg/prometheus/promcfg_test.go and its golden files under
// pkg/prometheus/testdata/ (named per case), their selection (pkg/prometheus/resource_selector.go), and
// their explanation with examples/prometheus/cluster.yaml: what they find, their targets, each zero why.
import {parseMonitorReference} from '../../src/prometheus/operator/reference.ts';
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {KubeObject} from '../../src/cluster/types.ts';
import {discoveryObjectsFrom} from '../../src/prometheus/discovery/index.ts';
import {emptyDiscoveryObjects} from '../../src/prometheus/discovery/types.ts';
import type {MonitorExplanation} from '../../src/prometheus/operator/explain.ts';
import {explainProbe} from '../../src/prometheus/operator/explain-probe.ts';
import {explainScrapeConfig} from '../../src/prometheus/operator/explain-scrape-config.ts';
import {generateOperatorConfig} from '../../src/prometheus/operator/generate.ts';
import {probeJob, probeRejection} from '../../src/prometheus/operator/probe.ts';
import {scrapeConfigJob, scrapeConfigRejection} from '../../src/prometheus/operator/scrape-config.ts';
import {selectsMonitor} from '../../src/prometheus/operator/select.ts';
import type {TargetsResult} from '../../src/prometheus/targets.ts';
import {parsePrometheusVersion} from '../../src/prometheus/version.ts';
import {root, runMonitor} from '../prometheus/run-monitor.ts';

// defaultPrometheus() of promcfg_test.go: namespace default, one shard.
const prometheus = (spec: Record<string, unknown> = {}): KubeObject => ({apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: {name: 'test', namespace: 'default'}, spec});
const probe = (name: string, spec: Record<string, unknown>): KubeObject => ({apiVersion: 'monitoring.coreos.com/v1', kind: 'Probe', metadata: {name, namespace: 'default'}, spec});
const scrapeConfig = (spec: Record<string, unknown>): KubeObject => ({apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'ScrapeConfig', metadata: {name: 'testscrapeconfig1', namespace: 'default'}, spec});

const initial = {source_labels: ['job'], target_label: '__tmp_prometheus_job_name'};
// appendShardingRelabelingWithLabel; $(SHARD) is simulated as shard 0.
const shard = (label: string, modulus: number) => [
  {source_labels: [label, '__tmp_hash'], target_label: '__tmp_hash', regex: '(.+);', replacement: '$1', action: 'replace'},
  {source_labels: ['__tmp_hash'], target_label: '__tmp_hash', modulus, action: 'hashmod'},
  {source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '0;|.+;.+', action: 'keep'},
];
const proberRules = (url: string) => [
  {source_labels: ['__address__'], target_label: '__param_target'},
  {source_labels: ['__param_target'], target_label: 'instance'},
  {target_label: '__address__', replacement: url},
];
const ingressRules = (url: string) => [
  {action: 'keep', source_labels: ['__meta_kubernetes_ingress_label_prometheus_io_probe', '__meta_kubernetes_ingress_labelpresent_prometheus_io_probe'], regex: '(true);true'},
  {source_labels: ['__meta_kubernetes_ingress_scheme', '__address__', '__meta_kubernetes_ingress_path'], separator: ';', regex: '(.+);(.+);(.+)', target_label: '__param_target', replacement: '${1}://${2}${3}', action: 'replace'},
  {source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace'},
  {source_labels: ['__meta_kubernetes_ingress_name'], target_label: 'ingress'},
  {source_labels: ['__address__'], separator: ';', regex: '(.*)', target_label: '__tmp_ingress_address', replacement: '$1', action: 'replace'},
  {source_labels: ['__param_target'], target_label: 'instance'},
  {target_label: '__address__', replacement: url},
];
const blackbox = {scheme: 'HTTP', url: 'blackbox.exporter.io', path: '/probe'};

// Upstream's Go tests build specs without the CRD defaults, so their prober path is ""; ours is given.
test.each([
  {name: 'empty_probe', golden: 'ProbeSpecConfig_empty_probe.golden', shards: 1, spec: {prober: {path: ''}},
    want: {job_name: 'probe/default/probe1', honor_timestamps: true, metrics_path: '', relabel_configs: [initial, ...shard('__param_target', 1)]}},
  {name: 'module_config_with_params', golden: 'ProbeSpecConfig_module_config_with_params.golden', shards: 1, spec: {prober: {path: ''}, module: 'http_2xx', params: [{name: 'foo', values: ['bar']}]},
    want: {job_name: 'probe/default/probe1', honor_timestamps: true, metrics_path: '', params: {module: ['http_2xx'], foo: ['bar']}, relabel_configs: [initial, ...shard('__param_target', 1)]}},
  {name: 'module_config_with_params_skip_module', golden: 'ProbeSpecConfig_module_config_with_params_skip_module.golden', shards: 1,
    spec: {prober: {path: ''}, module: 'http_2xx', params: [{name: 'foo', values: ['bar']}, {name: 'module', values: ['tcp_connect']}]},
    want: {job_name: 'probe/default/probe1', honor_timestamps: true, metrics_path: '', params: {module: ['http_2xx'], foo: ['bar']}, relabel_configs: [initial, ...shard('__param_target', 1)]}},
  {name: 'module_config_with_params_define_module_in_param', golden: 'ProbeSpecConfig_module_config_with_params_define_module_in_param.golden', shards: 1,
    spec: {prober: {path: ''}, params: [{name: 'foo', values: ['bar']}, {name: 'module', values: ['tcp_connect']}]},
    want: {job_name: 'probe/default/probe1', honor_timestamps: true, metrics_path: '', params: {foo: ['bar'], module: ['tcp_connect']}, relabel_configs: [initial, ...shard('__param_target', 1)]}},
  {name: 'targets_static_config (namespace label added, empty replacement kept)', golden: 'ProbeSpecConfig_targets_static_config.golden', shards: 1,
    spec: {prober: {path: ''}, targets: {staticConfig: {static: ['prometheus.io', 'promcon.io'], labels: {static: 'label'}, relabelingConfigs: [
      {targetLabel: 'foo', replacement: 'bar', action: 'replace'}, {targetLabel: 'foobar', replacement: '', action: 'replace'}]}}},
    want: {job_name: 'probe/default/probe1', honor_timestamps: true, metrics_path: '', static_configs: [{targets: ['prometheus.io', 'promcon.io'], labels: {namespace: 'default', static: 'label'}}],
      relabel_configs: [initial, ...proberRules(''), {target_label: 'foo', replacement: 'bar', action: 'replace'}, {target_label: 'foobar', replacement: '', action: 'replace'}, ...shard('__param_target', 1)]}},
  {name: 'WithJobName', golden: 'ProbeStaticTargetsConfigGenerationWithJobName.golden', shards: 1,
    spec: {jobName: 'blackbox', prober: blackbox, module: 'http_2xx', targets: {staticConfig: {static: ['prometheus.io', 'promcon.io']}}},
    want: {job_name: 'probe/default/testprobe1', honor_timestamps: true, metrics_path: '/probe', scheme: 'http', params: {module: ['http_2xx']},
      static_configs: [{targets: ['prometheus.io', 'promcon.io'], labels: {namespace: 'default'}}],
      relabel_configs: [initial, {target_label: 'job', replacement: 'blackbox'}, ...proberRules('blackbox.exporter.io'), ...shard('__param_target', 1)]}},
  {name: 'IngressSDConfigGeneration (namespaceSelector any: every namespace)', golden: 'ProbeIngressSDConfigGeneration.golden', shards: 1,
    spec: {prober: blackbox, module: 'http_2xx', targets: {ingress: {selector: {matchLabels: {'prometheus.io/probe': 'true'}}, namespaceSelector: {any: true},
      relabelingConfigs: [{targetLabel: 'foo', replacement: 'bar', action: 'replace'}]}}},
    want: {job_name: 'probe/default/testprobe1', honor_timestamps: true, metrics_path: '/probe', scheme: 'http', params: {module: ['http_2xx']}, kubernetes_sd_configs: [{role: 'ingress'}],
      relabel_configs: [initial, ...ingressRules('blackbox.exporter.io'), {target_label: 'foo', replacement: 'bar', action: 'replace'}, ...shard('__param_target', 1)]}},
  {name: 'IngressSDConfigGenerationWithShards', golden: 'ProbeIngressSDConfigGenerationWithShards.golden', shards: 2,
    spec: {prober: blackbox, module: 'http_2xx', targets: {ingress: {selector: {matchLabels: {'prometheus.io/probe': 'true'}}, namespaceSelector: {any: true},
      relabelingConfigs: [{targetLabel: 'foo', replacement: 'bar', action: 'replace'}]}}},
    want: {job_name: 'probe/default/testprobe1', honor_timestamps: true, metrics_path: '/probe', scheme: 'http', params: {module: ['http_2xx']}, kubernetes_sd_configs: [{role: 'ingress'}],
      relabel_configs: [initial, ...ingressRules('blackbox.exporter.io'), {target_label: 'foo', replacement: 'bar', action: 'replace'}, ...shard('__param_target', 2)]}},
])('Probe job, $name ($golden)', ({spec, shards, want}) => {
  const object = probe(want.job_name.split('/')[2]!, spec);
  expect(probeJob(object, prometheus(shards === 1 ? {} : {shards}))).toEqual(want);
});

test('Probe: the prober path defaults to /probe as the CRD does (kubebuilder:default)', () => {
  expect(probeJob(probe('p', {prober: {url: 'bb:9115'}, targets: {staticConfig: {static: ['a']}}}), prometheus()).metrics_path).toBe('/probe');
});

// resource_selector.go checkProbe: ProbeTargets.Validate and validateProberURL.
test.each([
  {name: 'no targets at all', spec: {prober: {url: 'bb:9115'}}, rejected: /at least one of spec.targets.staticConfig and spec.targets.ingress/},
  {name: 'a URL with a scheme', spec: {prober: {url: 'http://bb:9115'}, targets: {staticConfig: {static: ['a']}}}, rejected: /must be hostname or hostname:port/},
  {name: 'a port out of range', spec: {prober: {url: 'bb:99999'}, targets: {staticConfig: {static: ['a']}}}, rejected: /invalid port/},
  {name: 'host:port', spec: {prober: {url: 'blackbox-exporter.monitoring.svc:9115'}, targets: {staticConfig: {static: ['a']}}}, rejected: undefined},
  {name: 'bracketed IPv6', spec: {prober: {url: '[::1]:9115'}, targets: {staticConfig: {static: ['a']}}}, rejected: undefined},
])('Probe validation: $name', ({spec, rejected}) => {
  const why = probeRejection(probe('p', spec));
  if (rejected) expect(why).toMatch(rejected);
  else expect(why).toBeUndefined();
});

test.each([
  {name: 'empty_scrape_config', golden: 'ScrapeConfigSpecConfig_Empty.golden', shards: 1, spec: {}, want: {relabel_configs: [initial]}},
  {name: 'explicit_job_name', golden: 'ScrapeConfigSpecConfig_WithJobName.golden', shards: 1, spec: {jobName: 'explicit-test-scrape-config3'},
    want: {relabel_configs: [initial, {target_label: 'job', action: 'replace', replacement: 'explicit-test-scrape-config3'}]}},
  {name: 'explicit_job_name_with_relabel_config', golden: 'ScrapeConfigSpecConfig_WithJobNameAndRelabelConfig.golden', shards: 1,
    spec: {jobName: 'explicit-test-scrape-config5', relabelings: [{action: 'Replace', regex: '(.+)(?::d+)', replacement: '$1:9537', sourceLabels: ['__address__'], targetLabel: '__address__'}]},
    want: {relabel_configs: [initial, {target_label: 'job', action: 'replace', replacement: 'explicit-test-scrape-config5'},
      {source_labels: ['__address__'], target_label: '__address__', regex: '(.+)(?::d+)', replacement: '$1:9537', action: 'replace'}]}},
  {name: 'static_config', golden: 'ScrapeConfigSpecConfig_Static.golden', shards: 1, spec: {staticConfigs: [{targets: ['localhost:9100'], labels: {label1: 'value1'}}]},
    want: {static_configs: [{targets: ['localhost:9100'], labels: {label1: 'value1'}}], relabel_configs: [initial]}},
  {name: 'shard_config', golden: 'ScrapeConfigSpecConfig_Sharded.golden', shards: 2, spec: {staticConfigs: [{targets: ['localhost:9100'], labels: {label1: 'value1'}}]},
    want: {static_configs: [{targets: ['localhost:9100'], labels: {label1: 'value1'}}], relabel_configs: [initial, ...shard('__address__', 2)]}},
  {name: 'already_sharded_config (no second hashmod)', golden: 'ScrapeConfigSpecConfig_Already_Sharded.golden', shards: 2,
    spec: {staticConfigs: [{targets: ['localhost:9100'], labels: {label1: 'value1_sharded'}}], relabelings: [
      {sourceLabels: ['__address__'], targetLabel: '__tmp_hash', modulus: 999, action: 'hashmod'},
      {sourceLabels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '$(SHARD);|.+;.+', action: 'keep'}]},
    want: {static_configs: [{targets: ['localhost:9100'], labels: {label1: 'value1_sharded'}}], relabel_configs: [initial,
      {source_labels: ['__address__'], target_label: '__tmp_hash', modulus: 999, action: 'hashmod'},
      {source_labels: ['__tmp_hash', '__tmp_disable_sharding'], regex: '$(SHARD);|.+;.+', action: 'keep'}]}},
  {name: 'file_sd_config', golden: 'ScrapeConfigSpecConfig_FileSD.golden', shards: 1, spec: {fileSDConfigs: [{files: ['/tmp/myfile.json'], refreshInterval: '5m'}]},
    want: {file_sd_configs: [{files: ['/tmp/myfile.json'], refresh_interval: '5m'}], relabel_configs: [initial]}},
  {name: 'http_sd_config (proxy settings left out)', golden: 'ScrapeConfigSpecConfig_HTTPSD.golden', shards: 1, spec: {httpSDConfigs: [{url: 'http://localhost:9100/sd.json', refreshInterval: '5m'}]},
    want: {http_sd_configs: [{url: 'http://localhost:9100/sd.json', refresh_interval: '5m'}], relabel_configs: [initial]}},
  {name: 'metrics_path', golden: 'ScrapeConfigSpecConfig_MetricPath.golden', shards: 1, spec: {metricsPath: '/metrics'}, want: {metrics_path: '/metrics', relabel_configs: [initial]}},
  {name: 'honor_labels', golden: 'ScrapeConfigSpecConfig_HonorLabels.golden', shards: 1, spec: {honorLabels: true}, want: {honor_labels: true, relabel_configs: [initial]}},
  {name: 'scheme', golden: 'ScrapeConfigSpecConfig_Scheme.golden', shards: 1, spec: {scheme: 'HTTPS'}, want: {scheme: 'https', relabel_configs: [initial]}},
  {name: 'params', golden: 'ScrapeConfigSpecConfig_Params.golden', shards: 1, spec: {metricsPath: '/federate', params: {'match[]': ['{job="prometheus"}', '{__name__=~"job:.*"}']}},
    want: {metrics_path: '/federate', params: {'match[]': ['{job="prometheus"}', '{__name__=~"job:.*"}']}, relabel_configs: [initial]}},
  {name: 'tls_config (files the Operator writes from the Secrets)', golden: 'ScrapeConfigSpecConfig_TLSConfig.golden', shards: 1,
    spec: {tlsConfig: {ca: {secret: {name: 'tls', key: 'ca'}}, cert: {secret: {name: 'tls', key: 'cert'}}, keySecret: {name: 'tls', key: 'private-key'}},
      httpSDConfigs: [{url: 'http://localhost:9100/sd.json', tlsConfig: {insecureSkipVerify: true, ca: {secret: {name: 'tls', key: 'ca2'}}}}]},
    want: {tls_config: {ca_file: '/etc/prometheus/certs/0_default_tls_ca', cert_file: '/etc/prometheus/certs/0_default_tls_cert', key_file: '/etc/prometheus/certs/0_default_tls_private-key'},
      http_sd_configs: [{tls_config: {insecure_skip_verify: true, ca_file: '/etc/prometheus/certs/0_default_tls_ca2'}, url: 'http://localhost:9100/sd.json'}], relabel_configs: [initial]}},
  {name: 'kubernetes_sd_config_with_namespace_discovery_and_own_namespace', golden: 'ScrapeConfigSpecConfig_K8SSD_with_NamespaceDiscovery_and_OwnNamespace.golden', shards: 1,
    spec: {kubernetesSDConfigs: [{role: 'Pod', namespaces: {ownNamespace: true, names: ['ns1', 'ns2']}}]},
    want: {kubernetes_sd_configs: [{role: 'pod', namespaces: {names: ['ns1', 'ns2'], own_namespace: true}}], relabel_configs: [initial]}},
  {name: 'kubernetes_sd_config_with_supported_role_attach_metadata', golden: 'ScrapeConfigSpecConfig_K8SSD_with_AttachMetadata.golden', shards: 1,
    spec: {kubernetesSDConfigs: [{role: 'Pod', attachMetadata: {node: true}}]}, want: {kubernetes_sd_configs: [{role: 'pod', attach_metadata: {node: true}}], relabel_configs: [initial]}},
  {name: 'kubernetes_sd_config_with_unsupported_role_attach_metadata (dropped)', golden: 'ScrapeConfigSpecConfig_K8SSD_with_Unsupported_Role_AttachMetadata.golden', shards: 1,
    spec: {kubernetesSDConfigs: [{role: 'Service', attachMetadata: {node: true}}]}, want: {kubernetes_sd_configs: [{role: 'service'}], relabel_configs: [initial]}},
  {name: 'kubernetes_sd_config_with_selectors', golden: 'ScrapeConfigSpecConfig_K8SSD_with_Selectors.golden', shards: 1,
    spec: {kubernetesSDConfigs: [{role: 'Node', selectors: [{role: 'Node', label: 'component=executor'}]}]},
    want: {kubernetes_sd_configs: [{role: 'node', selectors: [{role: 'node', label: 'component=executor'}]}], relabel_configs: [initial]}},
])('ScrapeConfig job, $name ($golden)', ({spec, shards, want}) => {
  expect(scrapeConfigJob(scrapeConfig(spec), prometheus(shards === 1 ? {} : {shards}))).toEqual({job_name: 'scrapeConfig/default/testscrapeconfig1', ...want});
});

// resource_selector.go validateKubernetesSDConfigs.
test.each([
  {name: 'apiServer with ownNamespace', spec: {kubernetesSDConfigs: [{role: 'Pod', apiServer: 'https://k', namespaces: {ownNamespace: true}}]}, rejected: /cannot use 'apiServer' and 'namespaces.ownNamespace'/},
  {name: 'a node selector on role pod', spec: {kubernetesSDConfigs: [{role: 'Pod', selectors: [{role: 'Node', label: 'a=b'}]}]}, rejected: /Pod role supports only pod selectors/},
  {name: 'pod selector on role endpoints', spec: {kubernetesSDConfigs: [{role: 'Endpoints', selectors: [{role: 'Pod', label: 'a=b'}]}]}, rejected: undefined},
])('ScrapeConfig validation: $name', ({spec, rejected}) => {
  const why = scrapeConfigRejection(scrapeConfig(spec));
  if (rejected) expect(why).toMatch(rejected);
  else expect(why).toBeUndefined();
});

// generateServerConfiguration: ServiceMonitors, PodMonitors, Probes, then ScrapeConfigs, each sorted
// by namespace/name; invalid resources (rejected by the selector) are left out.
test('the generated configuration orders Probes before ScrapeConfigs and leaves out rejected ones', () => {
  const probes = [probe('b', {prober: {url: 'bb:9115'}, targets: {staticConfig: {static: ['x']}}}), probe('a', {prober: {url: 'bb:9115'}, targets: {staticConfig: {static: ['y']}}}), probe('bad', {prober: {url: 'bb:9115'}})];
  const config = parse(generateOperatorConfig(prometheus(), [], [], probes, [scrapeConfig({})]));
  expect(config.scrape_configs.map((j: {job_name: string}) => j.job_name)).toEqual(['probe/default/a', 'probe/default/b', 'scrapeConfig/default/testscrapeconfig1']);
});

// selectObjects with probeSelector/probeNamespaceSelector and scrapeConfigSelector/scrapeConfigNamespaceSelector.
test.each([
  {name: 'Probe, probeSelector unset', prom: {}, kind: 'Probe', selected: false, reason: 'spec.probeSelector is not set, which selects no Probe'},
  {name: 'Probe, probeSelector {} in its own namespace', prom: {probeSelector: {}}, kind: 'Probe', selected: true, reason: 'selected by spec.probeSelector'},
  {name: 'ScrapeConfig, labels do not match', prom: {scrapeConfigSelector: {matchLabels: {team: 'a'}}}, kind: 'ScrapeConfig', selected: false, reason: /does not match the ScrapeConfig's labels/},
  {name: 'ScrapeConfig, another namespace and no namespace selector', prom: {scrapeConfigSelector: {}}, kind: 'ScrapeConfig', namespace: 'apps', selected: false,
    reason: 'spec.scrapeConfigNamespaceSelector is not set, so only ScrapeConfigs in default are selected'},
  {name: 'ScrapeConfig, scrapeConfigNamespaceSelector {}', prom: {scrapeConfigSelector: {}, scrapeConfigNamespaceSelector: {}}, kind: 'ScrapeConfig', namespace: 'apps', selected: true, reason: 'selected by spec.scrapeConfigSelector'},
])('selection: $name', ({prom, kind, namespace, selected, reason}) => {
  const resource: KubeObject = {apiVersion: 'monitoring.coreos.com/v1', kind, metadata: {name: 'r', namespace: namespace ?? 'default', labels: {team: 'b'}}, spec: {}};
  const answer = selectsMonitor(prometheus(prom), resource, []);
  expect(answer.selected).toBe(selected);
  if (typeof reason === 'string') expect(answer.reason).toBe(reason);
  else expect(answer.reason).toMatch(reason);
});

// Explanations over examples/prometheus/cluster.yaml plus an Ingress and the Operator's resources.
const operatorObjects = `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  version: v2.42.0
  serviceAccountName: prometheus
  probeSelector: {matchLabels: {release: prom}}
  probeNamespaceSelector: {}
  scrapeConfigSelector: {matchLabels: {release: prom}}
  scrapeConfigNamespaceSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: apps, labels: {probe: "true"}}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: checkout, port: {number: 8080}}}}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: websites, namespace: monitoring, labels: {release: prom}}
spec:
  prober: {url: "blackbox:9115"}
  module: http_2xx
  targets:
    staticConfig: {static: ["https://example.com"]}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: ingresses, namespace: monitoring, labels: {release: prom}}
spec:
  prober: {url: "blackbox:9115"}
  module: http_2xx
  targets:
    ingress:
      selector: {matchLabels: {probe: "true"}}
      namespaceSelector: {any: true}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: no-ingress, namespace: monitoring, labels: {release: prom}}
spec:
  prober: {url: "blackbox:9115"}
  targets:
    ingress:
      selector: {matchLabels: {probe: "yes"}}
      namespaceSelector: {any: true}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: scheme-in-url, namespace: monitoring, labels: {release: prom}}
spec:
  prober: {url: "http://blackbox:9115"}
  targets:
    staticConfig: {static: ["https://example.com"]}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: pods, namespace: monitoring, labels: {release: prom}}
spec:
  kubernetesSDConfigs: [{role: Pod, namespaces: {names: [apps]}}]
  relabelings:
  - {sourceLabels: [__meta_kubernetes_pod_container_port_name], regex: management, action: Keep}
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: wrong-namespace, namespace: monitoring, labels: {release: prom}}
spec:
  kubernetesSDConfigs: [{role: Pod, namespaces: {names: [shop]}}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: static, namespace: monitoring, labels: {release: prom}}
spec:
  staticConfigs: [{targets: ["10.0.0.1:9100"], labels: {env: prod}}]
  httpSDConfigs: [{url: "http://sd.example/targets"}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: all-dropped, namespace: monitoring, labels: {release: prom}}
spec:
  staticConfigs: [{targets: ["10.0.0.1:9100"]}]
  relabelings: [{sourceLabels: [__address__], regex: "10\\\\..*", action: Drop}]
---
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: unlabelled, namespace: monitoring}
spec:
  staticConfigs: [{targets: ["10.0.0.1:9100"]}]
`;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'operator-probe-'));
  copyFileSync(join(root, 'examples/prometheus/cluster.yaml'), join(dir, 'cluster.yaml'));
  writeFileSync(join(dir, 'operator.yaml'), operatorObjects);
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

test('targets from the Prometheus resource include its Probes and ScrapeConfigs', async () => {
  const run = await runMonitor(['targets', '-f', dir, '-o', 'json']);
  expect(run.stderr).not.toMatch(/Error/);
  const result = JSON.parse(run.stdout) as TargetsResult;
  expect(result.jobs.map((j) => [j.name, j.active])).toEqual([
    ['probe/monitoring/ingresses', 1], ['probe/monitoring/no-ingress', 0], ['probe/monitoring/websites', 1],
    ['scrapeConfig/monitoring/all-dropped', 0], ['scrapeConfig/monitoring/pods', 1], ['scrapeConfig/monitoring/static', 1], ['scrapeConfig/monitoring/wrong-namespace', 0],
  ]);
  const website = result.activeTargets.find((t) => t.scrapePool === 'probe/monitoring/websites')!;
  expect(website.scrapeUrl).toBe('http://blackbox:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com');
  expect(website.labels).toEqual({instance: 'https://example.com', job: 'probe/monitoring/websites', namespace: 'monitoring'});
  const ingress = result.activeTargets.find((t) => t.scrapePool === 'probe/monitoring/ingresses')!;
  expect(ingress.labels).toEqual(expect.objectContaining({instance: 'http://shop.example.com/', ingress: 'shop', namespace: 'apps'}));
});

const version = parsePrometheusVersion('2.42');

test.each([
  {name: 'a static Probe: selected, one target', resource: 'probe/monitoring/websites', problems: [], reason: /1 active target, probed through blackbox:9115\/probe with module http_2xx/},
  {name: 'an ingress Probe: the Ingress it matches', resource: 'probe/monitoring/ingresses', problems: [], reason: /1 active target/, matching: ['apps/shop']},
  {name: 'an ingress Probe whose selector matches no Ingress', resource: 'probe/monitoring/no-ingress', problems: [/matches no Ingress in any namespace \(there: shop \{"probe":"true"\}\)/], reason: /no target: spec.targets.ingress.selector/},
  {name: 'a Probe the Operator rejects', resource: 'probe/monitoring/scheme-in-url', problems: [/rejects it as invalid.*must be hostname or hostname:port/], reason: /rejects this Probe/},
  {name: 'a ScrapeConfig over pods', resource: 'scrapeconfig/monitoring/pods', problems: [], reason: /1 active target/},
  {name: 'a ScrapeConfig in a namespace with no pods', resource: 'scrapeconfig/monitoring/wrong-namespace', problems: [/kubernetesSDConfigs\[0\] \(role pod\) finds no Pod in namespace shop/], reason: /finds no Pod/},
  {name: 'a ScrapeConfig whose targets are all dropped', resource: 'scrapeconfig/monitoring/all-dropped', problems: [/1 discovered, all dropped by the generated relabelings \(1 by relabel_configs\[1\] \(drop\)\)/], reason: /all dropped/},
  {name: 'a ScrapeConfig with an HTTP SD besides static targets: a note, not a problem', resource: 'scrapeconfig/monitoring/static', problems: [], reason: /1 active target/, notes: [/httpSDConfigs\[0\].*not simulated/]},
  {name: 'a ScrapeConfig no Prometheus selects', resource: 'scrapeconfig/monitoring/unlabelled', problems: [/no Prometheus selects it: monitoring\/k8s: spec.scrapeConfigSelector .* does not match the ScrapeConfig's labels/], reason: /1 active target/},
])('explanation: $name', ({resource, problems, reason, matching, notes}) => {
  const objects = [...parseAll(join(root, 'examples/prometheus/cluster.yaml')), ...parseAll(operatorObjects)];
  const [kind, ns, name] = resource.split('/');
  const object = objects.find((o) => o.kind.toLowerCase() === kind && o.metadata.namespace === ns && o.metadata.name === name)!;
  const explanation: MonitorExplanation = (kind === 'probe' ? explainProbe : explainScrapeConfig)(object, objects, discoveryObjectsFrom(objects), version);
  expect(explanation.problems).toHaveLength(problems.length);
  problems.forEach((p, i) => expect(explanation.problems[i]).toMatch(p));
  expect(explanation.endpoints[0]!.reason).toMatch(reason);
  if (matching) expect(explanation.matching).toEqual(matching);
  if (notes) notes.forEach((n, i) => expect(explanation.notes?.[i]).toMatch(n));
});

test('explaining with no objects at all says no Prometheus reads it', () => {
  const object = probe('p', {prober: {url: 'bb:9115'}, targets: {staticConfig: {static: []}}});
  const explanation = explainProbe(object, [object], emptyDiscoveryObjects(), version);
  expect(explanation.problems[0]).toMatch(/no Prometheus resource \(monitoring.coreos.com\) in the cluster/);
  expect(explanation.endpoints[0]!.reason).toBe('no target: spec.targets.staticConfig.static lists no target');
});

/** The documents of a manifest file (a path) or text. */
function parseAll(pathOrText: string): KubeObject[] {
  const text = pathOrText.includes('\n') ? pathOrText : readFileSync(pathOrText, 'utf8');
  return text.split(/^---$/m).map((d) => parse(d)).filter((d): d is KubeObject => Boolean(d?.kind));
}

test.each([
  {monitor: 'probe/monitoring/websites', code: 0, text: /matches 1 target/},
  {monitor: 'scrapeconfig/monitoring/wrong-namespace', code: 1, text: /problem: .*kubernetesSDConfigs\[0\] \(role pod\) finds no Pod in namespace shop/},
  {monitor: 'scrapeconfig/monitoring/static', code: 0, text: /note: httpSDConfigs\[0\].*not simulated/},
])('the command explains $monitor', async ({monitor, code, text}) => {
  const run = await runMonitor(['targets', '-f', dir, '--monitor', monitor]);
  expect(run.code).toBe(code);
  expect(run.stdout).toMatch(text);
});

test.each([
  ['probe/monitoring/websites', {kind: 'Probe', namespace: 'monitoring', name: 'websites'}],
  ['scrapeconfigs/static', {kind: 'ScrapeConfig', name: 'static'}],
  ['smon/apps/checkout', {kind: 'ServiceMonitor', namespace: 'apps', name: 'checkout'}],
])('--monitor %s', (text, expected) => {
  expect(parseMonitorReference(text)).toEqual(expected);
});

test.each(['pods/x', 'probe', 'probe//x', 'probe/a/b/c'])('--monitor %s is a usage error', (text) => {
  expect(() => parseMonitorReference(text)).toThrow(/cannot read --monitor/);
});
