// kubectl inspect at the scale (issue 7): 20,000 Secrets and ConfigMaps and 10,000 pods
// (owned by ReplicaSets of Deployments, each reading Secrets and ConfigMaps through env,
// envFrom, volumes and imagePullSecrets, some of them dangling). Budget: `refs -A` over those
// manifests in at most 2 s, wall time of the real plugin reading them as one JSON List (what
// `kubectl get -o json` writes) from a file the bench writes and removes. (Only the bench
// writes a file; `-f -` from spawnSync's socket stdin is not reliable, see the report.)
// The engine alone is timed too.

import {existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ManifestSource} from '../src/cluster/manifest-source.ts';
import type {KubeObject} from '../src/cluster/types.ts';
import {traceReferences} from '../src/configrefs/refs.ts';
import {formatMs, median, timeCommand} from './lib/timing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAMESPACES = 50;
const SECRETS = 10_000;
const CONFIGMAPS = 10_000;
const PODS = 10_000;
const DEPLOYMENTS = 1_000;

const b64 = (text: string) => Buffer.from(text).toString('base64');

export function inspectBenchObjects(): KubeObject[] {
  const objects: KubeObject[] = [];
  const namespace = (index: number) => `team-${index % NAMESPACES}`;
  for (let index = 0; index < SECRETS; index++) {
    objects.push({apiVersion: 'v1', kind: 'Secret', type: index < DEPLOYMENTS ? 'kubernetes.io/dockerconfigjson' : 'Opaque',
      metadata: {name: `secret-${index}`, namespace: namespace(index), uid: `s-${index}`, labels: {app: `app-${index % 200}`}},
      data: index < DEPLOYMENTS
        ? {'.dockerconfigjson': b64(JSON.stringify({auths: {'registry.example.com': {auth: b64(`robot:${index}`)}}}))}
        : {username: b64(`user-${index}`), password: b64(`not-a-real-password-${index}`), 'config.json': b64(JSON.stringify({index, enabled: true}))}});
  }
  for (let index = 0; index < CONFIGMAPS; index++) {
    objects.push({apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {name: `config-${index}`, namespace: namespace(index), uid: `c-${index}`, labels: {app: `app-${index % 200}`}},
      data: {LOG_LEVEL: 'info', 'app.properties': `server.port=8080\nworkers=${index % 16}\n`, 'settings.yaml': `feature:\n  enabled: ${index % 2 === 0}\n`}});
  }
  for (let index = 0; index < NAMESPACES; index++) {
    objects.push({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'kube-root-ca.crt', namespace: namespace(index), uid: `root-${index}`},
      data: {'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'}});
  }
  // Object i lives in namespace i % 50, so Deployment d (in namespace d % 50) reads objects
  // d + 1000k, all in its own namespace: secret d (a registry credential), d + 1000, d + 2000;
  // config d and d + 1000. The rest of them nobody uses.
  const podSpec = (deployment: number) => {
    const secret = `secret-${deployment + 1000}`;
    const config = `config-${deployment}`;
    return {
      imagePullSecrets: [{name: `secret-${deployment}`}],
      containers: [{name: 'app', image: 'registry.example.com/app:1.0',
        env: [
          {name: 'LOG_LEVEL', valueFrom: {configMapKeyRef: {name: config, key: 'LOG_LEVEL'}}},
          {name: 'DB_PASSWORD', valueFrom: {secretKeyRef: {name: secret, key: 'password'}}},
          // One in ten asks for a key its Secret does not have.
          ...(deployment % 10 === 0 ? [{name: 'DB_HOST', valueFrom: {secretKeyRef: {name: secret, key: 'host'}}}] : []),
        ],
        envFrom: [{configMapRef: {name: `config-${deployment + 1000}`}}],
        volumeMounts: [{name: 'settings', mountPath: '/etc/app'}]}],
      volumes: [
        {name: 'settings', configMap: {name: config, items: [{key: 'settings.yaml', path: 'settings.yaml'}]}},
        // One in 25 mounts a Secret that does not exist.
        {name: 'creds', secret: {secretName: deployment % 25 === 0 ? `gone-${deployment}` : `secret-${deployment + 2000}`}},
        {name: 'kube-api-access', projected: {sources: [{serviceAccountToken: {path: 'token'}}, {configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}}]}},
      ],
    };
  };
  for (let deployment = 0; deployment < DEPLOYMENTS; deployment++) {
    const ns = namespace(deployment);
    const template = {metadata: {labels: {app: `app-${deployment}`}}, spec: podSpec(deployment)};
    objects.push({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: `app-${deployment}`, namespace: ns, uid: `d-${deployment}`},
      spec: {replicas: PODS / DEPLOYMENTS, selector: {matchLabels: {app: `app-${deployment}`}}, template}});
    objects.push({apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: `app-${deployment}-7c9f8`, namespace: ns, uid: `rs-${deployment}`,
      ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: `app-${deployment}`, uid: `d-${deployment}`, controller: true}]},
    spec: {replicas: PODS / DEPLOYMENTS, template}});
    for (let replica = 0; replica < PODS / DEPLOYMENTS; replica++) {
      objects.push({apiVersion: 'v1', kind: 'Pod', metadata: {name: `app-${deployment}-7c9f8-${replica}`, namespace: ns, uid: `p-${deployment}-${replica}`,
        labels: {app: `app-${deployment}`},
        ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${deployment}-7c9f8`, uid: `rs-${deployment}`, controller: true}]},
      spec: {...podSpec(deployment), serviceAccountName: 'default', nodeName: `node-${replica}`}, status: {phase: 'Running'}});
    }
  }
  return objects;
}

/** When the inspect sources last changed: a stale dist/ would time old code. */
function newestSource(): number {
  let newest = 0;
  for (const directory of ['src/configrefs', 'src/kube', 'commands/inspect']) {
    for (const file of readdirSync(join(root, directory))) newest = Math.max(newest, statSync(join(root, directory, file)).mtimeMs);
  }
  return newest;
}

export default async function bench(): Promise<void> {
  const objects = inspectBenchObjects();
  const input = JSON.stringify({apiVersion: 'v1', kind: 'List', items: objects});
  const counts = `${SECRETS} Secrets, ${CONFIGMAPS} ConfigMaps (+ ${NAMESPACES} kube-root-ca.crt), ${PODS} pods, ${DEPLOYMENTS} Deployments and ReplicaSets`;
  process.stdout.write(`fixture: ${counts}; ${(input.length / 1e6).toFixed(1)} MB of JSON\n`);

  const engineRuns: number[] = [];
  const engineCpu: number[] = [];
  let summary = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const source = ManifestSource.fromTexts([{file: '<stdin>', text: input}]);
    const result = traceReferences(source.allObjects(), {});
    engineRuns.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    engineCpu.push((used.user + used.system) / 1000);
    summary = `${result.summary.references} reference rows, ${result.summary.dangling} dangling, ${result.summary.unused} unused`;
  }
  process.stdout.write(`engine (parse + index + trace): median ${formatMs(median(engineRuns))} wall, ${formatMs(median(engineCpu))} CPU (${summary})\n`);
  // The machine is shared: say how busy it was, so a slow figure can be read for what it is.
  const {loadavg} = await import('node:os');
  process.stdout.write(`load average while measuring: ${loadavg().map((value) => value.toFixed(1)).join(' ')}\n`);

  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-inspect-'));
  try {
    const fixture = join(directory, 'cluster.json');
    writeFileSync(fixture, input);
    // The shipped form: the built plugin when dist/ is up to date, else the same bundle made
    // here (scripts/build.ts's settings) so the figure is not that of stale code.
    const built = join(root, 'dist', 'inspect.main.mjs');
    const useBuilt = existsSync(built) && statSync(built).mtimeMs >= newestSource();
    const refsArgs = ['refs', '-A', '-f', fixture, '-o', 'json'];
    let command = process.execPath;
    let args = [join(root, 'dist', 'kubectl-inspect.mjs'), ...refsArgs];
    if (!useBuilt) {
      const entry = join(directory, 'inspect.main.ts');
      writeFileSync(entry, `import plugin from ${JSON.stringify(join(root, 'commands/inspect/index.ts'))};\n` +
        `import {main} from ${JSON.stringify(join(root, 'commands/cli/main.ts'))};\nawait main(plugin);\n`);
      const {build} = await import('esbuild');
      // Split like the shipped build, so client-node loads only for live reads.
      await build({
        entryPoints: [entry], bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node22',
        outdir: join(directory, 'out'), outExtension: {'.js': '.mjs'}, minifyWhitespace: true, minifySyntax: true,
        banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
        define: {KUBESLEUTH_VERSION: '"bench"'}, logLevel: 'warning',
      });
      const bundle = join(directory, 'out', 'inspect.main.mjs');
      command = process.execPath;
      args = [bundle, ...refsArgs];
    }
    const timed = timeCommand(command, args, 3);
    report(timed, useBuilt);
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
}

function report(timed: {medianMs: number; runs: number[]}, useBuilt: boolean): void {
  const verdict = timed.medianMs <= 2000 ? 'within' : 'OVER';
  process.stdout.write(`kubectl inspect refs -A -f cluster.json -o json (${useBuilt ? 'built plugin' : 'bundled here: dist/ is older than the sources'}): median ${formatMs(timed.medianMs)} ` +
    `[${timed.runs.map(formatMs).join(', ')}], ${verdict} the 2 s budget\n`);
}
