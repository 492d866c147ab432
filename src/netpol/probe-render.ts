// Text for people about a live probe: the flows that did not behave as the policies say (with
// the command that repeats each), a summary table, and the conclusions. Pure string building.

import type {Palette} from '../output/colour.ts';
import {formatTable} from '../output/table.ts';
import type {ProbeJob, ProbeReport, ProbeResult, ProbeSettings} from './probe.ts';
import {probeNamePrefix} from './probe.ts';

type Paint = Pick<Palette, 'ok' | 'bad' | 'warn' | 'dim' | 'bold'>;
const plain: Paint = {ok: (text) => text, bad: (text) => text, warn: (text) => text, dim: (text) => text, bold: (text) => text};

function flowName(result: Pick<ProbeResult, 'from' | 'to' | 'protocol' | 'port'>): string {
  return `${result.from} -> ${result.to} ${result.protocol}/${result.port ?? 'any'}`;
}

/** One row per flow: expected, observed, and whether they agree. */
export function renderProbeTable(report: ProbeReport, palette: Paint = plain, noHeaders = false): string {
  const rows = report.results.map((result) => [
    result.from, result.to, `${result.protocol}/${result.port ?? 'any'}`, result.expected, result.observed,
    result.status === 'match' ? 'ok' : result.status === 'unknown' ? '?' : 'MISMATCH',
  ]);
  return formatTable(['from', 'to', 'port', 'expected', 'observed', 'probe'], rows, {
    noHeaders,
    colorize: (_row, column, cell) => column === 5 ? (cell === 'ok' ? palette.ok(cell) : cell === '?' ? palette.warn(cell) : palette.bad(cell)) : cell,
  }).trimEnd();
}

/** Mismatches and unknowns with the command that repeats them; then the conclusions. */
export function renderProbeFindings(report: ProbeReport, palette: Paint = plain): string {
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.status === 'match') continue;
    const what = result.status === 'unexpected-allow' ? palette.bad('connected although the policies deny it')
      : result.status === 'unexpected-deny' ? palette.bad('blocked although the policies allow it')
        : palette.warn(`not observed${result.error ? `: ${result.error}` : ''}`);
    lines.push(`${flowName(result)}: ${what}`);
    if (result.command) lines.push(palette.dim(`  repeat: ${result.command}`));
  }
  lines.push(`probe: ${report.matched} matched, ${report.mismatched} mismatched, ${report.unknown} not observed (${report.mode === 'exec' ? 'exec in the source pods' : report.mode === 'pod' ? 'pods with the sources\' labels' : 'ephemeral containers in the source pods'}, image ${report.image})`);
  for (const conclusion of report.conclusions) {
    const important = report.enforcement === 'not-enforced' || report.enforcement === 'partly-enforced' || report.mismatched > 0;
    lines.push(important ? palette.bad(`Conclusion: ${conclusion}`) : `Conclusion: ${conclusion}`);
  }
  return lines.join('\n');
}

/** `--dry-run`: what a probe would create and run, without touching the cluster. */
export function renderProbePlan(jobs: readonly ProbeJob[], settings: ProbeSettings): string {
  const lines: string[] = [];
  const sources = [...new Set(jobs.filter((job) => !job.skip).map((job) => `${job.namespace}/${job.pod}`))];
  for (const source of sources) {
    if (settings.mode === 'ephemeral') lines.push(`would add an ephemeral container ${probeNamePrefix}<random suffix> (${settings.image}) to pod ${source}, falling back to a pod with its labels if refused`);
    else if (settings.mode === 'pod') lines.push(`would create a pod ${probeNamePrefix}<random suffix> (${settings.image}) with the labels of ${source} in its namespace, and delete it afterwards`);
    else lines.push(`would exec in the first container of pod ${source}`);
  }
  for (const job of jobs) {
    lines.push(job.skip
      ? `would skip ${flowName(job)}: ${job.skip}`
      : `would run in ${job.namespace}/${job.pod}: ${job.command.join(' ')}   (${flowName(job)}, expected ${job.expected ? 'allowed' : 'denied'})`);
  }
  if (lines.length === 0) lines.push('nothing to probe');
  return lines.join('\n');
}
