// Text output of the rbac commands: kubectl-looking tables and can-i's yes/no lines. Pure
// functions from engine results to strings; the commands only print them.

import {formatTable} from '../output/table.ts';
import type {Palette} from '../output/colour.ts';
import {combineResourceGroup, type AccessResult} from './access.ts';
import type {Decision} from './authorizer.ts';
import type {LintResult, Severity} from './lint.ts';
import type {AllowedSubject, Via, WhoCanResult} from './subject-locator.ts';
import type {PolicyRule} from './types.ts';

export interface RenderOptions {
  palette: Palette;
  noHeaders?: boolean;
  wide?: boolean;
}

function describeVia(via: Via): string {
  const binding = `${via.binding.kind}/${via.binding.namespace ? `${via.binding.namespace}/` : ''}${via.binding.name}`;
  const role = `${via.role.kind}/${via.role.name}`;
  return `${binding} (${role})${via.group ? ` as member of ${via.group}` : ''}`;
}

function describeSubjectVia(subject: AllowedSubject): string {
  if (subject.privileged) return 'always allowed (privileged group)';
  return subject.via.map(describeVia).join(', ');
}

export function renderWhoCan(result: WhoCanResult, options: RenderOptions): string {
  const rows = result.subjects.map((subject) => [subject.kind, subject.namespace, subject.name, describeSubjectVia(subject)]);
  return formatTable(['KIND', 'NAMESPACE', 'NAME', 'VIA'], rows, {
    noHeaders: options.noHeaders,
    colorize: (row, column, cell) => (column === 3 && result.subjects[row].privileged ? options.palette.dim(cell) : cell),
  });
}

/** `kubectl auth can-i`'s answer line: `yes`, or `no` with the reason when there is one. */
export function renderCanI(decision: Pick<Decision, 'allowed' | 'reason'>): string {
  if (decision.allowed) return 'yes\n';
  return `no${decision.reason ? ` - ${decision.reason}` : ''}\n`;
}

export function renderRule(rule: PolicyRule): string {
  const parts: string[] = [];
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) parts.push(`${name}: [${values.map((value) => JSON.stringify(value)).join(', ')}]`);
  };
  list('apiGroups', rule.apiGroups);
  list('resources', rule.resources);
  list('resourceNames', rule.resourceNames);
  list('nonResourceURLs', rule.nonResourceURLs);
  list('verbs', rule.verbs);
  return `{${parts.join(', ')}}`;
}

/** --explain: the answer, then who was asked about and what decided it. */
export function renderExplanation(decision: Decision, user: {name: string; groups: string[]}, options: RenderOptions, hints: readonly string[] = []): string {
  const lines = [renderCanI(decision).trimEnd()];
  lines.push(`  user:   ${user.name || '(none)'}`);
  lines.push(`  groups: ${user.groups.length > 0 ? user.groups.join(', ') : '(none)'}`);
  if (decision.privileged) {
    lines.push(`  reason: ${decision.reason}`);
  } else if (decision.allowedBy) {
    const {binding, role, rule, ruleIndex} = decision.allowedBy;
    lines.push(`  binding: ${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`);
    lines.push(`  role:    ${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name}`);
    lines.push(`  rule:    #${ruleIndex} ${renderRule(rule)}`);
  } else {
    lines.push(`  reason: ${options.palette.dim('no rule of any binding of this user or its groups allows it')}`);
  }
  for (const error of decision.errors) lines.push(`  ${options.palette.warn('unresolved')}: ${error}`);
  for (const hint of hints) lines.push(`  ${options.palette.dim('hint')}: ${hint}`);
  return `${lines.join('\n')}\n`;
}

/** `kubectl auth can-i --list`'s table; -A adds a NAMESPACE column, wide a VIA column. */
export function renderAccess(result: AccessResult, options: RenderOptions): string {
  const headers = ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'];
  if (result.allNamespaces) headers.unshift('Namespace');
  if (options.wide) headers.push('Via');
  const rows = result.rules.map((rule) => {
    const row = [
      combineResourceGroup(rule.resources, rule.apiGroups),
      `[${rule.nonResourceURLs.join(' ')}]`,
      `[${rule.resourceNames.join(' ')}]`,
      `[${rule.verbs.join(' ')}]`,
    ];
    if (result.allNamespaces) row.unshift(rule.namespace || '*');
    if (options.wide) row.push(rule.via.map(describeVia).join(', '));
    return row;
  });
  // kubectl's can-i --list keeps its header capitalisation.
  const table = formatTable([], options.noHeaders ? rows : [headers, ...rows], {});
  const notes: string[] = [];
  if (result.privileged) notes.push('member of system:masters: the API server allows every request, whatever the rules above');
  return table + notes.map((note) => `${options.palette.dim(note)}\n`).join('');
}

const severityPaint = (severity: Severity, palette: Palette) =>
  severity === 'error' ? palette.bad : severity === 'warning' ? palette.warn : palette.dim;

/** Findings table and summary line; with --no-headers the rows alone (nothing when clean), for scripts. */
export function renderLint(result: LintResult, options: RenderOptions): string {
  if (result.findings.length === 0) return options.noHeaders ? '' : 'no findings\n';
  const headers = ['SEVERITY', 'KIND', 'NAMESPACE', 'NAME', ...(options.wide ? ['CODE'] : []), 'MESSAGE'];
  const rows = result.findings.map((finding) => [
    finding.severity, finding.object.kind, finding.object.namespace, finding.object.name,
    ...(options.wide ? [finding.code] : []), finding.message,
  ]);
  const table = formatTable(headers, rows, {
    noHeaders: options.noHeaders,
    colorize: (row, column, cell) => (column === 0 ? severityPaint(result.findings[row].severity, options.palette)(cell) : cell),
  });
  if (options.noHeaders) return table;
  const {error, warning, info} = result.summary;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${table}\n${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info\n`;
}
