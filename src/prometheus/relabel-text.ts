// The text trace of a dry run: each rule in a short form and what it changed, or where the label set
// was dropped or refused and why.
import type {Labels} from './labels.ts';
import type {RelabelRunReport} from './relabel-run.ts';
import type {RelabelRule} from './rules.ts';
import {describeRule} from './rules.ts';

export interface TracePaint {
  added(text: string): string;
  removed(text: string): string;
  changed(text: string): string;
  dim(text: string): string;
  bad(text: string): string;
  bold(text: string): string;
  warn(text: string): string;
  ok(text: string): string;
}

function formatSet(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([n, v]) => `${n}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

function diff(before: Labels, after: Labels, paint: TracePaint): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(before)) {
    if (!(name in after)) lines.push(paint.removed(`- ${name}=${JSON.stringify(value)}`));
    else if (after[name] !== value) lines.push(paint.changed(`~ ${name}: ${JSON.stringify(value)} -> ${JSON.stringify(after[name])}`));
  }
  for (const [name, value] of Object.entries(after)) {
    if (!(name in before)) lines.push(paint.added(`+ ${name}=${JSON.stringify(value)}`));
  }
  return lines;
}

export function renderRelabelTrace(report: RelabelRunReport, rules: readonly RelabelRule[], paint: TracePaint): string {
  const out: string[] = [];
  const byIndex = new Map(rules.map((rule) => [rule.index, rule]));
  report.results.forEach((result, n) => {
    if (n > 0) out.push('');
    const inputNames = Object.keys(result.input);
    if (inputNames.length <= 4) {
      out.push(paint.bold(`Label set ${n + 1}: ${formatSet(result.input)}`));
    } else {
      out.push(paint.bold(`Label set ${n + 1}:`));
      for (const name of inputNames) out.push(paint.dim(`    ${name}=${JSON.stringify(result.input[name])}`));
    }
    let current: Labels = result.input;
    if (result.discoveredLabels) {
      const defaults = diff(result.input, result.discoveredLabels, paint);
      if (defaults.length > 0) {
        out.push(`  ${paint.dim('job defaults')}`);
        for (const line of defaults) out.push(`      ${line}`);
      }
      current = result.discoveredLabels;
    }
    for (const step of result.steps ?? []) {
      const rule = byIndex.get(step.rule);
      out.push(`  #${step.rule} ${rule ? describeRule(rule) : step.action}`);
      if (step.output === null) {
        out.push(`      ${paint.bad(`dropped by ${step.action}`)}`);
      } else {
        const changes = diff(current, step.output, paint);
        if (changes.length === 0) out.push(`      ${paint.dim('(no change)')}`);
        for (const line of changes) out.push(`      ${line}`);
        current = step.output;
      }
      if (step.note) out.push(`      ${paint.warn(`note: ${step.note}`)}`);
    }
    if (result.error !== undefined) {
      out.push(`  ${paint.bad(`refused: ${result.error}`)} ${paint.dim('(Prometheus neither keeps nor drops this target)')}`);
    } else if (result.dropped) {
      const by = result.droppedBy;
      out.push(`  ${paint.bad(`=> dropped${by ? ` by rule #${by.rule} (${by.action})` : ''}`)}`);
    } else if (result.output) {
      if (result.discoveredLabels && result.steps) {
        out.push(`  ${paint.dim('target handling')}`);
        const internal = Object.keys(current).filter((name) => name.startsWith('__'));
        const visible = (labels: Labels) => Object.fromEntries(Object.entries(labels).filter(([name]) => !name.startsWith('__')));
        for (const line of diff(visible(current), result.output, paint)) out.push(`      ${line}`);
        const address = current.__address__;
        if (current.instance === undefined && address !== undefined && result.output.instance !== address) {
          out.push(`      ${paint.changed(`~ __address__: ${JSON.stringify(address)} -> ${JSON.stringify(result.output.instance)} (the scheme's default port, added by 2.x)`)}`);
        }
        if (internal.length > 0) out.push(`      ${paint.removed(`- ${internal.length} internal labels (__*): ${internal.slice(0, 4).join(', ')}${internal.length > 4 ? ', ...' : ''}`)}`);
      }
      out.push(`  ${paint.ok('=>')} ${formatSet(result.output)}`);
    }
  });
  return out.join('\n');
}
