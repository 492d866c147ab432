// Runs `kubectl inspect ...` in process, as the plugin binary would, over objects in memory:
// the Source is swapped for a ManifestSource of those objects, so nothing touches disk or a
// network, and stdout and stderr are captured whole.

import {jest} from '@jest/globals';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import type {KubeObject} from '../../src/cluster/types.ts';
import {SleuthCommand} from '../../commands/base.ts';
import {runPlugin} from '../../commands/cli/run-plugin.ts';
import plugin from '../../commands/inspect/index.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes (for --key --reveal, which writes raw). */
  stdoutBytes: Buffer;
}

export async function runInspect(objects: readonly KubeObject[], argv: string[]): Promise<RunResult> {
  return runInspectOn(ManifestSource.fromObjects(structuredClone(objects as KubeObject[])), argv);
}

/** Same, over manifest texts as `-f` reads them (so messages can name file and document). */
export async function runInspectOnManifests(files: {file: string; text: string}[], argv: string[]): Promise<RunResult> {
  return runInspectOn(ManifestSource.fromTexts(files), argv);
}

async function runInspectOn(source: ManifestSource, argv: string[]): Promise<RunResult> {
  const prototype = SleuthCommand.prototype as unknown as {openSource: () => Promise<unknown>};
  const openSource = jest.spyOn(prototype, 'openSource').mockResolvedValue(source);
  try {
    return await runCaptured(argv);
  } finally {
    openSource.mockRestore();
  }
}

/** Runs the plugin as it is (live mode reads the cluster the flags name), capturing its output. */
export async function runCaptured(argv: string[]): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture = (into: Buffer[]) => (chunk: unknown, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out) as never);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err) as never);
  process.exitCode = undefined;
  try {
    const code = await runPlugin(plugin, argv);
    return {code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes: Buffer.concat(out)};
  } finally {
    process.exitCode = undefined;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
