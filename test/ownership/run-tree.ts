// Runs `kubectl tree` in this process through the plugin's entry (runPlugin), capturing stdout,
// stderr and the exit code: the command as a user runs it, without a Node start per case.

import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runPlugin} from '../../commands/cli/run-plugin.ts';
import plugin from '../../commands/tree/index.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TreeRun {
  code: number;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs are serialized: each one owns process.stdout, stderr and exitCode while it runs. */
export function runTree(args: string[], env: Record<string, string> = {}): Promise<TreeRun> {
  const next = queue.then(() => runOnce(args, env));
  queue = next.catch(() => undefined);
  return next;
}

async function runOnce(args: string[], env: Record<string, string>): Promise<TreeRun> {
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const saved = Object.fromEntries(['NO_COLOR', 'FORCE_COLOR', ...Object.keys(env)].map((name) => [name, process.env[name]]));
  // Like a stream, the callback (last argument) runs once the chunk is written.
  const capture = (append: (text: string) => void) => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    append(chunk.toString());
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  process.exitCode = undefined;
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
  Object.assign(process.env, env);
  try {
    const code = await runPlugin(plugin, args, join(root, 'commands', 'cli'));
    return {code, stdout, stderr};
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
