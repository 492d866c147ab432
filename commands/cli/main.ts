// The bundled body of a plugin: runs the command and exits with its code.

import type {PluginDefinition} from './plugin.ts';
import {runPlugin} from './run-plugin.ts';

export async function main(plugin: PluginDefinition): Promise<never> {
  // `| head` closes the pipe early: that is the reader's choice, not an error to report.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
  const code = await runPlugin(plugin, process.argv.slice(2));
  // A full pipe queues writes; exiting before they drain would cut the output short.
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
}

function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}
