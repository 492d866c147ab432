// kubectl (pflag) accepts `--flag=true` and `--flag=false` for every boolean flag; oclif takes
// booleans bare only. Rewrite those forms before oclif parses them.

interface FlagDefinition {
  type?: string;
  char?: string;
}

export function normalizeBooleanFlags(argv: readonly string[], flags: Record<string, FlagDefinition>): string[] {
  const booleans = new Map<string, string>();
  for (const [name, flag] of Object.entries(flags)) {
    if (flag.type !== 'boolean') continue;
    booleans.set(`--${name}`, `--${name}`);
    if (flag.char) booleans.set(`-${flag.char}`, `--${name}`);
  }
  const result: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index];
    if (word === '--') {
      result.push(...argv.slice(index));
      break;
    }
    const match = /^(--?[^=]+)=(.*)$/.exec(word);
    const flag = match ? booleans.get(match[1]) : undefined;
    if (!match || !flag) {
      result.push(word);
      continue;
    }
    const value = match[2].toLowerCase();
    if (value === 'true' || value === '1' || value === 't') result.push(flag);
    else if (value === 'false' || value === '0' || value === 'f') continue;
    else result.push(word); // oclif reports the bad value
  }
  return result;
}
