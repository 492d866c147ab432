// Text output of `monitor check`: one finding per paragraph, located as file:line:column.
import type {Palette} from '../../output/colour.ts';
import type {CheckResult} from './types.ts';

export function renderCheck(result: CheckResult, palette: Palette): string {
  const out: string[] = [];
  let lastHint: string | undefined;
  for (const f of result.findings) {
    const where = f.file ? `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}: ` : '';
    const severity = f.severity === 'error' ? palette.bad('error') : palette.warn('warning');
    out.push(`${where}${severity} [${f.check}]${f.job ? ` job ${f.job}:` : ''} ${f.message}`);
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
