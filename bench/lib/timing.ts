// Timing helpers for benchmarks: whole runs of the built plugins, medians, ratios in one run
// (machines here are noisy, so absolute numbers are reported next to a baseline).

import {spawnSync} from 'node:child_process';

export interface Timed {
  medianMs: number;
  runs: number[];
}

export function timeCommand(command: string, args: string[], runs: number, options: {input?: string; env?: NodeJS.ProcessEnv} = {}): Timed {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, {input: options.input, env: options.env ?? process.env, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30});
    samples.push(performance.now() - start);
    if (result.status !== 0 && result.status !== 1) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr?.toString().slice(0, 500)}`);
    }
  }
  return {medianMs: median(samples), runs: samples};
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatMs(milliseconds: number): string {
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${milliseconds.toFixed(1)} ms`;
}
