// Go's time.ParseDuration, which kubectl uses for --request-timeout ("0", "1s", "2m30s", "1.5h").
// A bare number is seconds, as kubectl reads it for --request-timeout.

import {UsageError} from '../errors.ts';

const unitMilliseconds: Record<string, number> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/** Milliseconds; throws UsageError naming the flag on bad input. */
export function parseDuration(text: string, flag = 'duration'): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const pattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[-+]/, '');
  for (const match of body.matchAll(pattern)) {
    total += Number(match[1]) * unitMilliseconds[match[2]];
    consumed += match[0].length;
  }
  if (body === '' || consumed !== body.length) {
    throw new UsageError(`invalid value "${text}" for ${flag}: a duration such as 30s, 1m or 2h30m`);
  }
  return sign * total;
}
