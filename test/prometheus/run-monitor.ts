// `kubectl monitor` run in this process (see test/support/run-in-process.ts).

import plugin from '../../commands/monitor/index.ts';
import {runInProcess, type RunResult} from '../support/run-in-process.ts';

export {root, type RunResult} from '../support/run-in-process.ts';

export function runMonitor(args: string[]): Promise<RunResult> {
  return runInProcess(plugin, args);
}
