// `npm run package`: release archives of standalone executables (Node single-executable
// applications) per plugin and platform, their krew manifests with real sha256 sums, and the
// tree of a custom krew index (plugins/*.yaml) ready to push to its own repository.
//
//   node scripts/package.ts [--plugin NAME]... [--platform linux-amd64]... [--out DIR]

import {build} from 'esbuild';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {Script} from 'node:vm';
import {zipSync} from 'fflate';
import {seaWrapper} from '../commands/cli/sea-asset.ts';
import {buildHelpTable} from './build-help.ts';
import {homepage, pluginManifest, type ManifestPlatform} from './krew-manifest.ts';
import {pluginNames} from './plugins.ts';
import {isHostTarget, releaseTargets, targetName, type ReleaseTarget} from './release-targets.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const nodeVersion = process.versions.node;
// The fuse Node's single-executable support looks for (documented in Node's single-executable-applications page).
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface PackageOptions {
  plugins: string[];
  platforms: string[];
  out: string;
  /** Also write krew-manifests/ in the repository (a full release). */
  writeRepositoryManifests: boolean;
}

export interface PackagedArchive {
  plugin: string;
  target: ReleaseTarget;
  path: string;
  sha256: string;
  bytes: number;
}

export async function packageRelease(options: PackageOptions): Promise<PackagedArchive[]> {
  const work = join(options.out, 'work');
  mkdirSync(work, {recursive: true});
  const targets = releaseTargets.filter((target) => options.platforms.length === 0 || options.platforms.includes(targetName(target)));
  const archives: PackagedArchive[] = [];
  for (const plugin of options.plugins) {
    const definition = (await import(pathToFileURL(join(root, 'commands', plugin, 'index.ts')).href)).default;
    const bundle = await bundleForSea(plugin, work);
    const platforms: ManifestPlatform[] = [];
    for (const target of targets) {
      const executable = buildExecutable(plugin, target, bundle, work);
      const archive = writeArchive(plugin, target, executable, options.out);
      archives.push(archive);
      platforms.push({
        target,
        uri: `${homepage}/releases/download/v${version}/${archiveName(plugin, target)}`,
        sha256: archive.sha256,
        bin: `kubectl-${plugin}${target.executableSuffix}`,
      });
    }
    const manifest = pluginManifest({
      name: plugin,
      version,
      shortDescription: definition.summary,
      description: `${definition.description.trim()}\n\nPart of kubesleuth (${homepage}).\n`,
      platforms,
    });
    mkdirSync(join(options.out, 'krew-index', 'plugins'), {recursive: true});
    writeFileSync(join(options.out, 'krew-index', 'plugins', `${plugin}.yaml`), manifest);
    if (options.writeRepositoryManifests) writeFileSync(join(root, 'krew-manifests', `${plugin}.yaml`), manifest);
  }
  rmSync(work, {recursive: true, force: true});
  return archives;
}

/**
 * Two CommonJS files (SEA cannot start from an ES module): the fast entry with the help table
 * embedded, which is the executable's main script, and the plugin itself, stored as an asset
 * and compiled only when a command runs, so `--help` and Tab never parse it.
 */
async function bundleForSea(plugin: string, work: string): Promise<SeaBundle> {
  const definition = (await import(pathToFileURL(join(root, 'commands', plugin, 'index.ts')).href)).default;
  const table = await buildHelpTable(definition, work, version);
  const entries = join(root, 'build', 'entries');
  mkdirSync(entries, {recursive: true});
  const fastSource = join(entries, `sea-${plugin}.ts`);
  writeFileSync(fastSource, [
    "import {fastEntry} from '../../commands/cli/fast-entry.ts';",
    "import {runSeaAsset} from '../../commands/cli/sea-asset.ts';",
    `const table = ${JSON.stringify(table)};`,
    `void fastEntry(${JSON.stringify(plugin)}, process.argv.slice(2), table as never, async () => runSeaAsset('main.cjs'));`,
    '',
  ].join('\n'));
  const mainSource = join(entries, `sea-${plugin}.main.ts`);
  writeFileSync(mainSource, [
    `import plugin from '../../commands/${plugin}/index.ts';`,
    "import {main} from '../../commands/cli/main.ts';",
    'void main(plugin);',
    '',
  ].join('\n'));
  const common = {
    bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node24',
    define: {KUBESLEUTH_VERSION: JSON.stringify(version), 'import.meta.url': '__kubesleuthFileUrl'},
    banner: {js: "const __kubesleuthFileUrl = require('node:url').pathToFileURL(process.execPath).href;"},
    external: ['typescript'], minifyWhitespace: true, minifySyntax: true, legalComments: 'none' as const, logLevel: 'warning' as const,
  };
  const entry = join(work, `${plugin}.cjs`);
  const main = join(work, `${plugin}.main.cjs`);
  await build({...common, entryPoints: [fastSource], outfile: entry});
  await build({...common, entryPoints: [mainSource], outfile: main});
  return {entry, main};
}

interface SeaBundle {
  entry: string;
  main: string;
}

function buildExecutable(plugin: string, target: ReleaseTarget, bundle: SeaBundle, work: string): string {
  const directory = join(work, `${plugin}-${targetName(target)}`);
  mkdirSync(directory, {recursive: true});
  const blob = join(directory, 'sea.blob');
  const configFile = join(directory, 'sea-config.json');
  // A V8 code cache only helps (and only loads) on the platform it was made on.
  const assets: Record<string, string> = {'main.cjs': bundle.main};
  if (isHostTarget(target)) assets['main.cjs.cache'] = codeCacheFor(bundle.main, directory);
  writeFileSync(configFile, JSON.stringify({main: bundle.entry, output: blob, disableExperimentalSEAWarning: true, useCodeCache: isHostTarget(target), assets}));
  execFileSync(process.execPath, ['--experimental-sea-config', configFile], {stdio: ['ignore', 'ignore', 'inherit']});
  const executable = join(directory, `kubectl-${plugin}${target.executableSuffix}`);
  copyFileSync(nodeBinaryFor(target), executable);
  chmodSync(executable, 0o755);
  // postject warns about ELF note sections it leaves alone; its output matters only on failure.
  execFileSync(process.execPath, [join(root, 'node_modules', 'postject', 'dist', 'cli.js'), executable, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', seaFuse], {stdio: 'pipe'});
  return executable;
}

/**
 * A V8 code cache of the plugin body, compiled by this Node (the one the host executable is
 * built from) exactly as the executable compiles it (commands/cli/sea-asset.ts).
 */
function codeCacheFor(mainBundle: string, directory: string): string {
  const cacheFile = join(directory, 'main.cjs.cache');
  const script = new Script(seaWrapper(readFileSync(mainBundle, 'utf8')), {filename: 'main.cjs'});
  writeFileSync(cacheFile, script.createCachedData());
  return cacheFile;
}

/** The node binary for a platform: this one for the host, else the registry's node-<os>-<arch> package of the same version. */
function nodeBinaryFor(target: ReleaseTarget): string {
  if (isHostTarget(target)) return process.execPath;
  const cache = join(root, 'build', 'node-binaries', `${target.nodePackage}-${nodeVersion}`);
  const binary = join(cache, target.nodeBinary);
  if (!existsSync(binary)) {
    mkdirSync(cache, {recursive: true});
    const tarball = execFileSync('npm', ['pack', `${target.nodePackage}@${nodeVersion}`, '--silent', '--pack-destination', cache], {encoding: 'utf8'}).trim().split('\n').pop()!;
    execFileSync('tar', ['-xzf', join(cache, tarball), '-C', cache]);
    rmSync(join(cache, tarball));
  }
  return binary;
}

function archiveName(plugin: string, target: ReleaseTarget): string {
  return `kubectl-${plugin}_v${version}_${target.os}_${target.arch}.${target.archive}`;
}

function writeArchive(plugin: string, target: ReleaseTarget, executable: string, out: string): PackagedArchive {
  const path = join(out, archiveName(plugin, target));
  const licence = join(root, 'LICENSE');
  if (target.archive === 'zip') {
    const name = `kubectl-${plugin}.exe`;
    writeFileSync(path, zipSync({[name]: readFileSync(executable), LICENSE: readFileSync(licence)}, {level: 9}));
  } else {
    copyFileSync(licence, join(dirname(executable), 'LICENSE'));
    execFileSync('tar', ['-czf', path, '-C', dirname(executable), '--owner=0', '--group=0', `kubectl-${plugin}`, 'LICENSE']);
  }
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return {plugin, target, path, sha256, bytes: statSync(path).size};
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const {values} = parseArgs({options: {plugin: {type: 'string', multiple: true}, platform: {type: 'string', multiple: true}, out: {type: 'string'}}});
  const full = !values.plugin && !values.platform;
  const archives = await packageRelease({
    plugins: values.plugin ?? [...pluginNames],
    platforms: values.platform ?? [],
    out: values.out ?? join(root, 'release'),
    writeRepositoryManifests: full,
  });
  for (const archive of archives) {
    process.stdout.write(`${archive.path}  ${(archive.bytes / 1024 / 1024).toFixed(1)} MiB  sha256 ${archive.sha256}\n`);
  }
}
