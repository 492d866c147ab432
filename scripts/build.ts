// Builds the shipped plugins into dist/: for each plugin a tiny fast entry
// (kubectl-<plugin>.mjs: help, completion, Node check), its bundled body (<plugin>.main.mjs,
// code-split so client-node loads only for live reads) and its help table (<plugin>.help.json).

import {build} from 'esbuild';
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {buildHelpTable} from './build-help.ts';
import {pluginNames} from './plugins.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entries = join(root, 'build', 'entries');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;

// CommonJS dependencies (oclif) call require() for Node's built-ins; ES module bundles need one.
const requireShim = "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);";

export async function buildPlugins(): Promise<string[]> {
  const present = pluginNames.filter((name) => existsSync(join(root, 'commands', name, 'index.ts')));
  // Built beside dist/ and swapped in at the end, so plugins running meanwhile keep a whole tree.
  const staging = `${dist}.building-${process.pid}`;
  rmSync(staging, {recursive: true, force: true});
  mkdirSync(staging, {recursive: true});
  mkdirSync(entries, {recursive: true});

  const mainEntries: string[] = [];
  const fastEntries: string[] = [];
  for (const name of present) {
    const main = join(entries, `${name}.main.ts`);
    writeFileSync(main, `import plugin from '../../commands/${name}/index.ts';\nimport {main} from '../../commands/cli/main.ts';\nawait main(plugin);\n`);
    mainEntries.push(main);
    const fast = join(entries, `kubectl-${name}.ts`);
    writeFileSync(fast, [
      "import * as nodeModule from 'node:module';",
      "import {fastEntry} from '../../commands/cli/fast-entry.ts';",
      `await fastEntry(${JSON.stringify(name)}, process.argv.slice(2), new URL('./${name}.help.json', import.meta.url), async () => {`,
      '  // Node 22.1+ caches compiled bytecode of the bundle between runs.',
      '  (nodeModule as {enableCompileCache?: () => unknown}).enableCompileCache?.();',
      `  await import('./${name}.main.mjs');`,
      "}, async (words) => (await import('./complete-namespaces.mjs')).namespaceNames(words));",
      '',
    ].join('\n'));
    fastEntries.push(fast);
  }
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node22',
    outdir: staging,
    outExtension: {'.js': '.mjs'},
    define: {KUBESLEUTH_VERSION: JSON.stringify(version)},
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  // oclif can load TypeScript plugins in development through the typescript package; the
  // plugins never do, and bundling it would add 7 MB to parse on every run.
  const mainOutputs = Object.fromEntries(mainEntries.map((entry) => [basename(entry, '.ts'), entry]));
  mainOutputs['complete-namespaces'] = join(root, 'commands', 'cli', 'complete-namespaces.ts');
  await build({...common, entryPoints: mainOutputs, external: ['typescript'], splitting: true, chunkNames: 'chunks/[name]-[hash]', banner: {js: requireShim}, minifyWhitespace: true, minifySyntax: true});
  await build({...common, entryPoints: fastEntries, external: ['./*.main.mjs', './complete-namespaces.mjs']});

  for (const name of present) {
    const module = await import(pathToFileURL(join(root, 'commands', name, 'index.ts')).href);
    const table = await buildHelpTable(module.default, staging, version);
    writeFileSync(join(staging, `${name}.help.json`), JSON.stringify(table));
  }
  const previous = `${dist}.previous-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, previous);
  renameSync(staging, dist);
  rmSync(previous, {recursive: true, force: true});
  return present;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildPlugins();
  process.stdout.write(`built ${built.map((name) => `kubectl-${name}`).join(', ')} into dist/\n`);
}
