// The CLI (test/cluster/main.ts) as a child process: the kubeconfig appears only once the server
// answers, SIGTERM and SIGINT end it cleanly (and remove the kubeconfig), bad flags exit 2.

import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from '@jest/globals';
import {load} from 'js-yaml';
import {fixtures} from './helpers.ts';

const mainPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'cluster', 'main.ts');

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cluster-cli-'));
});
afterEach(async () => {
  await rm(directory, {recursive: true, force: true});
});

function startCli(args: string[]) {
  const child = spawn(process.execPath, [mainPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) =>
    child.once('exit', (code, signal) => resolve({code, signal})),
  );
  return {child, exited, stderr: () => stderr};
}

interface Kubeconfig {
  clusters: {cluster: {server: string; 'certificate-authority-data'?: string}}[];
  users: {user: {token: string}}[];
}

/** Polls for the file; the moment it exists, the server it names must already answer. */
async function firstAnswer(path: string, timeoutMs = 15_000): Promise<{config: Kubeconfig; status: number; elapsedMs: number}> {
  const started = Date.now();
  while (!existsSync(path)) {
    if (Date.now() - started > timeoutMs) throw new Error('kubeconfig never appeared');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const elapsedMs = Date.now() - started;
  const config = load(readFileSync(path, 'utf8')) as Kubeconfig;
  const {server} = config.clusters[0].cluster;
  const response = await fetch(`${server}/api/v1/namespaces/team-a/pods`, {headers: {authorization: `Bearer ${config.users[0].user.token}`}});
  return {config, status: response.status, elapsedMs};
}

describe('test-cluster CLI', () => {
  test.each([
    {name: 'SIGTERM', signal: 'SIGTERM' as const},
    {name: 'SIGINT', signal: 'SIGINT' as const},
  ])('writes the kubeconfig once ready and exits 0 on $name', async ({signal}) => {
    const kubeconfig = join(directory, 'kubeconfig');
    const cli = startCli(['--manifests', fixtures, '--kubeconfig-out', kubeconfig]);
    try {
      const {config, status, elapsedMs} = await firstAnswer(kubeconfig);
      expect(status).toBe(200);
      expect(config.clusters[0].cluster.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // generous bound for a loaded machine; typically 0.2 to 0.4 s
      expect(elapsedMs).toBeLessThan(5000);
    } finally {
      cli.child.kill(signal);
    }
    expect(await cli.exited).toEqual({code: 0, signal: null});
    expect(existsSync(kubeconfig)).toBe(false);
  });

  test('--tls --port --forbid --latency', async () => {
    const kubeconfig = join(directory, 'kubeconfig');
    const cli = startCli(['--manifests', fixtures, '--kubeconfig-out', kubeconfig, '--tls', '--port', '0', '--forbid', 'secrets,configmaps', '--latency', '10']);
    try {
      const started = Date.now();
      while (!existsSync(kubeconfig)) {
        if (Date.now() - started > 15_000) throw new Error(`kubeconfig never appeared: ${cli.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const config = load(readFileSync(kubeconfig, 'utf8')) as Kubeconfig;
      expect(config.clusters[0].cluster.server).toMatch(/^https:/);
      expect(Buffer.from(config.clusters[0].cluster['certificate-authority-data']!, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect((await cli.exited).code).toBe(0);
  });

  test.each([
    {name: 'missing --kubeconfig-out', args: ['--manifests', fixtures], message: '--kubeconfig-out is required'},
    {name: 'unknown flag', args: ['--kubeconfig-out', 'x', '--bogus'], message: "Unknown option '--bogus'"},
    {name: 'bad port', args: ['--kubeconfig-out', 'x', '--port', 'http'], message: '--port must be a port number'},
    {name: 'missing manifests', args: ['--kubeconfig-out', 'x', '--manifests', '/nonexistent/dir'], message: '/nonexistent/dir: no such file or directory'},
  ])('exits 2 on $name', async ({args, message}) => {
    const cli = startCli(args);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toContain(message);
  });
});
