// "Did you mean" for unknown subcommands, as cobra suggests them for kubectl: names within
// an edit distance of two, or names the typed word is a prefix of.

import {editDistance} from '../../src/output/edit-distance.ts';

export function suggestNames(typed: string, names: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  return names
    .map((name) => ({name, distance: editDistance(lower, name)}))
    .filter(({name, distance}) => distance <= 2 || name.startsWith(lower))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .map(({name}) => name);
}

export function unknownCommandMessage(typed: string, plugin: string, names: readonly string[]): string {
  const suggestions = suggestNames(typed, names);
  let message = `error: unknown command "${typed}" for "kubectl ${plugin}"\n`;
  if (suggestions.length > 0) message += `\nDid you mean this?\n${suggestions.map((name) => `\t${name}\n`).join('')}`;
  message += `\nRun 'kubectl ${plugin} --help' for usage.\n`;
  return message;
}
