import {goQuote} from './labels.ts';

// Prometheus durations (prometheus/common model.Duration): parsing and the canonical String() form
// that target labels such as __scrape_interval__ carry.

const units: Array<[string, bigint]> = [
  ['y', 365n * 24n * 3600n * 1000n],
  ['w', 7n * 24n * 3600n * 1000n],
  ['d', 24n * 3600n * 1000n],
  ['h', 3600n * 1000n],
  ['m', 60n * 1000n],
  ['s', 1000n],
  ['ms', 1n],
];
const MAX_MS = (1n << 63n) / 1000000n; // time.Duration is int64 nanoseconds

/**
 * model.ParseDuration; returns milliseconds or throws with upstream's message. prometheus/common 0.42
 * (commit 55b01d1, in Prometheus 2.43+) replaced the regex with a scanner that names unknown units.
 */
export function parseDuration(text: string, scanner = true): bigint {
  return scanner ? parseDurationScanner(text) : parseDurationRegex(text);
}

const unitIndex = new Map(units.map(([unit, mult], i) => [unit, {pos: i, mult}] as const));
const MAX_NS = (1n << 63n) - 1n;

function parseDurationScanner(text: string): bigint {
  if (text === '0') return 0n;
  if (text === '') throw new Error('empty duration string');
  const invalid = () => new Error(`not a valid duration string: ${goQuote(text)}`);
  let rest = text;
  let lastPos = -1;
  let totalNs = 0n;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (rest !== '') {
    if (!isDigit(rest[0])) throw invalid();
    let i = 0;
    while (i < rest.length && isDigit(rest[i])) i++;
    const v = BigInt(rest.slice(0, i));
    if (v > (1n << 64n) - 1n) throw invalid();
    rest = rest.slice(i);
    let j = 0;
    while (j < rest.length && !isDigit(rest[j])) j++;
    if (j === 0) throw invalid();
    const unitText = rest.slice(0, j);
    rest = rest.slice(j);
    const unit = unitIndex.get(unitText);
    if (!unit) throw new Error(`unknown unit ${goQuote(unitText)} in duration ${goQuote(text)}`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    const multNs = unit.mult * 1000000n;
    if (v > (1n << 63n) / multNs) throw new Error('duration out of range');
    totalNs += v * multNs;
    if (totalNs > MAX_NS) throw new Error('duration out of range');
  }
  return totalNs / 1000000n;
}

function parseDurationRegex(text: string): bigint {
  if (text === '0') return 0n;
  if (text === '') throw new Error('empty duration string');
  const match = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/.exec(text);
  if (!match) throw new Error(`not a valid duration string: ${goQuote(text)}`);
  let total = 0n;
  units.forEach(([, mult], i) => {
    const digits = match[i + 1];
    if (digits !== undefined) total += BigInt(digits) * mult;
  });
  if (total >= MAX_MS) throw new Error('duration out of range');
  return total;
}

/** model.Duration.String(): years and weeks only when exact, then d h m s ms. */
export function formatDuration(ms: bigint): string {
  if (ms === 0n) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, mult] of units) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % mult !== 0n) continue;
    const v = rest / mult;
    if (v > 0n) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return out;
}
