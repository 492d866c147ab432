// Runs `kubectl monitor` in this process through the plugin's own entry (runPlugin), capturing
// what it writes and the exit code it would exit with: the command as a user runs it, minus
// the build and a Node start per case (the tests stay fast).

import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runPlugin} from '../../commands/cli/run-plugin.ts';
import plugin from '../../commands/monitor/index.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** One at a time: the run owns process.stdout, stderr, exitCode and the working directory. */
export function runMonitor(args: string[]): Promise<RunResult> {
  const next = queue.then(() => runOnce(args));
  queue = next.catch(() => undefined);
  return next;
}

async function runOnce(args: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const cwd = process.cwd();
  const noColor = process.env.NO_COLOR;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  process.env.NO_COLOR = '1';
  process.chdir(root);
  try {
    const code = await runPlugin(plugin, args, join(root, 'commands', 'cli'));
    return {code, stdout, stderr};
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    if (noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = noColor;
    process.chdir(cwd);
  }
}
