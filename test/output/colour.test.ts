// When colour is on: --no-color, then NO_COLOR (no-color.org: any non-empty value), then
// FORCE_COLOR (chalk/supports-color: 0 or false is off, anything else on), then a terminal.

import {describe, expect, test} from '@jest/globals';
import {colourEnabled, makePalette} from '../../src/output/colour.ts';

describe('colourEnabled', () => {
  test.each<[string, {noColor?: boolean; env?: Record<string, string | undefined>; isTTY?: boolean}, boolean]>([
    ['terminal', {env: {}, isTTY: true}, true],
    ['pipe', {env: {}, isTTY: false}, false],
    ['no isTTY given', {env: {}}, false],
    ['--no-color on a terminal', {noColor: true, env: {}, isTTY: true}, false],
    ['NO_COLOR=1', {env: {NO_COLOR: '1'}, isTTY: true}, false],
    ['NO_COLOR=0 is still set', {env: {NO_COLOR: '0'}, isTTY: true}, false],
    ['NO_COLOR empty is unset', {env: {NO_COLOR: ''}, isTTY: true}, true],
    ['FORCE_COLOR=1 on a pipe', {env: {FORCE_COLOR: '1'}, isTTY: false}, true],
    ['FORCE_COLOR empty on a pipe', {env: {FORCE_COLOR: ''}, isTTY: false}, true],
    ['FORCE_COLOR=0 on a terminal', {env: {FORCE_COLOR: '0'}, isTTY: true}, false],
    ['FORCE_COLOR=false on a terminal', {env: {FORCE_COLOR: 'false'}, isTTY: true}, false],
    ['NO_COLOR beats FORCE_COLOR', {env: {NO_COLOR: '1', FORCE_COLOR: '1'}, isTTY: true}, false],
    ['--no-color beats FORCE_COLOR', {noColor: true, env: {FORCE_COLOR: '3'}, isTTY: true}, false],
    ['TERM=dumb', {env: {TERM: 'dumb'}, isTTY: true}, false],
    ['TERM=dumb with FORCE_COLOR', {env: {TERM: 'dumb', FORCE_COLOR: '1'}, isTTY: true}, true],
  ])('%s', (_name, settings, expected) => {
    expect(colourEnabled(settings)).toBe(expected);
  });
});

describe('makePalette', () => {
  test('disabled: text unchanged', () => {
    const palette = makePalette(false);
    expect(palette.enabled).toBe(false);
    for (const paint of [palette.ok, palette.warn, palette.bad, palette.dim, palette.bold, palette.added, palette.removed, palette.changed]) {
      expect(paint('x')).toBe('x');
    }
  });

  test.each([
    ['ok', '\x1b[32mx\x1b[39m'],
    ['warn', '\x1b[33mx\x1b[39m'],
    ['bad', '\x1b[31mx\x1b[39m'],
    ['dim', '\x1b[2mx\x1b[22m'],
    ['bold', '\x1b[1mx\x1b[22m'],
    ['added', '\x1b[32mx\x1b[39m'],
    ['removed', '\x1b[31mx\x1b[39m'],
    ['changed', '\x1b[33mx\x1b[39m'],
  ] as const)('enabled: %s', (name, expected) => {
    expect(makePalette(true)[name]('x')).toBe(expected);
  });
});

describe('styles nest and break lines as chalk does', () => {
  const {bad, ok, bold, dim} = makePalette(true);
  test.each([
    ['inner colour re-opens the outer', bad(`a ${ok('b')} c`), '\x1b[31ma \x1b[32mb\x1b[39m\x1b[31m c\x1b[39m'],
    ['bold inside dim', dim(`x${bold('y')}z`), '\x1b[2mx\x1b[1my\x1b[22m\x1b[2mz\x1b[22m'],
    ['line breaks close and re-open', ok('a\nb'), '\x1b[32ma\x1b[39m\n\x1b[32mb\x1b[39m'],
    ['empty text stays empty', ok(''), ''],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
