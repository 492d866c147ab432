// Shared by the test-cluster tests: a cluster over the fixtures with its kubeconfig in a temporary
// directory, and the machine's real kubectl pointed at it.

import {execFile, spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {TestCluster, TestClusterOptions} from '../cluster/server.ts';
import {startTestCluster} from '../cluster/server.ts';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const kubectlPath = '/usr/bin/kubectl';

export interface Harness {
  cluster: TestCluster;
  directory: string;
  kubeconfigPath: string;
  kubectl(args: string[], options?: {allowFailure?: boolean}): Promise<KubectlResult>;
  spawnKubectl(args: string[]): ChildProcess;
  /** Authorization header value for direct HTTP calls. */
  auth: {authorization: string};
  stop(): Promise<void>;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function startHarness(options: TestClusterOptions = {}): Promise<Harness> {
  const directory = await mkdtemp(join(tmpdir(), 'cluster-e2e-'));
  const kubeconfigPath = join(directory, 'kubeconfig');
  const cluster = await startTestCluster({manifests: fixtures, kubeconfigPath, ...options});
  // a fresh discovery cache per harness, and no plugins or user config from the machine
  const environment = {...process.env, KUBECONFIG: kubeconfigPath, HOME: directory, KUBECACHEDIR: join(directory, 'cache')};
  const cacheArgs = ['--cache-dir', join(directory, 'cache')];
  return {
    cluster,
    directory,
    kubeconfigPath,
    auth: {authorization: `Bearer ${cluster.token}`},
    kubectl: (args, {allowFailure = false} = {}) =>
      new Promise((resolve, reject) => {
        execFile(kubectlPath, [...args, ...cacheArgs], {env: environment, timeout: 20_000}, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          if (error && !allowFailure) reject(new Error(`kubectl ${args.join(' ')} failed (${code}): ${stderr}`));
          else resolve({stdout, stderr, code});
        });
      }),
    spawnKubectl: (args) => spawn(kubectlPath, [...args, ...cacheArgs], {env: environment, stdio: ['ignore', 'pipe', 'pipe']}),
    stop: async () => {
      await cluster.close();
      await rm(directory, {recursive: true, force: true});
    },
  };
}

/** Collects a child's stdout from the start; `waitFor` resolves once the whole text satisfies a predicate. */
export function collectOutput(child: ChildProcess): {text(): string; waitFor(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>} {
  let text = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const check of [...waiters]) check();
  });
  return {
    text: () => text,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for output; got:\n${text}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(text)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(text);
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Polls until `predicate` is true. */
export async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Column values of a kubectl table, as rows of whitespace-split cells (header first). */
export function tableRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}
