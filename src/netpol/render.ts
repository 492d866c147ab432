// Text for people: test verdicts with their reasons, the case summary table, the matrix grid.
// Pure string building; commands decide where it goes.

import type {Palette} from '../output/colour.ts';
import {formatTable} from '../output/table.ts';
import type {ConnectivityAnswer, ConnectivityResult} from './connectivity.ts';
import type {ReachabilityMatrix} from './matrix.ts';
import type {DirectionVerdict} from './types.ts';

const plain: Pick<Palette, 'ok' | 'bad' | 'dim' | 'bold' | 'warn'> = {ok: (t) => t, bad: (t) => t, dim: (t) => t, bold: (t) => t, warn: (t) => t};

export function portLabel(result: {port: number | string | null; protocol: string}): string {
  return result.port === null ? `${result.protocol}/any` : `${result.protocol}/${result.port}`;
}

export function renderResult(result: ConnectivityResult, palette: Pick<Palette, 'ok' | 'bad' | 'dim' | 'bold' | 'warn'> = plain): string {
  const verdict = result.allowed ? palette.ok('allowed') : palette.bad('denied');
  const via = result.service ? ` (via service ${result.service})` : '';
  let head = `${palette.bold(result.from)} -> ${palette.bold(result.to)}${via} ${portLabel(result)}: ${verdict}`;
  if (result.expect) head += result.pass ? `, as expected` : palette.bad(` (expected ${result.expect}: FAIL)`);
  const lines = [head];
  if (result.always) {
    lines.push(`  ${result.always}`);
  } else {
    lines.push(`  egress:  ${directionMark(result.egress, palette)} ${result.egress.reason}`);
    lines.push(`  ingress: ${directionMark(result.ingress, palette)} ${result.ingress.reason}`);
  }
  for (const note of result.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

function directionMark(direction: DirectionVerdict, palette: Pick<Palette, 'ok' | 'bad'>): string {
  return direction.allowed ? palette.ok('allow') : palette.bad('deny ');
}

export function renderAnswer(answer: ConnectivityAnswer, palette: Pick<Palette, 'ok' | 'bad' | 'dim' | 'bold' | 'warn'> = plain): string {
  const blocks = answer.results.map((result) => renderResult(result, palette));
  for (const note of answer.notes ?? []) blocks.push(palette.warn(`Note: ${note}`));
  return blocks.join('\n');
}

/** The `--cases` summary: one row per case. */
export function renderCaseTable(answer: ConnectivityAnswer, palette: Pick<Palette, 'ok' | 'bad'> = plain, noHeaders = false): string {
  const rows = answer.cases.map((item) => [
    item.from, item.to, item.port === null ? '*' : String(item.port), item.protocol ?? '*',
    item.expect ?? '-', item.verdict, item.pass ? 'PASS' : 'FAIL',
  ]);
  const table = formatTable(['from', 'to', 'port', 'protocol', 'expect', 'result', 'pass'], rows, {
    noHeaders,
    colorize: (_row, column, cell) => column === 6 ? (cell === 'PASS' ? palette.ok(cell) : palette.bad(cell)) : cell,
  });
  if (noHeaders) return table.trimEnd();
  const failed = answer.cases.filter((item) => !item.pass).length;
  return `${table}${answer.cases.length - failed} passed, ${failed} failed`;
}

/** What the matrix asks about: `TCP/80`, or any port of the protocol. */
export function matrixPortText(matrix: Pick<ReachabilityMatrix, 'port' | 'protocol'>): string {
  return matrix.port === null ? `any ${matrix.protocol} port` : `${matrix.protocol}/${matrix.port}`;
}

/** The legend for a matrix without a port: which ports "any port" covers. */
export function anyPortLegend(protocol: string): string {
  return `without --port a pair is allowed when some ${protocol} port is: one the destination declares, one a policy names, or any other port (rules without ports)`;
}

/**
 * The matrix as a grid: rows are sources, columns destinations, `.` allowed, `X` denied.
 * Columns carry numbers (their row's number) so wide namespaces stay readable.
 * With `noHeaders` only the rows are printed (one line per pod), for scripts; the caller
 * sends the notes elsewhere.
 */
export function renderMatrix(matrix: ReachabilityMatrix, palette: Pick<Palette, 'ok' | 'bad' | 'dim' | 'bold' | 'warn'> = plain, noHeaders = false): string {
  const count = matrix.pods.length;
  const lines: string[] = [];
  const title = `reachability on ${matrixPortText(matrix)} (rows: from, columns: to; ${palette.ok('.')} allowed, ${palette.bad('X')} denied)`;
  if (!noHeaders) lines.push(title);
  if (count === 0) {
    if (!noHeaders) lines.push('no pods in scope');
    return lines.join('\n');
  }
  const numberWidth = String(count).length;
  const nameWidth = Math.max(...matrix.pods.map((pod) => pod.id.length));
  if (!noHeaders) {
    // Column numbers written vertically, one digit per line.
    for (let digit = 0; digit < numberWidth; digit++) {
      let header = ' '.repeat(numberWidth + 1 + nameWidth + 1);
      for (let column = 0; column < count; column++) header += String(column + 1).padStart(numberWidth)[digit];
      lines.push(header);
    }
  }
  const denied = palette.bad('X');
  const allowed = palette.ok('.');
  for (let row = 0; row < count; row++) {
    let line = `${String(row + 1).padStart(numberWidth)} ${matrix.pods[row].id.padEnd(nameWidth)} `;
    const cells: string[] = [];
    for (let column = 0; column < count; column++) cells.push(matrix.allowed(row, column) ? allowed : denied);
    line += cells.join('');
    lines.push(line);
  }
  if (noHeaders) return lines.join('\n');
  lines.push(palette.dim(matrixSummary(matrix)));
  if (matrix.port === null) lines.push(palette.dim(anyPortLegend(matrix.protocol)));
  for (const note of matrix.notes) lines.push(palette.warn(`Note: ${note}`));
  return lines.join('\n');
}

/** `4 pods, 10 allowed, 6 denied; the pods fall into 3 classes, ...` */
export function matrixSummary(matrix: Pick<ReachabilityMatrix, 'pods' | 'classCount' | 'deniedCount'>): string {
  const count = matrix.pods.length;
  const deniedCount = matrix.deniedCount();
  const classes = matrix.classCount === 1 ? '1 class' : `${matrix.classCount} classes`;
  return `${count} pod${count === 1 ? '' : 's'}, ${count * count - deniedCount} allowed, ${deniedCount} denied; ` +
    `the pods fall into ${classes} (no policy tells the pods of one class apart)`;
}

/**
 * `-o json` for the matrix, written in pieces so millions of entries never form one string.
 * One entry per line, compact: at 2,000 pods this is 4 million entries.
 */
export function* matrixJsonChunks(matrix: ReachabilityMatrix): Generator<string> {
  const pods = matrix.pods.map((pod) => JSON.stringify(pod.id));
  yield `{"port":${JSON.stringify(matrix.port)},"protocol":${JSON.stringify(matrix.protocol)},\n"pods":[${pods.join(',')}],\n"entries":[`;
  const count = pods.length;
  const allowedTail = pods.map((pod) => `,"to":${pod},"allowed":true}`);
  const deniedTail = pods.map((pod) => `,"to":${pod},"allowed":false}`);
  for (let from = 0; from < count; from++) {
    const head = `${from === 0 ? '' : ','}\n{"from":${pods[from]}`;
    const separator = `,\n{"from":${pods[from]}`;
    const parts: string[] = new Array(count);
    for (let to = 0; to < count; to++) parts[to] = (matrix.allowed(from, to) ? allowedTail : deniedTail)[to];
    yield head + parts.join(separator);
  }
  yield `\n],\n"classes":${matrix.classCount}${matrix.notes.length ? `,"notes":${JSON.stringify(matrix.notes)}` : ''}}\n`;
}
