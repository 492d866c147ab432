// Cases from apimachinery pkg/util/duration/duration_test.go (kubernetes/apimachinery master):
// TestHumanDuration, TestHumanDurationBoundaries, TestShortHumanDurationBoundaries.

import {describe, expect, test} from '@jest/globals';
import {age, humanDuration, shortHumanDuration} from '../../src/output/age.ts';

const ms = 1;
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const year = 365 * day;
/** Go's 1ns, in milliseconds. */
const ns = 1e-6;

type Case = [name: string, milliseconds: number, expected: string];

const human: Case[] = [
  ['1s', second, '1s'],
  ['70s', 70 * second, '70s'],
  ['190s', 190 * second, '3m10s'],
  ['70m', 70 * minute, '70m'],
  ['47h', 47 * hour, '47h'],
  ['49h', 49 * hour, '2d1h'],
  ['8d2h', (8 * 24 + 2) * hour, '8d'],
  ['367d', 367 * day, '367d'],
  ['2y25h', (365 * 2 * 24 + 25) * hour, '2y1d'],
  ['8y2h', (365 * 8 * 24 + 2) * hour, '8y'],
];

const humanBoundaries: Case[] = [
  ['-2s', -2 * second, '<invalid>'],
  ['-2s+1ns', -2 * second + ns, '0s'],
  ['0', 0, '0s'],
  ['1s-1ms', second - ms, '0s'],
  ['2m-1ms', 2 * minute - ms, '119s'],
  ['2m', 2 * minute, '2m'],
  ['2m1s', 2 * minute + second, '2m1s'],
  ['10m-1ms', 10 * minute - ms, '9m59s'],
  ['10m', 10 * minute, '10m'],
  ['10m1s', 10 * minute + second, '10m'],
  ['3h-1ms', 3 * hour - ms, '179m'],
  ['3h', 3 * hour, '3h'],
  ['3h1m', 3 * hour + minute, '3h1m'],
  ['8h-1ms', 8 * hour - ms, '7h59m'],
  ['8h', 8 * hour, '8h'],
  ['8h59m', 8 * hour + 59 * minute, '8h'],
  ['2d-1ms', 2 * day - ms, '47h'],
  ['2d', 2 * day, '2d'],
  ['2d1h', 2 * day + hour, '2d1h'],
  ['8d-1ms', 8 * day - ms, '7d23h'],
  ['8d', 8 * day, '8d'],
  ['8d23h', 8 * day + 23 * hour, '8d'],
  ['2y-1ms', 2 * year - ms, '729d'],
  ['2y', 2 * year, '2y'],
  ['2y23h', 2 * year + 23 * hour, '2y'],
  ['2y23h59m', 2 * year + 23 * hour + 59 * minute, '2y'],
  ['2y1d-1ms', 2 * year + day - ms, '2y'],
  ['2y1d', 2 * year + day, '2y1d'],
  ['3y', 3 * year, '3y'],
  ['4y', 4 * year, '4y'],
  ['5y', 5 * year, '5y'],
  ['6y', 6 * year, '6y'],
  ['7y', 7 * year, '7y'],
  ['8y-1ms', 8 * year - ms, '7y364d'],
  ['8y', 8 * year, '8y'],
  ['8y364d', 8 * year + 364 * day, '8y'],
  ['9y', 9 * year, '9y'],
];

const shortBoundaries: Case[] = [
  ['-2s', -2 * second, '<invalid>'],
  ['-2s+1ns', -2 * second + ns, '0s'],
  ['0', 0, '0s'],
  ['1s-1ms', second - ms, '0s'],
  ['1s', second, '1s'],
  ['2s-1ms', 2 * second - ms, '1s'],
  ['1m-1ms', minute - ms, '59s'],
  ['1m', minute, '1m'],
  ['2m-1ms', 2 * minute - ms, '1m'],
  ['1h-1ms', hour - ms, '59m'],
  ['1h', hour, '1h'],
  ['2h-1ms', 2 * hour - ms, '1h'],
  ['1d-1ms', day - ms, '23h'],
  ['1d', day, '1d'],
  ['2d-1ms', 2 * day - ms, '1d'],
  ['1y-1ms', year - ms, '364d'],
  ['1y', year, '1y'],
  ['2y-1ms', 2 * year - ms, '1y'],
  ['2y', 2 * year, '2y'],
];

describe('HumanDuration', () => {
  test.each([...human, ...humanBoundaries])('%s', (_name, milliseconds, expected) => {
    expect(humanDuration(milliseconds)).toBe(expected);
  });
});

describe('ShortHumanDuration', () => {
  test.each(shortBoundaries)('%s', (_name, milliseconds, expected) => {
    expect(shortHumanDuration(milliseconds)).toBe(expected);
  });
});

describe('age of a timestamp (kubectl translateTimestampSince)', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  test.each([
    ['three days', '2026-11-20T12:00:00Z', '3d'],
    ['five and a half minutes', '2026-11-23T11:54:30Z', '5m30s'],
    ['a Date', new Date('2026-11-23T11:59:00Z'), '60s'],
    ['in the future beyond skew', '2026-11-23T12:00:05Z', '<invalid>'],
    ['no timestamp', undefined, '<unknown>'],
    ['unparsable', 'yesterday', '<unknown>'],
  ])('%s', (_name, timestamp, expected) => {
    expect(age(timestamp, now)).toBe(expected);
  });
});
