// `npm run test-cluster -- --connectivity FILE`: the test cluster as a process, with a simulated
// network that does not enforce policies, probed by the plugin; SIGTERM ends it.

import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {kubectlAsync, requireBuild, root} from '../integration/helpers.ts';
import {tutorial, waitFor} from './helpers.ts';

beforeAll(() => requireBuild('netpol'));

test('--connectivity FILE: pods, ephemeral containers and exec answer from the file', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'netpol-probe-cli-'));
  const kubeconfig = join(directory, 'kubeconfig');
  const connectivity = join(root, 'test', 'netpol-probe', 'fixtures', 'no-enforcement.yaml');
  const server = spawn(process.execPath, [join(root, 'test', 'cluster', 'main.ts'), '--manifests', tutorial, '--kubeconfig-out', kubeconfig, '--connectivity', connectivity], {cwd: root, stdio: 'ignore'});
  try {
    await waitFor(() => existsSync(kubeconfig));
    const run = await kubectlAsync(['netpol', 'test', '--from', 'shop/frontend', '--to', 'shop/database', '--port', '5432', '--probe'], {env: {KUBECONFIG: kubeconfig}});
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the network plugin does not enforce NetworkPolicies');
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(directory, {recursive: true, force: true});
  }
});

test('a bad connectivity file: the test cluster refuses to start, exit 2', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'netpol-probe-cli-'));
  const connectivity = join(directory, 'connectivity.yaml');
  writeFileSync(connectivity, 'default: maybe\n');
  const server = spawn(process.execPath, [join(root, 'test', 'cluster', 'main.ts'), '--kubeconfig-out', join(directory, 'kc'), '--connectivity', connectivity], {cwd: root, stdio: ['ignore', 'ignore', 'pipe']});
  let stderr = '';
  server.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const code = await new Promise((resolve) => server.once('exit', resolve));
  rmSync(directory, {recursive: true, force: true});
  expect(code).toBe(2);
  expect(stderr).toContain('default must be allow, deny or policies, not maybe');
});
