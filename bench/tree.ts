// kubectl tree at the issue's scale (issue 4): the test cluster with --latency 20 holding about
// 50,000 objects across 60 namespaced resource types (built-ins plus CRDs), and a Deployment
// `big` owning 5,000 pods through its ReplicaSet. Budget: `kubectl tree deploy/big` at most 1.5x
// the wall time of the real `kubectl get` listing the same resource types in the same namespace
// as JSON, measured side by side in one run, and under 300 MB peak RSS.

import {spawnSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KubeObject} from '../src/cluster/types.ts';
import {builtInTypes} from '../test/cluster/catalogue.ts';
import {formatMs, median} from './lib/timing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAMESPACE = 'big';
const TYPES = 60;
const OBJECTS = 50_000;
const PODS = 5_000;
const LATENCY_MS = 20;

const created = '2026-11-01T00:00:00Z';
let serial = 0;
const uid = () => `00000000-0000-4000-9000-${(serial++).toString(16).padStart(12, '0')}`;

function pod(index: number, rs: KubeObject): KubeObject {
  const name = `big-7c9f8d6b5-${index.toString(36).padStart(5, '0')}`;
  const crashing = index % 500 === 0;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {name, namespace: NAMESPACE, uid: uid(), creationTimestamp: created, labels: {app: 'big', 'pod-template-hash': '7c9f8d6b5'},
      annotations: {'kubectl.kubernetes.io/restartedAt': created},
      ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true}]},
    spec: {
      nodeName: `node-${index % 100}`, serviceAccountName: 'big', restartPolicy: 'Always', terminationGracePeriodSeconds: 30,
      containers: [{name: 'app', image: 'registry.example/big:1.4.2', ports: [{name: 'http', containerPort: 8080}],
        env: [{name: 'LOG_LEVEL', valueFrom: {configMapKeyRef: {name: 'big-config', key: 'level'}}}],
        resources: {requests: {cpu: '100m', memory: '128Mi'}, limits: {memory: '256Mi'}},
        readinessProbe: {httpGet: {path: '/ready', port: 'http'}, periodSeconds: 5},
        volumeMounts: [{name: 'config', mountPath: '/etc/big'}, {name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true}]}],
      volumes: [{name: 'config', configMap: {name: 'big-config'}},
        {name: 'kube-api-access', projected: {sources: [{serviceAccountToken: {path: 'token', expirationSeconds: 3607}}, {configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}}]}}],
    },
    status: {
      phase: 'Running', podIP: `10.1.${(index >> 8) & 255}.${index & 255}`, hostIP: `192.168.0.${index % 100}`, startTime: created, qosClass: 'Burstable',
      conditions: [
        {type: 'Initialized', status: 'True', lastTransitionTime: created},
        {type: 'Ready', status: crashing ? 'False' : 'True', lastTransitionTime: created, ...(crashing ? {reason: 'ContainersNotReady'} : {})},
        {type: 'ContainersReady', status: crashing ? 'False' : 'True', lastTransitionTime: created},
        {type: 'PodScheduled', status: 'True', lastTransitionTime: created},
      ],
      containerStatuses: [{name: 'app', ready: !crashing, restartCount: crashing ? 12 : 0, image: 'registry.example/big:1.4.2',
        imageID: 'registry.example/big@sha256:0f3b5c1d9a7e2b4c6d8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d', containerID: `containerd://${index.toString(16).padStart(64, '0')}`,
        state: crashing ? {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container'}} : {running: {startedAt: created}}}],
    },
  };
}

function filler(apiVersion: string, kind: string, index: number): KubeObject {
  return {
    apiVersion, kind,
    metadata: {name: `${kind.toLowerCase()}-${index.toString(36).padStart(4, '0')}`, namespace: NAMESPACE, uid: uid(), creationTimestamp: created,
      labels: {app: `app-${index % 50}`, team: `team-${index % 7}`}, annotations: {'example.com/owner': `team-${index % 7}@example.com`, 'example.com/revision': String(index)}},
    spec: {description: `filler object ${index} of ${kind}`, replicas: 1, settings: {a: 'x'.repeat(64), b: index, c: [1, 2, 3]}},
  };
}

/** The fixture: `big` with its ReplicaSets and pods, then filler objects over the other types up to OBJECTS. */
export function treeBenchObjects(): {objects: KubeObject[]; typeCount: number; crds: number} {
  const builtIn = builtInTypes().filter((type) => type.namespaced && type.verbs.includes('list') && !(type.group === 'events.k8s.io'));
  const crds = Math.max(0, TYPES - builtIn.length);
  const objects: KubeObject[] = [];
  const deployment: KubeObject = {apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {name: 'big', namespace: NAMESPACE, uid: uid(), creationTimestamp: created},
    spec: {replicas: PODS, selector: {matchLabels: {app: 'big'}}, template: {metadata: {labels: {app: 'big'}}, spec: {containers: [{name: 'app', image: 'registry.example/big:1.4.2'}]}}},
    status: {replicas: PODS, readyReplicas: PODS - PODS / 500, availableReplicas: PODS - PODS / 500, updatedReplicas: PODS,
      conditions: [{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'}, {type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable'}]}};
  objects.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name: NAMESPACE, uid: uid(), creationTimestamp: created}});
  objects.push(deployment);
  const replicaSets = ['7c9f8d6b5', '5b6d4f9c8', '6f7a8b9c0', '4d5e6f7a8'].map((hash, index): KubeObject => ({apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {name: `big-${hash}`, namespace: NAMESPACE, uid: uid(), creationTimestamp: created, labels: {app: 'big', 'pod-template-hash': hash},
      ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'big', uid: deployment.metadata.uid!, controller: true, blockOwnerDeletion: true}]},
    spec: {replicas: index === 0 ? PODS : 0}, status: {replicas: index === 0 ? PODS : 0, readyReplicas: index === 0 ? PODS - PODS / 500 : 0}}));
  objects.push(...replicaSets);
  for (let index = 0; index < PODS; index++) objects.push(pod(index, replicaSets[0]!));

  const fillerTypes: {apiVersion: string; kind: string}[] = builtIn
    .filter((type) => !['Pod', 'ReplicaSet', 'Deployment'].includes(type.kind))
    .map((type) => ({apiVersion: type.group ? `${type.group}/${type.versions[0]}` : type.versions[0]!, kind: type.kind}));
  for (let index = 0; index < crds; index++) {
    const kind = `Widget${String(index).padStart(2, '0')}`;
    const plural = `${kind.toLowerCase()}s`;
    objects.push({apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: {name: `${plural}.bench.example.com`, uid: uid()},
      spec: {group: 'bench.example.com', scope: 'Namespaced', names: {kind, plural, singular: kind.toLowerCase()},
        versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}]}});
    fillerTypes.push({apiVersion: 'bench.example.com/v1', kind});
  }
  const perType = Math.floor((OBJECTS - objects.length) / fillerTypes.length);
  for (const type of fillerTypes) for (let index = 0; index < perType; index++) objects.push(filler(type.apiVersion, type.kind, index));
  return {objects, typeCount: builtIn.length + crds, crds};
}

/** A child process running the plugin's command from source, reporting its peak RSS on exit. */
function runnerScript(directory: string): string {
  const file = join(directory, 'run-tree.mjs');
  writeFileSync(file, [
    `const {runPlugin} = await import(${JSON.stringify(join(root, 'commands/cli/run-plugin.ts'))});`,
    `const plugin = (await import(${JSON.stringify(join(root, 'commands/tree/index.ts'))})).default;`,
    `process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));`,
    `process.exitCode = await runPlugin(plugin, process.argv.slice(2), ${JSON.stringify(join(root, 'commands/cli'))});`,
  ].join('\n'));
  return file;
}

interface Run {
  ms: number;
  maxRssMb?: number;
  stdoutBytes: number;
  stdout: string;
}

// GNU time reports the peak RSS of any command (the built plugin's node, kubectl); without it
// only the from-source runner reports its own.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const [program, programArgs] = gnuTime ? [gnuTime, ['-f', 'maxrss-kb %M', command, ...args]] : [command, args];
  const start = performance.now();
  const result = spawnSync(program, programArgs, {env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30});
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 600)}`);
  const stderr = result.stderr.toString();
  const timed = /maxrss-kb (\d+)/.exec(stderr);
  const own = /maxrss (\d+)/.exec(stderr);
  const maxRssMb = timed ? Number(timed[1]) / 1024 : own ? Number(own[1]) / 1024 : undefined;
  return {ms, stdoutBytes: result.stdout.length, stdout: result.stdout.toString(), ...(maxRssMb === undefined ? {} : {maxRssMb})};
}

async function startCluster(manifests: string, kubeconfig: string, node: string): Promise<ChildProcess> {
  const child = spawn(node, [join(root, 'test/cluster/main.ts'), '--manifests', manifests, '--kubeconfig-out', kubeconfig, '--latency', String(LATENCY_MS)],
    {stdio: ['ignore', 'ignore', 'pipe']});
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const deadline = Date.now() + 120_000;
  while (!existsSync(kubeconfig)) {
    if (child.exitCode !== null) throw new Error(`the test cluster exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the test cluster did not start in 120 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

export default async function benchTree(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-tree-'));
  let cluster: ChildProcess | undefined;
  try {
    const {objects, typeCount, crds} = treeBenchObjects();
    const manifests = join(directory, 'manifests');
    mkdirSync(manifests);
    writeFileSync(join(manifests, 'cluster.json'), JSON.stringify({apiVersion: 'v1', kind: 'List', items: objects}));
    process.stdout.write(`fixture: ${objects.length.toLocaleString('en')} objects, ${typeCount} namespaced resource types (${crds} from CRDs), ` +
      `Deployment ${NAMESPACE}/big owning ${PODS.toLocaleString('en')} pods; test cluster --latency ${LATENCY_MS}\n`);

    const node = existsSync(join(root, 'node_modules/node/bin/node')) ? join(root, 'node_modules/node/bin/node') : process.execPath;
    const kubeconfig = join(directory, 'kubeconfig');
    let start = performance.now();
    cluster = await startCluster(manifests, kubeconfig, node);
    process.stdout.write(`test cluster ready in ${formatMs(performance.now() - start)}\n`);
    const env = {...process.env, KUBECONFIG: kubeconfig};

    // The same resource types the tree lists: every listable namespaced type the server serves.
    const resources = run('kubectl', ['api-resources', '--namespaced=true', '--verbs=list', '-o', 'name'], env).stdout
      .split('\n').filter((name) => name && name !== 'events.events.k8s.io');
    // The shipped plugin when built (`npm run build`), else (or with KUBESLEUTH_BENCH_FROM_SOURCE=1) the command from source.
    const built = existsSync(join(root, 'dist', 'kubectl-tree.mjs'));
    const runner = runnerScript(directory);
    const fromSource = process.env.KUBESLEUTH_BENCH_FROM_SOURCE === '1';
    const tree = (): Run => built && !fromSource ? run(join(root, 'plugins', 'kubectl-tree'), ['deploy/big', '-n', NAMESPACE], env)
      : run(node, [runner, 'deploy/big', '-n', NAMESPACE], env);
    const get = (): Run => run('kubectl', ['get', resources.join(','), '-n', NAMESPACE, '-o', 'json'], env);

    start = performance.now();
    const first = tree(); // warms the server's caches and ours alike
    get();
    const rows = first.stdout.split('\n').length - 2;
    const expectedRows = PODS + 5; // the Deployment, its 4 ReplicaSets, the pods
    process.stdout.write(`warm-up done in ${formatMs(performance.now() - start)}; ${resources.length} types listed; tree printed ${rows} rows` +
      `${rows === expectedRows ? '' : ` (EXPECTED ${expectedRows}: output lost?)`}\n`);
    const treeRuns: Run[] = [];
    const getRuns: Run[] = [];
    for (let round = 0; round < 3; round++) {
      treeRuns.push(tree());
      getRuns.push(get());
    }
    const treeMs = median(treeRuns.map((sample) => sample.ms));
    const getMs = median(getRuns.map((sample) => sample.ms));
    const rss = Math.max(...treeRuns.map((sample) => sample.maxRssMb ?? 0));
    const ratio = treeMs / getMs;
    const getRss = Math.max(...getRuns.map((sample) => sample.maxRssMb ?? 0));
    process.stdout.write(`kubectl get ${resources.length} types -n ${NAMESPACE} -o json: ${formatMs(getMs)} wall, ${getRss.toFixed(0)} MB peak RSS (${(getRuns[0]!.stdoutBytes / 1e6).toFixed(1)} MB out)\n`);
    process.stdout.write(`kubectl tree deploy/big (${built && !fromSource ? 'built plugin' : 'from source: `npm run build` measures the shipped path'}): ${formatMs(treeMs)} wall, ${rss.toFixed(0)} MB peak RSS\n`);
    process.stdout.write(`ratio ${ratio.toFixed(2)} (budget 1.5: ${ratio <= 1.5 ? 'within budget' : 'OVER BUDGET'}); memory budget 300 MB: ${rss <= 300 ? 'within budget' : 'OVER BUDGET'}\n`);
  } finally {
    if (cluster && cluster.exitCode === null) {
      cluster.kill('SIGTERM');
      await new Promise((resolve) => cluster!.once('exit', resolve));
    }
    rmSync(directory, {recursive: true, force: true});
  }
}
