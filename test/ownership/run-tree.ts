// `kubectl tree` run in this process (see test/support/run-in-process.ts).

import plugin from '../../commands/tree/index.ts';
import {runInProcess, type RunResult} from '../support/run-in-process.ts';

export {root} from '../support/run-in-process.ts';
export type TreeRun = RunResult;

export function runTree(args: string[], env: Record<string, string> = {}): Promise<TreeRun> {
  return runInProcess(plugin, args, env);
}
