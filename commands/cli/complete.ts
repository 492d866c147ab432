// Answers kubectl's plugin completion: kubectl runs `kubectl_complete-<plugin> ARGS... PARTIAL`
// and reads cobra's format, one candidate per line (`value\tdescription`) and a final
// `:DIRECTIVE` line.

import type {CommandInfo, HelpTable} from './help-table.ts';

// cobra's ShellCompDirective values.
const directiveDefault = 0;
const directiveNoFileCompletion = 4;

const outputFormats = ['text', 'wide', 'json', 'yaml', 'jsonpath='];

/** Values found at completion time (a server call): namespace names for -n. */
export interface DynamicValues {
  namespaces?: readonly string[];
}

/** Whether the word being completed is the value of -n/--namespace (worth asking the cluster). */
export function completesNamespace(words: string[]): boolean {
  const previous = words[words.length - 2];
  return previous === '-n' || previous === '--namespace';
}

export function complete(table: HelpTable, words: string[], dynamic: DynamicValues = {}): string {
  const partial = words.length > 0 ? words[words.length - 1] : '';
  const before = words.slice(0, -1);
  const names = Object.keys(table.commands);
  const subcommandGuess = table.single ? names[0] : before.find((word) => !word.startsWith('-'));
  const positional = positionalWords(before, table.commands[subcommandGuess ?? '']?.flags ?? []);
  const subcommand = table.single ? names[0] : positional[0];
  const lines: string[] = [];
  let directive = directiveNoFileCompletion;

  if (!table.single && positional.length === 0 && !partial.startsWith('-')) {
    for (const name of names) if (name.startsWith(partial)) lines.push(`${name}\t${table.commands[name].summary}`);
    return finish(lines, directive);
  }
  const command = subcommand ? table.commands[subcommand] : undefined;
  if (!command) return finish(lines, directive);

  const previous = before[before.length - 1];
  const previousFlag = previous?.startsWith('-') ? command.flags.find((flag) => previous === `--${flag.name}` || previous === `-${flag.char}`) : undefined;
  if (previousFlag?.takesValue) {
    const values = previousFlag.name === 'output' ? outputFormats : previousFlag.name === 'namespace' ? dynamic.namespaces : previousFlag.options;
    if (values) for (const value of values) if (value.startsWith(partial)) lines.push(value);
    // Files and paths complete as the shell would.
    if (['filename', 'kubeconfig', 'config', 'labels', 'rules', 'cases'].includes(previousFlag.name)) directive = directiveDefault;
    return finish(lines, directive);
  }
  if (partial.startsWith('-')) {
    for (const flag of command.flags) {
      const long = `--${flag.name}`;
      if (long.startsWith(partial)) lines.push(`${long}\t${flag.summary}`);
    }
    return finish(lines, directive);
  }
  const argumentIndex = positional.length - (table.single ? 0 : 1);
  const values = command.argumentValues?.[argumentIndex];
  if (values) for (const value of values) if (value.startsWith(partial)) lines.push(value);
  return finish(lines, directive);
}

/** The words that are arguments, not flags or the values of flags that take one. */
function positionalWords(words: string[], flags: CommandInfo['flags']): string[] {
  const positional: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    if (!word.startsWith('-')) {
      positional.push(word);
      continue;
    }
    if (word.includes('=')) continue;
    const flag = flags.find((candidate) => word === `--${candidate.name}` || word === `-${candidate.char}`);
    if (flag?.takesValue) index++;
  }
  return positional;
}

function finish(lines: string[], directive: number): string {
  return `${lines.join('\n')}${lines.length ? '\n' : ''}:${directive}\n`;
}
