// netpol at the issue's scale: 2,000 pods (Deployments of 5 replicas) in 50 namespaces with 300
// NetworkPolicies. Budgets (issue 5): the full matrix for one port in at most 3 s and 500 MB;
// one offline `netpol test` in at most 0.5 s wall, startup included. Both run as a user would
// (a child process reading the manifests); peak memory is the child's max RSS.

import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KubeObject} from '../src/cluster/types.ts';
import {Evaluator} from '../src/netpol/evaluate.ts';
import {ReachabilityMatrix} from '../src/netpol/matrix.ts';
import {buildSnapshot} from '../src/netpol/snapshot.ts';
import {formatMs, median} from './lib/timing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = ['web', 'api', 'db', 'cache'];

/** The benchmark cluster: namespaces ns-00..49, 8 Deployments x 5 pods each, 6 policies each. */
export function netpolBenchObjects(namespaces = 50, deployments = 8, replicas = 5): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let n = 0; n < namespaces; n++) {
    const namespace = `ns-${String(n).padStart(2, '0')}`;
    objects.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace, labels: {team: `team-${n % 10}`, env: n % 3 === 0 ? 'prod' : 'staging'}}});
    for (let d = 0; d < deployments; d++) {
      const app = `app-${d}`;
      const tier = tiers[d % tiers.length];
      const hash = `${n}${d}f7c9`;
      const labels = {app, tier, 'pod-template-hash': hash};
      const port = tier === 'db' ? 5432 : tier === 'cache' ? 6379 : 8080;
      objects.push({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: app, namespace, uid: `uid-d-${n}-${d}`},
        spec: {replicas, selector: {matchLabels: {app}}, template: {metadata: {labels: {app, tier}}, spec: {containers: [{name: app, image: 'example/app:1', ports: [{name: 'main', containerPort: port}, {name: 'metrics', containerPort: 9090}]}]}}}});
      objects.push({apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: `${app}-${hash}`, namespace, uid: `uid-rs-${n}-${d}`,
        ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: `uid-d-${n}-${d}`, controller: true}]}, spec: {replicas}});
      for (let r = 0; r < replicas; r++) {
        const ip = `10.${n}.${d}.${r + 10}`;
        objects.push({apiVersion: 'v1', kind: 'Pod',
          metadata: {name: `${app}-${hash}-${r}`, namespace, labels, ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, uid: `uid-rs-${n}-${d}`, controller: true}]},
          spec: {nodeName: `node-${r}`, containers: [{name: app, image: 'example/app:1', ports: [{name: 'main', containerPort: port}, {name: 'metrics', containerPort: 9090}]}]},
          status: {phase: 'Running', podIP: ip, podIPs: [{ip}], hostIP: `192.168.0.${r + 1}`}});
      }
      objects.push({apiVersion: 'v1', kind: 'Service', metadata: {name: app, namespace}, spec: {selector: {app}, ports: [{name: 'main', port: 80, targetPort: 'main'}]}});
    }
    const policy = (name: string, spec: object): KubeObject => ({apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {name, namespace}, spec});
    objects.push(
      policy('default-deny', {podSelector: {}, policyTypes: ['Ingress']}),
      policy('allow-web', {podSelector: {matchLabels: {tier: 'web'}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: `team-${n % 10}`}}}, {ipBlock: {cidr: '0.0.0.0/0', except: ['10.0.0.0/8']}}], ports: [{port: 'main'}]}]}),
      policy('allow-api', {podSelector: {matchLabels: {tier: 'api'}}, ingress: [{from: [{podSelector: {matchLabels: {tier: 'web'}}}], ports: [{port: 8080}]}]}),
      policy('allow-db', {podSelector: {matchLabels: {tier: 'db'}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: 'tier', operator: 'In', values: ['api']}]}}], ports: [{port: 5432, protocol: 'TCP'}]}]}),
      policy('allow-metrics', {podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {env: 'prod'}}, podSelector: {matchLabels: {app: 'app-7'}}}], ports: [{port: 'metrics'}]}]}),
      policy('restrict-egress', {podSelector: {matchLabels: {tier: 'cache'}}, policyTypes: ['Egress'], egress: [{to: [{ipBlock: {cidr: `10.${n}.0.0/16`, except: [`10.${n}.3.0/24`]}}]}, {ports: [{port: 53, protocol: 'UDP'}]}]}),
    );
  }
  return objects;
}

function writeFixture(directory: string): string {
  const file = join(directory, 'cluster.json');
  writeFileSync(file, JSON.stringify({apiVersion: 'v1', kind: 'List', items: netpolBenchObjects()}));
  return file;
}

/** A child process running the plugin's command from source, reporting its peak RSS on exit. */
function runnerScript(directory: string): string {
  const file = join(directory, 'run-netpol.mjs');
  writeFileSync(file, [
    `const {runPlugin} = await import(${JSON.stringify(join(root, 'commands/cli/run-plugin.ts'))});`,
    `const plugin = (await import(${JSON.stringify(join(root, 'commands/netpol/index.ts'))})).default;`,
    `process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));`,
    `process.exitCode = await runPlugin(plugin, process.argv.slice(2), ${JSON.stringify(join(root, 'commands/cli'))});`,
  ].join('\n'));
  return file;
}

function run(command: string, args: string[]): {ms: number; maxRssMb?: number; status: number | null; stdoutBytes: number} {
  const start = performance.now();
  const result = spawnSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30});
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 400)}`);
  const match = /maxrss (\d+)/.exec(result.stderr.toString());
  return {ms, status: result.status, stdoutBytes: result.stdout.length, ...(match ? {maxRssMb: Number(match[1]) / 1024} : {})};
}

export default async function benchNetpol(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-netpol-'));
  try {
    const objects = netpolBenchObjects();
    const pods = objects.filter((object) => object.kind === 'Pod').length;
    const policies = objects.filter((object) => object.kind === 'NetworkPolicy').length;
    process.stdout.write(`fixture: ${pods} pods, ${policies} NetworkPolicies, 50 namespaces (${objects.length} objects)\n`);

    // The engine alone, in process.
    let start = performance.now();
    const snapshot = buildSnapshot(objects, {offline: true});
    const snapshotMs = performance.now() - start;
    start = performance.now();
    const matrix = new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {port: 8080, protocol: 'TCP'});
    const matrixMs = performance.now() - start;
    process.stdout.write(`engine: snapshot ${formatMs(snapshotMs)}, matrix ${formatMs(matrixMs)} (${matrix.classCount} classes for ${matrix.pods.length} pods, ${matrix.deniedCount().toLocaleString('en')} of ${(matrix.pods.length ** 2).toLocaleString('en')} pairs denied)\n`);

    const fixture = writeFixture(directory);
    const node = existsSync(join(root, 'node_modules/node/bin/node')) ? join(root, 'node_modules/node/bin/node') : process.execPath;
    const runner = runnerScript(directory);
    for (const [label, extra] of [['text', []], ['json', ['-o', 'json']]] as const) {
      const samples = [0, 1, 2].map(() => run(node, [runner, 'matrix', '-A', '--port', '8080', '-f', fixture, ...extra]));
      const ms = median(samples.map((sample) => sample.ms));
      const rss = Math.max(...samples.map((sample) => sample.maxRssMb ?? 0));
      const verdict = ms <= 3000 && rss <= 500 ? 'within budget' : 'OVER BUDGET';
      process.stdout.write(`matrix -A --port 8080 (${label}, ${(samples[0].stdoutBytes / 1e6).toFixed(1)} MB out): ${formatMs(ms)} wall, ${rss.toFixed(0)} MB peak RSS (budget 3 s, 500 MB: ${verdict})\n`);
    }

    const plugin = join(root, 'plugins', 'kubectl-netpol');
    const built = existsSync(join(root, 'dist', 'kubectl-netpol.mjs'));
    const testArgs = ['test', '--from', 'ns-01/deploy/app-0', '--to', 'ns-01/svc/app-1', '-f', fixture];
    const [command, args] = built ? [plugin, testArgs] : [node, [runner, ...testArgs]];
    run(command, args); // warm the file cache and compile cache
    const testSamples = [0, 1, 2, 3, 4].map(() => run(command, args));
    const testMs = median(testSamples.map((sample) => sample.ms));
    process.stdout.write(`test (offline, ${built ? 'built plugin' : 'from source: run `npm run build` for the shipped path'}): ${formatMs(testMs)} wall (budget 0.5 s: ${testMs <= 500 ? 'within budget' : 'OVER BUDGET'})\n`);
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
}
