// A test cluster in this process with the examples' tutorial and a simulated network
// (--connectivity), and the built plugin run against it through the real kubectl.

import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {KubeObject} from '../../src/cluster/types.ts';
import {readConnectivity} from '../cluster/handlers/connectivity.ts';
import type {ExecRecord} from '../cluster/handlers/exec.ts';
import {probeRoutes} from '../cluster/handlers/probe-pods.ts';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {kubectlAsync, root, type Run} from '../integration/helpers.ts';

export const tutorial = join(root, 'examples', 'netpol-tutorial');

export interface ProbeCluster {
  cluster: TestCluster;
  kubeconfigPath: string;
  execLog: ExecRecord[];
  /** `kubectl netpol ARGS` against this cluster. */
  netpol(args: string[]): Promise<Run>;
  pods(): readonly KubeObject[];
  close(): Promise<void>;
}

/** The tutorial by default; `objects` instead for another model. */
export async function startProbeCluster(connectivity: Record<string, unknown>, state: {objects?: KubeObject[]; tls?: boolean} = {}): Promise<ProbeCluster> {
  const directory = mkdtempSync(join(tmpdir(), 'netpol-probe-'));
  const kubeconfigPath = join(directory, 'kubeconfig');
  const execLog: ExecRecord[] = [];
  const cluster = await startTestCluster({
    ...(state.objects ? {objects: state.objects} : {manifests: tutorial}),
    kubeconfigPath, routes: probeRoutes(readConnectivity(connectivity), execLog), tls: state.tls,
  });
  const podType = cluster.catalogue.kind('', 'Pod')!;
  return {
    cluster, kubeconfigPath, execLog,
    netpol: (args) => kubectlAsync(['netpol', ...args], {env: {KUBECONFIG: kubeconfigPath}}),
    pods: () => cluster.store.list(podType),
    close: async () => {
      await cluster.close();
      rmSync(directory, {recursive: true, force: true});
    },
  };
}

/** Probe pods left, and ephemeral probe containers not stopped: both must be empty after a run. */
export function leftovers(pods: readonly KubeObject[]): string[] {
  const left: string[] = [];
  for (const pod of pods) {
    const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (pod.metadata.name.startsWith('netpol-probe-')) left.push(`pod ${id}`);
    for (const status of (pod.status?.ephemeralContainerStatuses ?? []) as {name: string; state?: {terminated?: object}}[]) {
      if (status.name.startsWith('netpol-probe-') && !status.state?.terminated) left.push(`ephemeral container ${status.name} in ${id}`);
    }
  }
  return left;
}

/** The plugin itself (not through kubectl), so that a signal reaches it directly. */
export function spawnPlugin(args: string[], kubeconfigPath: string) {
  const child = spawn(join(root, 'plugins', 'kubectl-netpol'), args, {cwd: root, env: {...process.env, KUBECONFIG: kubeconfigPath, NO_COLOR: '1'}});
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const done = new Promise<Run>((resolve) => child.on('close', (status) => resolve({status, stdout, stderr})));
  return {child, done, stderr: () => stderr};
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
