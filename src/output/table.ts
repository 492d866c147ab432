// kubectl-looking tables: uppercase headers, no borders, left-aligned columns. kubectl prints
// through a tabwriter (cli-runtime printers/tabwriter.go: minwidth 6, padding 3, pad char ' ');
// every column but the last is as wide as its widest cell plus 3 spaces, and never narrower
// than 6. Widths are display widths, so coloured and CJK cells line up too.

import {displayWidth} from './display-width.ts';

export interface TableOptions {
  /** Leave out the header line (`--no-headers`). */
  noHeaders?: boolean;
  /** Decorates a body cell (row and column are 0-based indexes into `rows`); applied after measuring. */
  colorize?: (row: number, column: number, cell: string) => string;
  /** kubectl's tabwriter padding (3) and minimum column width including padding (6). */
  padding?: number;
  minWidth?: number;
}

const CONTROL = /[\t\n\r\v\f]/g;
const HAS_CONTROL = /[\t\n\r\v\f]/;

/** Renders the table as lines ending in "\n"; an empty string when there is nothing to print. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const padding = options.padding ?? 3;
  const minWidth = options.minWidth ?? 6;
  const lines: string[][] = [];
  if (!options.noHeaders && headers.length > 0) lines.push(headers.map((header) => header.toUpperCase()));
  for (const row of rows) lines.push(row.map((cell) => cleanCell(cell)));
  if (lines.length === 0) return '';

  const columns = Math.max(...lines.map((line) => line.length));
  const measured = lines.map((line) => line.map((cell) => displayWidth(cell)));
  const widths: number[] = [];
  for (let column = 0; column < columns - 1; column++) {
    let width = minWidth;
    for (const line of measured) {
      const cellWidth = line[column];
      if (cellWidth !== undefined && cellWidth + padding > width) width = cellWidth + padding;
    }
    widths.push(width);
  }

  const bodyStart = lines.length - rows.length;
  let out = '';
  lines.forEach((line, lineIndex) => {
    let text = '';
    for (let column = 0; column < line.length; column++) {
      let cell = line[column]!;
      if (options.colorize && lineIndex >= bodyStart && cell !== '') cell = options.colorize(lineIndex - bodyStart, column, cell);
      text += cell;
      if (column < line.length - 1) text += ' '.repeat(widths[column]! - measured[lineIndex]![column]!);
    }
    out += `${text.trimEnd()}\n`;
  });
  return out;
}

// A tab or newline inside a cell would break the alignment of every line after it.
function cleanCell(cell: string): string {
  const text = String(cell ?? '');
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, ' ') : text;
}
