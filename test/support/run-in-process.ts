// Runs a plugin in this process through its own entry (runPlugin), capturing what it writes
// and the exit code it would exit with: the command as a user runs it, minus the build and a
// Node start per case, so the tests stay fast.

import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runPlugin} from '../../commands/cli/run-plugin.ts';
import type {PluginDefinition} from '../../commands/cli/plugin.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one at a time: each run owns process.stdout, stderr, exitCode, the environment and the working directory. */
export function runInProcess(plugin: PluginDefinition, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const next = queue.then(() => runOnce(plugin, args, env));
  queue = next.catch(() => undefined);
  return next;
}

async function runOnce(plugin: PluginDefinition, args: string[], env: Record<string, string>): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const cwd = process.cwd();
  const saved = Object.fromEntries(['NO_COLOR', 'FORCE_COLOR', ...Object.keys(env)].map((name) => [name, process.env[name]]));
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
  Object.assign(process.env, env);
  process.chdir(root);
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
    process.chdir(cwd);
  }
}
