// `--probe` for `netpol test` and `netpol matrix`: flags, and the run around src/netpol's probe
// (live only; Ctrl-C stops the attempts and still removes what the probe created).

import {Flags} from '@oclif/core';
import type {Source} from '../../src/cluster/types.ts';
import {SleuthError, UsageError} from '../../src/errors.ts';
import {parseDuration} from '../../src/kube/duration.ts';
import {compareProbes, defaultProbeImage, defaultProbeTimeoutSeconds, planProbes} from '../../src/netpol/probe.ts';
import type {ProbeFlow, ProbeJob, ProbeMode, ProbeObservation, ProbeReport, ProbeSettings} from '../../src/netpol/probe.ts';
import type {ProbeCluster} from '../../src/netpol/probe-live.ts';

export const probeFlags = {
  probe: Flags.boolean({helpGroup: 'PROBE', description: 'Send real traffic (live only) and compare it with the verdict; exit 1 when they differ.'}),
  'probe-image': Flags.string({helpGroup: 'PROBE', default: defaultProbeImage, description: 'Image of the probe container (busybox: nc for TCP; agnhost: TCP, UDP and SCTP).'}),
  'probe-via': Flags.string({helpGroup: 'PROBE', options: ['ephemeral', 'exec', 'pod'], default: 'ephemeral',
    description: 'Where attempts run: an ephemeral container in the source pod (falls back to a pod with its labels), exec in its first container, or a pod with its labels.'}),
  'probe-exec': Flags.boolean({helpGroup: 'PROBE', description: 'Short for --probe-via exec: run nc in the source pod\'s own container (its image must have it).'}),
  'probe-timeout': Flags.string({helpGroup: 'PROBE', default: `${defaultProbeTimeoutSeconds}s`, description: 'How long one connection attempt may take.'}),
  'dry-run': Flags.boolean({helpGroup: 'PROBE', description: 'With --probe: show what would be created and run, and do nothing.'}),
};

export interface ProbeFlagValues {
  probe: boolean;
  'probe-image': string;
  'probe-via': string;
  'probe-exec': boolean;
  'probe-timeout': string;
  'dry-run': boolean;
}

export function probeSettings(flags: ProbeFlagValues): ProbeSettings {
  const milliseconds = parseDuration(flags['probe-timeout'], '--probe-timeout');
  if (milliseconds <= 0) throw new UsageError('--probe-timeout must be more than 0');
  const mode = (flags['probe-exec'] ? 'exec' : flags['probe-via']) as ProbeMode;
  return {image: flags['probe-image'], mode, timeoutSeconds: Math.max(1, Math.ceil(milliseconds / 1000))};
}

export function checkProbeUsage(flags: ProbeFlagValues & {filename?: string[]}): void {
  if (!flags.probe) {
    if (flags['dry-run']) throw new UsageError('--dry-run goes with --probe');
    return;
  }
  if (flags.filename && flags.filename.length > 0) {
    throw new UsageError('--probe sends real traffic, so it needs a live cluster: leave out -f');
  }
}

export interface ProbeOutcome {
  jobs: ProbeJob[];
  observations: ProbeObservation[];
  report: ProbeReport;
}

/**
 * Plans and runs the attempts. Ctrl-C (or SIGTERM) stops them, removes what was created and
 * ends with exit 130; a second Ctrl-C during clean-up leaves at once.
 */
export async function runProbes(source: Source, flows: ProbeFlow[], settings: ProbeSettings, log: (line: string) => void): Promise<ProbeOutcome> {
  const jobs = planProbes(flows, settings);
  const {ProbeRun} = await import('../../src/netpol/probe-live.ts');
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) {
      log('interrupted again: leaving without finishing clean-up; look for pods and ephemeral containers named netpol-probe-*');
      process.exit(130);
    }
    interrupted = true;
    log('interrupted: stopping the probes and removing what they created...');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const run = new ProbeRun(source as unknown as ProbeCluster, {
    ...settings, signal: controller.signal,
    progress: (line) => {
      if (!line.startsWith('probed ') || process.stderr.isTTY) log(line);
    },
  });
  let observations: ProbeObservation[] = [];
  let cleanup: string[];
  try {
    observations = await run.run(jobs);
  } finally {
    cleanup = await run.cleanup();
    for (const line of cleanup) log(`cleanup: ${line}`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (interrupted) {
    const failed = cleanup.filter((line) => line.startsWith('could not')).length;
    throw new SleuthError(failed === 0
      ? `interrupted; the probe removed what it created (${run.created.length} item${run.created.length === 1 ? '' : 's'})`
      : `interrupted; ${failed} of ${run.created.length} items the probe created could not be removed (see the clean-up lines above)`, 130);
  }
  for (const note of run.notes) log(`Note: ${note}`);
  const report = compareProbes(jobs, observations, settings, {created: run.created, cleanup});
  return {jobs, observations, report};
}
