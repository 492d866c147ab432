// Running the built plugins the way users do: through the real kubectl, with plugins/ on PATH.

import {spawn, spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {existsSync} from 'node:fs';
import {delimiter, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pluginsDirectory = join(root, 'plugins');

export function requireBuild(plugin: string): void {
  if (!existsSync(join(root, 'dist', `kubectl-${plugin}.mjs`))) {
    throw new Error(`dist/kubectl-${plugin}.mjs is missing: run \`npm run build\` (npm test does)`);
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  path?: string;
}

function kubectlEnvironment(options: KubectlOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${options.path ?? pluginsDirectory}${delimiter}${process.env.PATH}`,
    KUBECONFIG: join(root, 'test', 'integration', 'no-cluster.kubeconfig'),
    NO_COLOR: '1',
    ...options.env,
  };
}

/** Runs `kubectl ARGS` with plugins/ first on PATH and no cluster configured. */
export function kubectl(args: string[], options: KubectlOptions = {}): Run {
  return collect(spawnSync('kubectl', args, {cwd: root, env: kubectlEnvironment(options), input: options.input, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28}));
}

/** The same without blocking the event loop: needed when the test cluster runs in this process. */
export function kubectlAsync(args: string[], options: KubectlOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, {cwd: root, env: kubectlEnvironment(options), timeout: 60_000});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({status, stdout, stderr}));
    child.stdin.end(options.input ?? '');
  });
}

function collect(result: SpawnSyncReturns<string>): Run {
  return {status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? ''};
}
