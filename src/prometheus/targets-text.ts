// Text output of `monitor targets`: per job a headline with counts, a table of targets, and for each
// dropped target the rule that dropped it (with `--no-headers`, the rows alone); `--why` answers as a
// short list per job.
import type {Palette} from '../output/colour.ts';
import {formatTable} from '../output/table.ts';
import type {PrometheusConfig} from './config/types.ts';
import type {Labels} from './labels.ts';
import {describeRule} from './rules.ts';
import type {TargetsResult} from './targets.ts';
import type {WhyAnswer} from './why.ts';

function labelText(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
}

export interface TargetsTextOptions {
  palette: Palette;
  /** `--no-headers`: rows only (one flat table with a job column), for scripts that count lines. */
  noHeaders: boolean;
  wide: boolean;
  /** Where notes that are not rows go with `--no-headers` (stderr); left out when not given. */
  warn?: (line: string) => void;
}

/** One job's rows: active, refused, then dropped targets, in the result's order. */
function jobRows(result: TargetsResult, config: PrometheusConfig, job: string, options: TargetsTextOptions): string[][] {
  const {palette} = options;
  const jobConfig = config.jobs.find((j) => j.name === job);
  const rows: string[][] = [];
  for (const t of result.activeTargets) {
    if (t.scrapePool !== job) continue;
    const state = t.health === 'up' ? palette.ok(`up (${t.samples} samples)`) : t.health === 'down' ? palette.bad('down') : palette.ok('active');
    rows.push([state, t.scrapeUrl, t.source, ...(options.wide ? [labelText(t.labels)] : [])]);
  }
  for (const t of result.refusedTargets) {
    if (t.scrapePool !== job) continue;
    rows.push([palette.bad('refused'), t.error, t.source, ...(options.wide ? [t.discoveredLabels.__address__ ?? ''] : [])]);
  }
  for (const t of result.droppedTargets) {
    if (t.scrapePool !== job) continue;
    const rule = jobConfig?.rules[t.droppedBy.rule];
    const why = `relabel_configs[${t.droppedBy.rule}] ${rule ? describeRule(rule) : t.droppedBy.action}`;
    rows.push([palette.dim('dropped'), why, t.source, ...(options.wide ? [t.discoveredLabels.__address__ ?? ''] : [])]);
  }
  return rows;
}

/** The lines under a job's table: why targets are down, what was not simulated. */
function jobNotes(result: TargetsResult, job: {name: string; notSimulated: string[]}, palette: Palette): string[] {
  const notes: string[] = [];
  for (const t of result.activeTargets) {
    if (t.scrapePool !== job.name || t.health !== 'down') continue;
    notes.push(`${palette.bad('down')} ${t.scrapeUrl}: ${t.lastError}`);
    if (t.hint) notes.push(palette.dim(`  hint: ${t.hint}`));
  }
  if (job.notSimulated.length > 0) notes.push(palette.warn(`not simulated: ${job.notSimulated.join(', ')}`));
  return notes;
}

export function renderTargets(result: TargetsResult, config: PrometheusConfig, options: TargetsTextOptions): string {
  const {palette} = options;
  if (options.noHeaders) {
    // No job headlines, blank lines or totals: every line is a target, and the job is a column.
    const rows: string[][] = [];
    for (const job of result.jobs) {
      for (const row of jobRows(result, config, job.name, options)) rows.push([job.name, ...row]);
      if (options.warn) for (const note of jobNotes(result, job, palette)) options.warn(`job ${job.name}: ${note.trim()}`);
    }
    return formatTable([], rows, {noHeaders: true}).replace(/ +$/gm, '');
  }
  const out: string[] = [];
  for (const job of result.jobs) {
    const counts = [`${job.active} active`, `${job.dropped} dropped`, ...(job.refused ? [`${job.refused} refused`] : []), ...(job.duplicates ? [`${job.duplicates} duplicate${job.duplicates === 1 ? '' : 's'} merged`] : [])];
    out.push(`${palette.bold(`JOB ${job.name}`)} (${job.discovery.join(', ') || 'no discovery'}): ${counts.join(', ')}`);
    const rows = jobRows(result, config, job.name, options);
    if (rows.length > 0) {
      const table = formatTable(['state', 'url / reason', 'source', ...(options.wide ? ['labels'] : [])], rows);
      out.push(table.replace(/^/gm, '  ').replace(/ +$/gm, '').trimEnd());
    }
    for (const note of jobNotes(result, job, palette)) out.push(`  ${note}`);
    out.push('');
  }
  const total = `${result.activeTargets.length} active, ${result.droppedTargets.length} dropped${result.refusedTargets.length ? `, ${result.refusedTargets.length} refused` : ''} in ${result.jobs.length} jobs (Prometheus ${result.prometheusVersion}, ${result.config})`;
  out.push(total);
  return out.join('\n');
}

export function renderWhy(answer: WhyAnswer, palette: Palette): string {
  const out: string[] = [];
  out.push(answer.exists ? `${palette.bold(answer.object)}: ${answer.scraped ? palette.ok('scraped') : palette.bad('not scraped')}` : `${palette.bold(answer.object)}: ${palette.bad('not found')}`);
  for (const job of answer.jobs) {
    const paint = job.verdict === 'scraped' ? palette.ok : job.verdict === 'not discovered' ? palette.dim : palette.bad;
    out.push(`  ${job.job}: ${paint(job.verdict)} — ${job.reason}`);
    // For a drop, show the values the dropping rule looked at.
    const dropped = job.targets.find((t) => t.state === 'dropped');
    if (dropped?.steps && dropped.droppedBy) {
      const before = dropped.steps.length > 1 ? dropped.steps[dropped.steps.length - 2]!.output : dropped.discoveredLabels;
      const sources = /\[(.*?)\]/.exec(dropped.droppedBy.description)?.[1];
      if (before && sources) {
        out.push(palette.dim(`      its labels there: ${sources.split(';').map((name) => `${name}=${JSON.stringify(before[name] ?? '')}`).join(', ')}`));
      }
    }
  }
  return out.join('\n');
}
