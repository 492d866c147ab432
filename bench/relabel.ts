// `npm run bench -- relabel`: 100,000 discovered pod label sets through the 10 rules of a typical
// kubernetes-pods job, `kubectl monitor relabel --target --no-steps -o json`, timed as a whole run
// (startup and reading the input included). Budget: 2 s. Reports label sets per second.
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatMs, timeCommand} from './lib/timing.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export const KUBERNETES_PODS_RULES = `- source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
  action: keep
  regex: true
- source_labels: [__meta_kubernetes_pod_phase]
  action: drop
  regex: Pending|Succeeded|Failed|Completed
- source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scheme]
  action: replace
  regex: (https?)
  target_label: __scheme__
- source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]
  action: replace
  regex: (.+)
  target_label: __metrics_path__
- source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
  action: replace
  regex: ([^:]+)(?::\\d+)?;(\\d+)
  replacement: $1:$2
  target_label: __address__
- action: labelmap
  regex: __meta_kubernetes_pod_label_(.+)
- source_labels: [__meta_kubernetes_namespace]
  action: replace
  target_label: namespace
- source_labels: [__meta_kubernetes_pod_name]
  action: replace
  target_label: pod
- source_labels: [__meta_kubernetes_pod_node_name]
  target_label: node
- source_labels: [__meta_kubernetes_pod_container_name]
  action: lowercase
  target_label: container
`;

/** Discovered labels of `count` pods as Kubernetes service discovery gives them (seeded, deterministic). */
export function generatePodLabelSets(count: number): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const apps = ['web', 'api', 'worker', 'cache', 'db', 'auth', 'search', 'billing'];
  const phases = ['Running', 'Running', 'Running', 'Running', 'Pending', 'Succeeded'];
  for (let i = 0; i < count; i++) {
    const app = apps[i % apps.length]!;
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const labels: Record<string, string> = {
      __address__: `${ip}:8080`,
      __meta_kubernetes_namespace: `team-${i % 50}`,
      __meta_kubernetes_pod_name: `${app}-${(i * 2654435761) >>> 0}`,
      __meta_kubernetes_pod_ip: ip,
      __meta_kubernetes_pod_node_name: `node-${i % 200}`,
      __meta_kubernetes_pod_phase: phases[i % phases.length]!,
      __meta_kubernetes_pod_ready: 'true',
      __meta_kubernetes_pod_container_name: app.toUpperCase(),
      __meta_kubernetes_pod_container_port_number: '8080',
      __meta_kubernetes_pod_label_app: app,
      __meta_kubernetes_pod_label_pod_template_hash: `h${i % 997}`,
      __meta_kubernetes_pod_annotation_prometheus_io_scrape: i % 5 === 0 ? 'false' : 'true',
      __meta_kubernetes_pod_annotation_prometheus_io_port: i % 3 === 0 ? '9100' : '8080',
    };
    if (i % 4 === 0) labels.__meta_kubernetes_pod_annotation_prometheus_io_path = '/custom/metrics';
    out.push(labels);
  }
  return out;
}

export default async function benchRelabel(): Promise<void> {
  const count = 100_000;
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-relabel-'));
  try {
    const labelsFile = join(directory, 'pods.json');
    const rulesFile = join(directory, 'rules.yaml');
    writeFileSync(labelsFile, JSON.stringify(generatePodLabelSets(count)));
    writeFileSync(rulesFile, KUBERNETES_PODS_RULES);
    const args = ['relabel', '-r', rulesFile, '--labels', labelsFile, '--target', '--no-steps', '-o', 'json'];
    const bundled = join(root, 'dist', 'kubectl-monitor.mjs');
    const [command, commandArgs, how] = existsSync(bundled)
      ? [join(root, 'plugins', 'kubectl-monitor'), args, 'bundled plugin']
      : [process.execPath, ['--input-type=module', '-e', `import {main} from ${JSON.stringify(join(root, 'commands/cli/main.ts'))}; import plugin from ${JSON.stringify(join(root, 'commands/monitor/index.ts'))}; process.argv.splice(1, 0, 'kubectl-monitor'); await main(plugin);`, ...args], 'from source (no dist/)'];
    const timed = timeCommand(command, commandArgs, 3);
    const rate = Math.round(count / (timed.medianMs / 1000));
    process.stdout.write(
      `relabel: ${count.toLocaleString('en')} label sets x 10 rules (--target --no-steps -o json, ${how}): ${formatMs(timed.medianMs)} median of 3` +
        ` = ${rate.toLocaleString('en')} label sets/s (budget 2 s${timed.medianMs <= 2000 ? ', met' : ', MISSED'})\n`,
    );
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
}
