// The bundled body of a plugin: runs the command and exits with its code.

import type {PluginDefinition} from './plugin.ts';
import {runPlugin} from './run-plugin.ts';

export async function main(plugin: PluginDefinition): Promise<never> {
  const code = await runPlugin(plugin, process.argv.slice(2));
  process.exit(code);
}
