// The first code a plugin runs. It answers --help, unknown subcommands and
// --install-completion from the build-time help table, checks the Node version, and only
// then loads the bundled command (oclif and friends). Plain JavaScript semantics so that an
// old Node can still print why it is too old.

import {readFileSync} from 'node:fs';
import {complete, completesNamespace} from './complete.ts';
import {installCompletion} from './install-completion.ts';
import type {HelpTable} from './help-table.ts';
import {unknownCommandMessage} from './suggest.ts';

const minimumNode = [22, 19];

/** `help` is the table itself (single executables embed it) or the URL of its JSON file beside the bundle. */
export async function fastEntry(plugin: string, argv: string[], help: URL | HelpTable, loadMain: () => Promise<unknown>,
  loadNamespaces?: (words: string[]) => Promise<string[]>): Promise<void> {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < minimumNode[0] || (major === minimumNode[0] && minor < minimumNode[1])) {
    process.stderr.write(`error: kubectl-${plugin} needs Node.js ${minimumNode.join('.')} or newer, and this is ${process.versions.node}\n` +
      'hint: install a current Node.js (https://nodejs.org) or use the standalone release archive\n');
    process.exit(2);
  }
  const table = help instanceof URL ? JSON.parse(readFileSync(help, 'utf8')) as HelpTable : help;
  if (argv[0] === '__complete') {
    const words = argv.slice(1);
    const namespaces = completesNamespace(words) && loadNamespaces ? await loadNamespaces(words) : undefined;
    process.stdout.write(complete(table, words, {namespaces}));
    process.exit(0);
  }
  const words = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  const names = Object.keys(table.commands);
  const subcommand = table.single ? names[0] : words.find((word) => !word.startsWith('-'));

  if (words.includes('--install-completion')) {
    process.exit(installCompletion(plugin, process.argv[1]));
  }
  const wantsHelp = words.includes('--help') || words.includes('-h');
  if (!table.single && (words.length === 0 || (wantsHelp && subcommand === undefined))) {
    process.stdout.write(table.root);
    process.exit(0);
  }
  if (!table.single && subcommand === 'help') {
    const topic = words.filter((word) => !word.startsWith('-'))[1];
    process.stdout.write(topic && table.commands[topic] ? table.commands[topic].help : table.root);
    process.exit(0);
  }
  if (!table.single && subcommand !== undefined && !table.commands[subcommand]) {
    process.stderr.write(unknownCommandMessage(subcommand, plugin, names));
    process.exit(2);
  }
  if (wantsHelp || (table.single && words.length === 0)) {
    process.stdout.write(table.commands[subcommand!].help);
    process.exit(0);
  }
  if (words.includes('--version') && subcommand === undefined) {
    process.stdout.write(`kubectl-${plugin} ${table.version}\n`);
    process.exit(0);
  }
  await loadMain();
}
