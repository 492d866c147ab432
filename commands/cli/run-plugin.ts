// Runs one plugin's command through oclif and maps the outcome to an exit code.

import {dirname} from 'node:path';
import {normalizeBooleanFlags} from './boolean-flags.ts';
import {handleError} from './handle-error.ts';
import {loadOclifConfig} from './oclif-config.ts';
import {commandId, type PluginDefinition} from './plugin.ts';
import {unknownCommandMessage} from './suggest.ts';

// oclif wants a root directory; the bundle's own (or the single executable's) serves.
export async function runPlugin(plugin: PluginDefinition, argv: string[], root = dirname(process.argv[1] ?? process.execPath)): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const names = Object.keys(plugin.commands);
    const name = plugin.single ? names[0] : argv[0];
    if (!name || name.startsWith('-')) {
      process.stderr.write(`error: a command is required\n\nRun 'kubectl ${plugin.name} --help' for usage.\n`);
      return 2;
    }
    const command = plugin.commands[name];
    if (!command) {
      process.stderr.write(unknownCommandMessage(name, plugin.name, names));
      return 2;
    }
    command.id = commandId(plugin, name);
    // oclif would read a missing positional argument from stdin, which is where `-f -` manifests
    // (and so Secret values) arrive: arguments come from the command line only.
    for (const arg of Object.values(command.args ?? {})) (arg as {ignoreStdin?: boolean}).ignoreStdin = true;
    const config = await loadOclifConfig(root);
    const commandArgv = normalizeBooleanFlags(plugin.single ? argv : argv.slice(1), {...command.baseFlags, ...command.flags});
    await command.run(commandArgv, config);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return handleError(error, debug);
  }
}
