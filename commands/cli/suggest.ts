// "Did you mean" for unknown subcommands, as cobra suggests them for kubectl: names within
// an edit distance of two, or names the typed word is a prefix of.

export function suggestNames(typed: string, names: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  return names
    .map((name) => ({name, distance: editDistance(lower, name)}))
    .filter(({name, distance}) => distance <= 2 || name.startsWith(lower))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .map(({name}) => name);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function unknownCommandMessage(typed: string, plugin: string, names: readonly string[]): string {
  const suggestions = suggestNames(typed, names);
  let message = `error: unknown command "${typed}" for "kubectl ${plugin}"\n`;
  if (suggestions.length > 0) message += `\nDid you mean this?\n${suggestions.map((name) => `\t${name}\n`).join('')}`;
  message += `\nRun 'kubectl ${plugin} --help' for usage.\n`;
  return message;
}
