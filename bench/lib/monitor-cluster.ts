// A cluster for `monitor` benchmarks: pods (bench/lib/generate.ts), nodes, and services each selecting
// a slice of the pods with an Endpoints object listing them; and a 20-job Prometheus configuration.
import type {KubeObject} from '../../src/cluster/types.ts';
import {generatePods} from './generate.ts';

export function generateMonitorCluster(pods: number, services: number, nodes = 100): KubeObject[] {
  const podObjects = generatePods(pods);
  const objects: KubeObject[] = [...podObjects];
  for (let n = 0; n < nodes; n++) {
    objects.push({apiVersion: 'v1', kind: 'Node', metadata: {name: `node-${n}`, labels: {'kubernetes.io/hostname': `node-${n}`, 'topology.kubernetes.io/zone': `z${n % 3}`}},
      status: {addresses: [{type: 'InternalIP', address: `192.168.0.${n}`}, {type: 'Hostname', address: `node-${n}`}], daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
        conditions: [{type: 'Ready', status: 'True'}]}});
  }
  const perService = Math.max(1, Math.floor(pods / services));
  for (let s = 0; s < services; s++) {
    const members = podObjects.slice(s * perService, (s + 1) * perService);
    const namespace = members[0]?.metadata.namespace ?? 'ns-0';
    const same = members.filter((p) => p.metadata.namespace === namespace);
    const name = `svc-${s}`;
    objects.push({apiVersion: 'v1', kind: 'Service', metadata: {name, namespace, labels: {app: name}, annotations: {'prometheus.io/scrape': String(s % 2 === 0), 'prometheus.io/port': '9102'}},
      spec: {type: 'ClusterIP', clusterIP: `10.96.${s >> 8}.${s & 255}`, ports: [{name: 'http', port: 80, targetPort: 8080}, {name: 'metrics', port: 9102, targetPort: 9102}]}});
    objects.push({apiVersion: 'v1', kind: 'Endpoints', metadata: {name, namespace, labels: {app: name}},
      subsets: [{addresses: same.map((p) => ({ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: {kind: 'Pod', name: p.metadata.name, namespace}})),
        ports: [{name: 'http', port: 8080, protocol: 'TCP'}, {name: 'metrics', port: 9102, protocol: 'TCP'}]}]});
  }
  return objects;
}

const POD_RULES = `
  - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
    action: keep
    regex: "true"
  - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
    action: replace
    regex: ([^:]+)(?::\\d+)?;(\\d+)
    replacement: $1:$2
    target_label: __address__
  - action: labelmap
    regex: __meta_kubernetes_pod_label_(.+)
  - source_labels: [__meta_kubernetes_namespace]
    target_label: namespace
  - source_labels: [__meta_kubernetes_pod_name]
    target_label: pod`;

const ENDPOINT_RULES = `
  - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape]
    action: keep
    regex: "true"
  - source_labels: [__meta_kubernetes_endpoint_port_name]
    action: keep
    regex: metrics
  - action: labelmap
    regex: __meta_kubernetes_service_label_(.+)
  - source_labels: [__meta_kubernetes_namespace]
    target_label: namespace
  - source_labels: [__meta_kubernetes_service_name]
    target_label: service
  - source_labels: [__meta_kubernetes_pod_name]
    target_label: pod`;

/** 20 jobs: pods (all namespaces and a few), endpoints, services, nodes, cAdvisor. */
export function monitorBenchConfig(): string {
  const jobs: string[] = [];
  for (let i = 0; i < 8; i++) {
    const namespaces = i === 0 ? '' : `\n    namespaces: {names: [${Array.from({length: 5}, (_, k) => `ns-${(i * 5 + k) % 50}`).join(', ')}]}`;
    jobs.push(`- job_name: pods-${i}\n  kubernetes_sd_configs:\n  - role: pod${namespaces}\n  relabel_configs:${POD_RULES}`);
  }
  for (let i = 0; i < 6; i++) jobs.push(`- job_name: endpoints-${i}\n  kubernetes_sd_configs:\n  - role: endpoints\n  relabel_configs:${ENDPOINT_RULES}\n  - target_label: shard\n    replacement: "${i}"`);
  for (let i = 0; i < 3; i++) jobs.push(`- job_name: services-${i}\n  metrics_path: /probe\n  params: {module: [http_2xx]}\n  kubernetes_sd_configs:\n  - role: service\n  relabel_configs:\n  - source_labels: [__address__]\n    target_label: __param_target\n  - target_label: __address__\n    replacement: blackbox:9115`);
  jobs.push('- job_name: nodes\n  scheme: https\n  tls_config: {insecure_skip_verify: true}\n  kubernetes_sd_configs:\n  - role: node\n  relabel_configs:\n  - action: labelmap\n    regex: __meta_kubernetes_node_label_(.+)');
  jobs.push('- job_name: cadvisor\n  scheme: https\n  metrics_path: /metrics/cadvisor\n  tls_config: {insecure_skip_verify: true}\n  kubernetes_sd_configs:\n  - role: node');
  jobs.push('- job_name: kubelet-proxy\n  scheme: https\n  kubernetes_sd_configs:\n  - role: node\n  relabel_configs:\n  - target_label: __address__\n    replacement: kubernetes.default.svc:443\n  - source_labels: [__meta_kubernetes_node_name]\n    regex: (.+)\n    target_label: __metrics_path__\n    replacement: /api/v1/nodes/$1/proxy/metrics');
  return `global:\n  scrape_interval: 30s\nscrape_configs:\n${jobs.join('\n')}\n`;
}
