// The release as krew sees it: manifests that pass krew's rules, and one archive installed
// the way krew installs it (verify sha256, extract, link `bin` as kubectl-<name> into a bin
// directory on PATH) and run through the real kubectl.

import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {validatePluginManifest} from '../../scripts/krew-manifest.ts';
import {packageRelease} from '../../scripts/package.ts';
import {root} from '../integration/helpers.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'kubesleuth-release-'));
});
afterAll(() => rmSync(out, {recursive: true, force: true}));

test.each([
  ['a valid manifest', {}, []],
  ['a name with the kubectl- prefix', {metadata: {name: 'kubectl-netpol'}}, ['invalid plugin name kubectl-netpol', 'file name netpol.yaml does not match the plugin name kubectl-netpol']],
  ['a version without v', {spec: {version: '0.1.0'}}, ['version 0.1.0 is not a v-prefixed semantic version']],
  ['an http uri', {spec: {platforms: [{uri: 'http://x/a.tar.gz'}]}}, ['platforms[0]: uri must be https']],
  ['a short sha256', {spec: {platforms: [{sha256: 'abc'}]}}, ['platforms[0]: sha256 is not 64 lower-case hex digits']],
  ['a windows bin without .exe', {spec: {platforms: [{selector: {matchLabels: {os: 'windows'}}}]}}, ['platforms[0]: a windows bin must end in .exe']],
])('krew rules: %s', (_name, change, problems) => {
  const platform = {selector: {matchLabels: {os: 'linux', arch: 'amd64'}}, uri: 'https://example.com/a.tar.gz', sha256: 'a'.repeat(64), bin: 'kubectl-netpol', files: [{from: 'kubectl-netpol', to: '.'}]};
  const manifest: any = {apiVersion: 'krew.googlecode.com/v1alpha2', kind: 'Plugin', metadata: {name: 'netpol'},
    spec: {version: 'v0.1.0', shortDescription: 'x', platforms: [platform]}};
  const changed = structuredClone(manifest);
  Object.assign(changed.metadata, (change as any).metadata);
  Object.assign(changed.spec, {...(change as any).spec, platforms: manifest.spec.platforms.map((p: object, i: number) => ({...p, ...(change as any).spec?.platforms?.[i]}))});
  expect(validatePluginManifest(changed, 'netpol.yaml')).toEqual(problems);
});

test('the committed krew manifests pass krew\'s rules, one per plugin and platform', () => {
  const files = readdirSync(join(root, 'krew-manifests')).sort();
  expect(files).toEqual(['inspect.yaml', 'monitor.yaml', 'netpol.yaml', 'rbac.yaml', 'tree.yaml']);
  for (const file of files) {
    const manifest = parse(readFileSync(join(root, 'krew-manifests', file), 'utf8'));
    expect(validatePluginManifest(manifest, file)).toEqual([]);
    expect(manifest.spec.platforms.map((p: any) => `${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`)).toEqual(['linux/amd64', 'linux/arm64', 'windows/amd64']);
  }
});

test('a linux amd64 archive installs as krew installs it and runs through kubectl', async () => {
  const [archive] = await packageRelease({plugins: ['netpol'], platforms: ['linux-amd64'], out, writeRepositoryManifests: false});
  const manifest = parse(readFileSync(join(out, 'krew-index', 'plugins', 'netpol.yaml'), 'utf8'));
  expect(validatePluginManifest(manifest, 'netpol.yaml')).toEqual([]);
  const platform = manifest.spec.platforms[0];
  const sha256 = createHash('sha256').update(readFileSync(archive.path)).digest('hex');
  expect(platform.sha256).toBe(sha256);

  const store = join(out, 'store', 'netpol', manifest.spec.version);
  const bin = join(out, 'bin');
  mkdirSync(store, {recursive: true});
  mkdirSync(bin);
  expect(spawnSync('tar', ['-xzf', archive.path, '-C', store]).status).toBe(0);
  symlinkSync(join(store, platform.bin), join(bin, 'kubectl-netpol'));

  const env = {...process.env, PATH: `${bin}:/usr/bin:/bin`, KUBECONFIG: join(root, 'test', 'integration', 'no-cluster.kubeconfig')};
  const help = spawnSync('kubectl', ['netpol', '--help'], {env, encoding: 'utf8'});
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('kubectl netpol COMMAND [flags]');
  const verdict = spawnSync('kubectl', ['netpol', 'test', '--from', 'shop/frontend', '--to', 'shop/database', '--port', '5432', '-o', 'json',
    '-f', join(root, 'examples', 'netpol-tutorial')], {env, encoding: 'utf8'});
  expect(verdict.status).toBe(1);
  expect(JSON.parse(verdict.stdout).results[0].allowed).toBe(false);
}, 180_000);
