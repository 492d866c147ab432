// Renders each command's help with oclif's own Help class, at build time, into the table
// that the fast entry prints from (kubectl's layout: usage lines begin `kubectl <plugin>`).

import {Help} from '@oclif/core';
import {loadOclifConfig} from '../commands/cli/oclif-config.ts';
import type {CommandInfo, FlagInfo, HelpTable} from '../commands/cli/help-table.ts';
import {commandId, type CommandClass, type PluginDefinition} from '../commands/cli/plugin.ts';

/** oclif keeps formatCommand protected; this exposes it for rendering into the table. */
class TableHelp extends Help {
  commandText(command: Parameters<Help['formatCommand']>[0]): string {
    return this.formatCommand(command);
  }
}

export async function buildHelpTable(plugin: PluginDefinition, root: string, version: string): Promise<HelpTable> {
  const config = await loadOclifConfig(root);
  const help = new TableHelp(config, {stripAnsi: true, maxWidth: 100});
  const commands: Record<string, CommandInfo> = {};
  for (const [name, command] of Object.entries(plugin.commands)) {
    const id = commandId(plugin, name);
    const loadable = describeCommand(command, id);
    const text = help.commandText(loadable as never);
    const summary = command.summary ?? firstLine(command.description ?? '');
    commands[name] = {
      summary,
      help: `${summary}\n\n${kubectlLayout(text)}`,
      flags: flagInfos(loadable.flags),
      argumentValues: (command as {argumentValues?: string[][]}).argumentValues,
    };
  }
  return {plugin: plugin.name, single: Boolean(plugin.single), version, root: rootHelp(plugin, commands), commands};
}

function describeCommand(command: CommandClass, id: string) {
  const flags = {...command.baseFlags, ...command.flags} as Record<string, any>;
  const cachedFlags = Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, {...flag, name}]));
  const cachedArgs = Object.fromEntries(Object.entries(command.args ?? {}).map(([name, arg]) => [name, {...(arg as object), name}]));
  return {
    id,
    // The summary opens the help, as kubectl's does; DESCRIPTION then holds the rest only.
    summary: undefined,
    description: reflow(command.description ?? ''),
    examples: command.examples,
    usage: command.usage ?? defaultUsage(id, cachedArgs, cachedFlags),
    aliases: [],
    hidden: false,
    strict: command.strict,
    flags: cachedFlags,
    args: cachedArgs,
    pluginType: 'core',
  };
}

/** kubectl's usage line: the arguments, the required flags, then `[flags]`; the rest is listed below it. */
function defaultUsage(id: string, args: Record<string, any>, flags: Record<string, any>): string {
  const words = [id.replace(/:/g, ' ')];
  for (const arg of Object.values(args)) words.push(arg.required ? arg.name.toUpperCase() : `[${arg.name.toUpperCase()}]`);
  for (const flag of Object.values(flags)) if (flag.required) words.push(`--${flag.name} ${flag.helpValue ?? flag.name.toUpperCase()}`);
  words.push('[flags]');
  return words.join(' ');
}

/**
 * Sources wrap descriptions at their own width; oclif wraps again at the help's. Join the lines of
 * each paragraph first, keeping list items and indented lines as they are.
 */
function reflow(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const previous = lines[lines.length - 1];
    const continues = previous !== undefined && previous.trim() !== '' && line.trim() !== '' && !/^(\s|[-•]\s)/.test(line);
    if (continues) lines[lines.length - 1] = `${previous} ${line}`;
    else lines.push(line);
  }
  return lines.join('\n');
}

function flagInfos(flags: Record<string, any>): FlagInfo[] {
  return Object.values(flags)
    .filter((flag) => !flag.hidden)
    .map((flag) => ({
      name: flag.name,
      char: flag.char,
      takesValue: flag.type === 'option',
      options: flag.options,
      summary: firstLine(flag.summary ?? flag.description ?? ''),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** oclif prints usage as `$ kubectl netpol test`; kubectl prints it without the prompt. */
function kubectlLayout(text: string): string {
  return `${text.replace(/^(\s*)\$ /gm, '$1').trimEnd()}\n`;
}

function rootHelp(plugin: PluginDefinition, commands: Record<string, CommandInfo>): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    plugin.summary.trim(),
    plugin.description.trim(),
    '',
    'Usage:',
    `  kubectl ${plugin.name} COMMAND [flags]`,
    '',
    'Commands:',
    ...names.map((name) => `  ${name.padEnd(width)}   ${commands[name].summary}`),
    '',
    'Every command reads a live cluster (kubeconfig, --context, -n/-A) or, with -f, manifest',
    'files offline. Exit codes: 0 ok, 1 found what it checks for, 2 bad usage or input, 3 cluster unreadable.',
    '',
    `Use "kubectl ${plugin.name} COMMAND --help" for more about a command.`,
  ];
  return `${lines.join('\n')}\n`;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
