// The real Prometheus (Debian's 2.42) as a differential oracle: found on PATH (required in CI),
// started on a free loopback port with a given config, and polled on /api/v1/targets.

import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {join} from 'node:path';
import type {Labels} from '../../src/prometheus/labels.ts';

/** Whether a binary answers `--version`; in CI its absence is an error, not a skip. */
export function requireBinary(name: string, install: string): boolean {
  const present = spawnSync(name, ['--version'], {stdio: 'ignore'}).status === 0;
  if (!present && process.env.CI) throw new Error(`${name} is required in CI (${install})`);
  if (!present) console.warn(`skipping tests that need ${name}: not on PATH (${install})`);
  return present;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The `data` of /api/v1/targets?state=any, as far as the tests read it. */
export interface ApiTargets {
  activeTargets: Array<{scrapePool: string; scrapeUrl: string; labels: Labels; discoveredLabels: Labels}>;
  droppedTargets: Array<{discoveredLabels: Labels}>;
}

export interface RunningPrometheus {
  port: number;
  /** What it logged on stderr so far. */
  log(): string;
  /**
   * Polls the targets every `intervalMs` until `enough(data)` says so or `timeoutMs` passes;
   * returns the last answer (undefined if it never answered).
   */
  targets(enough: (data: ApiTargets) => boolean, timeoutMs: number, intervalMs?: number): Promise<ApiTargets | undefined>;
  stop(): void;
}

/** Starts `prometheus` with `<dir>/prometheus.yml` and storage in `<dir>/data`, on loopback. */
export async function startPrometheus(dir: string): Promise<RunningPrometheus> {
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ], {stdio: ['ignore', 'ignore', 'pipe']});
  child.stderr!.on('data', (chunk) => (log += String(chunk)));
  return {
    port,
    log: () => log,
    async targets(enough, timeoutMs, intervalMs = 300) {
      const deadline = Date.now() + timeoutMs;
      let data: ApiTargets | undefined;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
        if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${log}`);
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/targets?state=any`);
          if (!response.ok) continue;
          data = ((await response.json()) as {data: ApiTargets}).data;
        } catch {
          continue; // not listening yet
        }
        if (enough(data)) break;
      }
      return data;
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
