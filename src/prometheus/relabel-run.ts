// The dry-run over many label sets: plain relabelling, or Prometheus's target handling around it.
import type {Labels} from './labels.ts';
import {relabel} from './relabel.ts';
import type {RelabelStep} from './relabel.ts';
import type {RelabelAction, RelabelRule} from './rules.ts';
import type {JobDefaults} from './target.ts';
import {processTarget} from './target.ts';
import type {RelabelSemantics} from './version.ts';
import {formatVersion} from './version.ts';

export interface RelabelRunResult {
  input: Labels;
  output: Labels | null;
  dropped: boolean;
  droppedBy?: {rule: number; action: RelabelAction};
  error?: string;
  /** With --target: the labels the rules start from (discovered labels plus the job's defaults). */
  discoveredLabels?: Labels;
  steps?: RelabelStep[];
}

export interface RelabelRunReport {
  prometheusVersion: string;
  mode: 'relabel' | 'target';
  rules: number;
  results: RelabelRunResult[];
}

export interface RelabelRunOptions {
  semantics: RelabelSemantics;
  steps: boolean;
  /** Apply target handling with these job defaults. */
  target?: JobDefaults;
}

export function runRelabel(inputs: Labels[], rules: readonly RelabelRule[], options: RelabelRunOptions): RelabelRunReport {
  const {semantics, steps, target} = options;
  const results: RelabelRunResult[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    if (target) {
      const r = processTarget(input, target, rules, semantics, {steps, details: steps});
      const entry: RelabelRunResult = {input, output: r.labels, dropped: r.dropped};
      if (r.droppedBy) entry.droppedBy = r.droppedBy;
      if (r.error !== undefined) entry.error = r.error;
      if (r.discoveredLabels) entry.discoveredLabels = r.discoveredLabels;
      if (r.steps) entry.steps = r.steps;
      results[i] = entry;
    } else {
      const r = relabel(input, rules, {steps, semantics});
      const entry: RelabelRunResult = {input, output: r.output, dropped: r.dropped};
      if (r.droppedBy) entry.droppedBy = r.droppedBy;
      if (r.steps) entry.steps = r.steps;
      results[i] = entry;
    }
  }
  return {prometheusVersion: formatVersion(semantics.version), mode: target ? 'target' : 'relabel', rules: rules.length, results};
}
