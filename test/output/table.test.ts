// Tables as kubectl prints them: cli-runtime printers/tabwriter.go sets minwidth 6, padding 3;
// the expected lines below are what `kubectl get` prints for the same cells.

import {describe, expect, test} from '@jest/globals';
import {displayWidth, stripAnsi} from '../../src/output/display-width.ts';
import {formatTable} from '../../src/output/table.ts';

describe('formatTable', () => {
  test('kubectl get pods layout', () => {
    const text = formatTable(
      ['name', 'ready', 'status', 'restarts', 'age'],
      [
        ['web-7d4b9c5f4-abcde', '1/1', 'Running', '0', '3d'],
        ['db-0', '0/1', 'CrashLoopBackOff', '12', '5m30s'],
      ],
    );
    expect(text).toBe(
      [
        'NAME                  READY   STATUS             RESTARTS   AGE',
        'web-7d4b9c5f4-abcde   1/1     Running            0          3d',
        'db-0                  0/1     CrashLoopBackOff   12         5m30s',
        '',
      ].join('\n'),
    );
  });

  test('columns are never narrower than 6 (tabwriter minwidth)', () => {
    expect(formatTable(['a', 'b'], [['x', 'y']])).toBe('A     B\nx     y\n');
  });

  test('--no-headers', () => {
    expect(formatTable(['name', 'age'], [['a', '1s']], {noHeaders: true})).toBe('a     1s\n');
  });

  test('trailing spaces are trimmed when the last cells are empty', () => {
    expect(formatTable(['name', 'note'], [['a', ''], ['bbbbbbb', 'x']])).toBe('NAME      NOTE\na\nbbbbbbb   x\n');
  });

  test('nothing to print', () => {
    expect(formatTable([], [])).toBe('');
    expect(formatTable(['name'], [], {noHeaders: true})).toBe('');
    expect(formatTable(['name'], [])).toBe('NAME\n');
  });

  test('colour codes do not count toward the width', () => {
    const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
    const text = formatTable(['name', 'status'], [['a', 'Failed'], ['bb', 'Running']], {colorize: (_row, column, cell) => (column === 0 ? red(cell) : cell)});
    expect(stripAnsi(text)).toBe('NAME   STATUS\na      Failed\nbb     Running\n');
    expect(text).toContain(`${red('a')}      Failed`);
  });

  test('colorize sees body rows only, with their indexes', () => {
    const seen: string[] = [];
    formatTable(['x', 'y'], [['a', 'b'], ['c', 'd']], {colorize: (row, column, cell) => (seen.push(`${row}:${column}:${cell}`), cell)});
    expect(seen).toEqual(['0:0:a', '0:1:b', '1:0:c', '1:1:d']);
  });

  test('wide characters take two columns', () => {
    expect(formatTable(['name', 'x'], [['日本語の名前', '1'], ['abc', '2']])).toBe('NAME           X\n日本語の名前   1\nabc            2\n');
  });

  test('tabs and newlines inside a cell cannot break the alignment', () => {
    expect(formatTable(['a', 'b'], [['x\ty', 'z'], ['multi\nline', 'w']])).toBe('A            B\nx y          z\nmulti line   w\n');
  });

  test('ragged rows', () => {
    expect(formatTable(['a', 'b', 'c'], [['1'], ['1', '2', '3']])).toBe('A     B     C\n1\n1     2     3\n');
  });
});

describe('displayWidth', () => {
  test.each([
    ['ascii', 'hello', 5],
    ['empty', '', 0],
    ['colour codes', '\x1b[1m\x1b[32mok\x1b[39m\x1b[22m', 2],
    ['hyperlink', '\x1b]8;;https://k8s.io\x07link\x1b]8;;\x07', 4],
    ['CJK', '名前', 4],
    ['fullwidth', 'ＡＢ', 4],
    ['Hangul', '한국', 4],
    ['combining accent', 'e\u0301', 1],
    ['emoji', '✅', 2],
    ['accented latin', 'café', 4],
    ['zero-width joiner', 'a\u200db', 2],
  ])('%s', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
