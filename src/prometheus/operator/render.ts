// Text for `kubectl monitor targets --monitor`: who selects the resource, what it matches,
// and why each zero is zero.

import type {Palette} from '../../output/colour.ts';
import type {MonitorExplanation} from './explain.ts';

export function renderMonitorExplanation(explanation: MonitorExplanation, kind: string, palette: Palette): string {
  const lines = [`${explanation.monitor}: ${explanation.problems.length === 0 ? palette.ok('ok') : palette.bad(`${explanation.problems.length} problem(s)`)}`];
  for (const selection of explanation.selectedBy) {
    lines.push(`  ${selection.selected ? palette.ok('selected') : palette.dim('not selected')} by Prometheus ${selection.prometheus}: ${selection.reason}`);
  }
  const matchingKind = explanation.matchingKind ?? (kind === 'ServiceMonitor' ? 'Service' : 'Pod');
  const count = explanation.matching.length;
  lines.push(`  matches ${count} ${matchingKind}${count === 1 ? '' : 's'}${count ? `: ${explanation.matching.join(', ')}` : ''}`);
  for (const endpoint of explanation.endpoints) lines.push(`  endpoint ${endpoint.index} (port ${endpoint.port || '-'}) job ${endpoint.job}: ${endpoint.reason}`);
  for (const note of explanation.notes ?? []) lines.push(`  note: ${note}`);
  for (const problem of explanation.problems) lines.push(palette.warn(`  problem: ${problem}`));
  return `${lines.join('\n')}\n`;
}
