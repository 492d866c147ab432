// The plugins as kubectl finds and runs them (plugin discovery), with kubectl's completion
// calling the companions.

import {mkdtempSync, symlinkSync, existsSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {spawn, spawnSync} from 'node:child_process';
import {pluginNames} from '../../scripts/plugins.ts';
import {startTestCluster} from '../cluster/server.ts';
import {kubectl, kubectlAsync, requireBuild, root} from './helpers.ts';

beforeAll(() => pluginNames.forEach(requireBuild));

test('kubectl plugin list finds all five plugins', () => {
  const result = kubectl(['plugin', 'list']);
  for (const name of pluginNames) expect(result.stdout).toContain(join(root, 'plugins', `kubectl-${name}`));
});

test.each(pluginNames.filter((name) => name !== 'tree'))('kubectl %s --help lists its subcommands', (name) => {
  const result = kubectl([name, '--help']);
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`kubectl ${name} COMMAND [flags]`);
});

test('kubectl netpol test --help prints usage lines beginning `kubectl netpol test`, with examples', () => {
  const result = kubectl(['netpol', 'test', '--help']);
  expect(result.status).toBe(0);
  const usage = result.stdout.split('\n').slice(result.stdout.split('\n').indexOf('USAGE') + 1).filter((line) => /^ {2}\S/.test(line));
  expect(usage[0].trim()).toMatch(/^kubectl netpol test /);
  expect(result.stdout).toMatch(/EXAMPLES\n {2}kubectl netpol test /);
});

test('kubectl tree --help reads as a single command', () => {
  const result = kubectl(['tree', '--help']);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/USAGE\n {2}kubectl tree /);
});

test('an unknown subcommand suggests the closest one and exits 2', () => {
  const result = kubectl(['netpol', 'matirx']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Did you mean this?\n\tmatrix');
});

test('an unknown flag is a usage error (exit 2) without a stack trace', () => {
  const result = kubectl(['rbac', 'who-can', 'get', 'pods', '--no-such-flag', '-f', 'examples/prometheus']);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^error: .*no-such-flag/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test('kubectl completes subcommands and flags through the companions', () => {
  const subcommands = kubectl(['__complete', 'netpol', 'ma']);
  expect(subcommands.stdout).toMatch(/^matrix\t/m);
  const flags = kubectl(['__complete', 'rbac', 'can-i', '--as-g']);
  expect(flags.stdout).toMatch(/^--as-group/m);
  const kinds = kubectl(['__complete', 'tree', '-n', 'shop', 'stateful']);
  expect(kinds.stdout).toMatch(/^statefulset$/m);
});

test('--install-completion writes the companion beside the plugin kubectl runs', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-krew-bin-'));
  try {
    // As krew installs it: a link to the plugin in a bin directory on PATH, no companion.
    symlinkSync(join(root, 'plugins', 'kubectl-monitor'), join(directory, 'kubectl-monitor'));
    const env = {PATH: `${directory}:${process.env.PATH}`};
    const install = spawnSync('kubectl', ['monitor', '--install-completion'], {env: {...process.env, ...env}, encoding: 'utf8'});
    expect(install.status).toBe(0);
    expect(existsSync(join(directory, 'kubectl_complete-monitor'))).toBe(true);
    const completion = spawnSync('kubectl', ['__complete', 'monitor', 're'], {env: {...process.env, ...env}, encoding: 'utf8'});
    expect(completion.stdout).toMatch(/^relabel\t/m);
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
});

test('under a Node older than 22.19 the plugin says so and exits 2 instead of crashing', () => {
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) &&
    Number(spawnSync(path, ['-p', 'process.versions.node.split(".")[0]'], {encoding: 'utf8'}).stdout.trim()) < 22);
  if (!oldNode) return; // only machines that still carry an old Node can show this
  const result = spawnSync(oldNode, [join(root, 'dist', 'kubectl-netpol.mjs'), 'matrix'], {encoding: 'utf8'});
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/needs Node\.js 22\.19 or newer/);
});

test('large output through a pipe arrives whole, even when the reader is slow', async () => {
  const pods = Array.from({length: 300}, (_, index) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: `p${index}`, namespace: 'big', labels: {app: `a${index % 7}`}},
    spec: {containers: [{name: 'c', image: 'i', ports: [{containerPort: 80}]}]}, status: {podIP: `10.1.${index >> 8}.${index & 255}`}}));
  const child = spawn(join(root, 'plugins', 'kubectl-netpol'), ['matrix', '-n', 'big', '--port', '80', '-o', 'json', '-f', '-'], {cwd: root});
  child.stdin.end(JSON.stringify({apiVersion: 'v1', kind: 'List', items: pods}));
  // Leave the pipe full for a while: the plugin's writes queue up behind it.
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.resume();
  const status = await new Promise((resolve) => child.on('close', resolve));
  expect(status).toBe(0);
  expect(JSON.parse(Buffer.concat(chunks).toString('utf8')).entries).toHaveLength(300 * 300);
});

test('-f takes one path per use (or a comma-separated list) and leaves later arguments alone', () => {
  const result = kubectl(['tree', '-f', 'examples/consumers,examples/prometheus', 'ds', 'node-exporter', '-n', 'monitoring', '-o', 'jsonpath={.children[*].name}']);
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('node-exporter-7xk2p node-exporter-q9w4m');
});

test('a reader that stops early (| head) is no error', async () => {
  const child = spawn(join(root, 'plugins', 'kubectl-netpol'), ['matrix', '-A', '-o', 'json', '-f', join(root, 'examples', 'netpol-tutorial')], {cwd: root});
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(status).toBe(0);
});

describe('namespace names complete -n', () => {
  test('from the -f manifests, offline', () => {
    const result = kubectl(['__complete', 'netpol', 'matrix', '-f', 'examples/netpol-tutorial', '-n', 'mo']);
    expect(result.stdout).toBe('monitoring\n:4\n');
  });

  test('from the cluster the kubeconfig names', async () => {
    const cluster = await startTestCluster({manifests: join(root, 'examples', 'prometheus')});
    const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-complete-'));
    try {
      writeFileSync(join(directory, 'kubeconfig'), cluster.kubeconfig);
      const result = await kubectlAsync(['__complete', 'rbac', 'lint', '-n', ''], {env: {KUBECONFIG: join(directory, 'kubeconfig')}});
      expect(result.stdout.split('\n')).toEqual(expect.arrayContaining(['apps', 'default', 'monitoring', ':4']));
    } finally {
      await cluster.close();
      rmSync(directory, {recursive: true, force: true});
    }
  });

  test('an unreachable cluster completes nothing, quietly', () => {
    const result = kubectl(['__complete', 'rbac', 'lint', '-n', '']);
    expect(result.stdout).toBe(':4\n');
  });
});
