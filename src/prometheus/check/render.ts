// Text output of `monitor check`: one finding per paragraph, located as file:line:column, then a
// summary line; with `--no-headers`, one line per finding only.
import type {Palette} from '../../output/colour.ts';
import type {CheckFinding, CheckResult} from './types.ts';

/** `file:line:column: error [check] job J: message` */
function findingLine(f: CheckFinding, palette: Palette): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}: ` : '';
  const severity = f.severity === 'error' ? palette.bad('error') : palette.warn('warning');
  return `${where}${severity} [${f.check}]${f.job ? ` job ${f.job}:` : ''} ${f.message}`;
}

export interface CheckTextOptions {
  /** `--no-headers`: one line per finding and nothing else (no hints, no summary), for scripts that count lines. */
  noHeaders?: boolean;
  /** Where the skipped checks go with `--no-headers` (stderr); left out when not given. */
  warn?: (line: string) => void;
}

export function renderCheck(result: CheckResult, palette: Palette, options: CheckTextOptions = {}): string {
  const out: string[] = [];
  if (options.noHeaders) {
    for (const f of result.findings) out.push(findingLine(f, palette));
    if (options.warn) for (const s of result.skipped) options.warn(`skipped: ${s}`);
    return out.join('\n');
  }
  let lastHint: string | undefined;
  for (const f of result.findings) {
    out.push(findingLine(f, palette));
    // Findings with one cause (a broken binding) share their hint: print it once, under the first of them.
    if (f.hint && f.hint !== lastHint) out.push(palette.dim(`  hint: ${f.hint}`));
    lastHint = f.hint;
  }
  for (const s of result.skipped) out.push(palette.dim(`skipped: ${s}`));
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  out.push(result.findings.length === 0
    ? palette.ok(`${result.config}: no findings (Prometheus ${result.prometheusVersion}${result.server ? `, ${result.server}` : ''})`)
    : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (Prometheus ${result.prometheusVersion}${result.server ? `, ${result.server}` : ''})`);
  return out.join('\n');
}
