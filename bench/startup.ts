// Startup: the built plugin against bare `node -e 0` of the same Node binary, as ratios in
// one run (medians of 15 runs each). Budgets from the foundation issue: --help and a
// completion at most 2x bare Node, an offline `netpol test` on the examples at most 5x.
// With BENCH_SEA=path/to/kubectl-netpol the packaged single executable is timed the same way.

import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatMs, timeCommand} from './lib/timing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = 15;

export default async function benchStartup(): Promise<void> {
  const node = existsSync(join(root, 'node_modules/node/bin/node')) ? join(root, 'node_modules/node/bin/node') : process.execPath;
  const plugin = join(root, 'plugins', 'kubectl-netpol');
  const completion = join(root, 'plugins', 'kubectl_complete-netpol');
  const offlineTest = ['test', '--from', 'shop/frontend', '--to', 'shop/backend', '--port', 'api', '-f', join(root, 'examples/netpol-tutorial')];
  // Warm the compile cache and the file system once, so every measured run is alike.
  timeCommand(plugin, offlineTest, 1);

  const cases: [label: string, command: string, args: string[], budget: number | undefined][] = [
    ['node -e 0', node, ['-e', '0'], undefined],
    ['kubectl-netpol --help', plugin, ['--help'], 2],
    ['kubectl_complete-netpol (subcommands)', completion, [''], 2],
    ['kubectl-netpol test (offline, examples)', plugin, offlineTest, 5],
  ];
  const sea = process.env.BENCH_SEA;
  if (sea) {
    cases.push(['single executable --help', sea, ['--help'], 2]);
    cases.push(['single executable __complete', sea, ['__complete', ''], 2]);
    cases.push(['single executable test (offline)', sea, offlineTest, 5]);
  }
  let baseline = 0;
  let over = 0;
  for (const [label, command, args, budget] of cases) {
    const {medianMs} = timeCommand(command, args, runs);
    if (!budget) baseline = medianMs;
    const ratio = medianMs / baseline;
    const verdict = budget ? (ratio <= budget ? `within ${budget}x` : `OVER ${budget}x`) : 'baseline';
    if (budget && ratio > budget) over++;
    process.stdout.write(`${label.padEnd(42)} ${formatMs(medianMs).padStart(9)}  ${ratio.toFixed(2)}x  ${verdict}\n`);
  }
  if (over > 0) process.exitCode = 1;
}
