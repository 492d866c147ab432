// Label names, values and strings as Go and Prometheus see them: name validation schemes, Go's %q,
// Go's per-rune case mapping, and the byte order Prometheus sorts labels in.
import type {RelabelSemantics} from './version.ts';

export type Labels = Record<string, string>;

/** model.LegacyValidation: [a-zA-Z_][a-zA-Z0-9_]*, checked without a regex for speed. */
export function isLegacyLabelName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** model.UTF8Validation: any non-empty valid UTF-8 (a JavaScript string is invalid only with lone surrogates). */
export function isUtf8LabelName(name: string): boolean {
  return name.length > 0 && isWellFormed(name);
}

export function isWellFormed(s: string): boolean {
  return (s as string & {isWellFormed(): boolean}).isWellFormed();
}

export function isValidLabelName(name: string, semantics: RelabelSemantics): boolean {
  return semantics.utf8Names ? isUtf8LabelName(name) : isLegacyLabelName(name);
}

/** Compares as Go compares strings (UTF-8 bytes, which is code point order), not UTF-16 units. */
export function compareGo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff)) return x - y;
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
    }
  }
  return a.length - b.length;
}

const beyondSurrogates = /[\uD800-\uFFFF]/;
const nativeOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts names in Go's order, in place. UTF-16 order equals code point order unless a name holds a
 * surrogate or a character from U+E000 up, so the native comparison serves almost always.
 */
export function sortNamesGo(names: string[]): string[] {
  names.sort(nativeOrder);
  for (const name of names) if (beyondSurrogates.test(name)) return names.sort(compareGo);
  return names;
}

/** Sorts items by a string key in Go's order, in place (the native comparison where it agrees). */
export function sortByGo<T>(items: T[], key: (item: T) => string): T[] {
  for (const item of items) if (beyondSurrogates.test(key(item))) return items.sort((a, b) => compareGo(key(a), key(b)));
  return items.sort((a, b) => nativeOrder(key(a), key(b)));
}

/** Same for [name, value] pairs. */
export function sortPairsGo(pairs: Array<[string, string]>): Array<[string, string]> {
  pairs.sort((a, b) => nativeOrder(a[0], b[0]));
  for (const pair of pairs) if (beyondSurrogates.test(pair[0])) return pairs.sort((a, b) => compareGo(a[0], b[0]));
  return pairs;
}

/** A label set with its names in Prometheus's order (sorted by name). */
export function sortedLabels(labels: Labels): Labels {
  const names = sortNamesGo(Object.keys(labels));
  const out: Labels = {};
  for (const name of names) out[name] = labels[name]!;
  return out;
}

const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Go's strconv.Quote (what `%q` prints in Prometheus's messages). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (cp >= 0x80 && printable.test(ch)) out += ch;
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 10) out += '\\n';
    else if (cp === 13) out += '\\r';
    else if (cp === 9) out += '\\t';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

// JavaScript's case mapping uses Unicode's full (special-casing) mappings and context (final sigma);
// Go's strings.ToUpper/ToLower map each rune on its own with the simple mapping. Where the full
// mapping gives more than one code point, the simple one is the rune itself, except for these.
const simpleUpperExceptions = new Map<number, number>([
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
for (const start of [0x1f80, 0x1f90, 0x1fa0]) for (let i = 0; i < 8; i++) simpleUpperExceptions.set(start + i, start + 8 + i);
const simpleLowerExceptions = new Map<number, number>([[0x130, 0x69]]);

function mapRunes(s: string, full: (ch: string) => string, exceptions: Map<number, number>): string {
  let out = '';
  for (const ch of s) {
    const mapped = full(ch);
    if (mapped.length === ch.length && (mapped.length === 1 || mapped.codePointAt(0)! > 0xffff)) {
      out += mapped;
      continue;
    }
    const exception = exceptions.get(ch.codePointAt(0)!);
    out += exception === undefined ? ch : String.fromCodePoint(exception);
  }
  return out;
}

const ascii = /^[\x00-\x7f]*$/;

/** Go's strings.ToLower: per rune, simple mapping (İ becomes i, Σ is always σ). */
export function goToLower(s: string): string {
  if (ascii.test(s)) return s.toLowerCase();
  return mapRunes(s, (ch) => ch.toLowerCase(), simpleLowerExceptions);
}

/** Go's strings.ToUpper: per rune, simple mapping (ß stays ß, ﬁ stays ﬁ). */
export function goToUpper(s: string): string {
  if (ascii.test(s)) return s.toUpperCase();
  return mapRunes(s, (ch) => ch.toUpperCase(), simpleUpperExceptions);
}
