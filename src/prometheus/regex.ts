// Relabel regexes: RE2, anchored as Prometheus anchors them, compiled once per rule.
// Matching goes through re2js; a pattern from a small, checked subset (literals, `.`, simple classes,
// groups, alternation, greedy/lazy * + ? on atoms or non-empty groups without inner repetition) also
// gets a V8 RegExp, whose leftmost-first backtracking gives the same match and submatches as RE2 for it.
// Results are cached per distinct input, since label values and names repeat across targets.
import {RE2JS} from 're2js';
import type {RelabelSemantics} from './version.ts';

export type Submatches = ReadonlyArray<string | undefined>;

export interface RelabelRegex {
  /** The regex as written in the config (what Prometheus prints back). */
  readonly source: string;
  /** The expression actually compiled, with Prometheus's anchors. */
  readonly anchored: string;
  /** Group names by index ('' when unnamed); index 0 is the whole match. */
  readonly groupNames: readonly string[];
  /** True when the input fully matches. */
  test(input: string): boolean;
  /** Submatches of a full match (index 0 is the input), or null. */
  exec(input: string): Submatches | null;
}

export class RegexSyntaxError extends Error {}

const CACHE_LIMIT = 20000;
const FAST_INPUT_LIMIT = 256;

export function compileRelabelRegex(source: string, semantics: RelabelSemantics): RelabelRegex {
  const anchored = semantics.dotAll ? `^(?s:${source})$` : `^(?:${source})$`;
  if (!semantics.angleNamedGroups && /\(\?</.test(source.replace(/\\\\/g, ''))) {
    throw new RegexSyntaxError('error parsing regexp: invalid or unsupported Perl syntax: `(?<`');
  }
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(anchored);
  } catch (error) {
    throw new RegexSyntaxError((error as Error).message);
  }
  const groupNames: string[] = new Array(re2.groupCount() + 1).fill('');
  for (const [name, index] of Object.entries(re2.namedGroups())) groupNames[index] = name;
  const fast = translateToRegExp(source, semantics.dotAll);
  return new CachedRegex(source, anchored, groupNames, re2, fast);
}

class CachedRegex implements RelabelRegex {
  readonly source: string;
  readonly anchored: string;
  readonly groupNames: readonly string[];
  private readonly re2: RE2JS;
  private readonly fast: RegExp | null;
  private readonly matchAll: boolean;
  private readonly testCache = new Map<string, boolean>();
  private readonly execCache = new Map<string, Submatches | null>();
  private readonly whole: string[] = ['', ''];

  constructor(source: string, anchored: string, groupNames: string[], re2: RE2JS, fast: RegExp | null) {
    this.source = source;
    this.anchored = anchored;
    this.groupNames = groupNames;
    this.re2 = re2;
    this.fast = fast;
    this.matchAll = fast !== null && fast.source === '^(?:([^]*))$';
  }

  test(input: string): boolean {
    if (this.matchAll) return true;
    // V8 answers short inputs faster than a cache lookup; the cache is for re2js.
    if (this.fast !== null && input.length <= FAST_INPUT_LIMIT) return this.fast.test(input);
    let hit = this.testCache.get(input);
    if (hit === undefined) {
      hit = this.re2.test(input);
      if (this.testCache.size >= CACHE_LIMIT) this.testCache.clear();
      this.testCache.set(input, hit);
    }
    return hit;
  }

  exec(input: string): Submatches | null {
    if (this.matchAll) {
      // Callers read submatches at once and keep nothing, so one array serves every call.
      this.whole[0] = input;
      this.whole[1] = input;
      return this.whole;
    }
    if (this.fast !== null && input.length <= FAST_INPUT_LIMIT) return this.fast.exec(input);
    let hit = this.execCache.get(input);
    if (hit === undefined) {
      const found = this.re2.exec(input);
      hit = found === null ? null : Array.from(found as ArrayLike<string | undefined>);
      if (this.execCache.size >= CACHE_LIMIT) this.execCache.clear();
      this.execCache.set(input, hit);
    }
    return hit;
  }
}

// ---- The RegExp subset -------------------------------------------------------------------------

const syntaxChars = new Set('^$\\.*+?()[]{}|/'.split(''));
const punctuation = /^[!-\/:-@\[-`{-~]$/;

/**
 * Translates an RE2 pattern into an equivalent anchored JavaScript RegExp (flag `u`), or returns null
 * when the pattern leaves the subset whose meaning is the same in both engines.
 */
export function translateToRegExp(source: string, dotAll: boolean): RegExp | null {
  let i = 0;
  let unbounded = 0;
  const chars = Array.from(source);
  const fail = (): never => {
    throw new Error('outside subset');
  };
  const escapeLiteral = (ch: string): string => (syntaxChars.has(ch) ? `\\${ch}` : ch);

  // Each parse function returns [jsSource, nullable, hasQuantifier].
  function alternation(): [string, boolean, boolean] {
    const parts: string[] = [];
    let nullable = false;
    let quantified = false;
    for (;;) {
      const [s, n, q] = concatenation();
      parts.push(s);
      nullable ||= n;
      quantified ||= q;
      if (chars[i] !== '|') break;
      i++;
    }
    return [parts.join('|'), nullable, quantified];
  }

  function concatenation(): [string, boolean, boolean] {
    let out = '';
    let nullable = true;
    let quantified = false;
    while (i < chars.length && chars[i] !== '|' && chars[i] !== ')') {
      let [s, n, q] = atom();
      const c = chars[i];
      if (c === '*' || c === '+' || c === '?') {
        // A repeated group that can match empty, or that repeats inside, is where backtracking
        // engines and RE2 part ways (or backtracking explodes): leave those to RE2.
        // `?` on a non-empty group does not loop, so inner repetition is fine there.
        if ((q && !(c === '?' && !n)) || (n && s.startsWith('('))) fail();
        i++;
        let quant = c;
        if (chars[i] === '?') {
          quant += '?';
          i++;
        }
        if (chars[i] === '*' || chars[i] === '+' || chars[i] === '?' || chars[i] === '{') fail();
        if (c !== '?') unbounded++;
        s += quant;
        n = n || c !== '+';
        q = true;
      } else if (c === '{') {
        fail();
      }
      out += s;
      nullable &&= n;
      quantified ||= q;
    }
    return [out, nullable, quantified];
  }

  function atom(): [string, boolean, boolean] {
    const c = chars[i]!;
    if (c === '(') {
      i++;
      let open = '(';
      if (chars[i] === '?') {
        if (chars[i + 1] === ':') {
          open = '(?:';
          i += 2;
        } else if (chars[i + 1] === 'P' && chars[i + 2] === '<') {
          i += 3;
          while (i < chars.length && /[A-Za-z0-9_]/.test(chars[i]!)) i++;
          if (chars[i] !== '>') fail();
          i++;
        } else {
          fail();
        }
      }
      const [s, n, q] = alternation();
      if (chars[i] !== ')') fail();
      i++;
      return [`${open}${s})`, n, q];
    }
    i++;
    if (c === '.') return [dotAll ? '[^]' : '[^\\n]', false, false];
    if (c === '[') return [characterClass(), false, false];
    if (c === '\\') {
      const e = chars[i++];
      if (e === undefined) fail();
      if (e === 'd') return ['[0-9]', false, false];
      if (e === 'w') return ['[0-9A-Za-z_]', false, false];
      if (e === 'D') return ['[^0-9]', false, false];
      if (e === 'W') return ['[^0-9A-Za-z_]', false, false];
      if (punctuation.test(e!)) return [escapeLiteral(e!), false, false];
      fail();
    }
    if ('*+?{}]^$|)'.includes(c)) fail();
    return [escapeLiteral(c), false, false];
  }

  function characterClass(): string {
    let out = '[';
    if (chars[i] === '^') {
      out += '^';
      i++;
    }
    let first = true;
    while (chars[i] !== ']' || first) {
      const c = chars[i];
      if (c === undefined || c === '[' || c === '\\' || (c === ']' && first)) fail();
      if (c === '-' && !first && chars[i + 1] !== ']') fail();
      i++;
      if (chars[i] === '-' && chars[i + 1] !== ']' && chars[i + 1] !== undefined) {
        const end = chars[i + 1]!;
        if (end === '[' || end === '\\' || end.codePointAt(0)! < c!.codePointAt(0)!) fail();
        out += `${classLiteral(c!)}-${classLiteral(end)}`;
        i += 2;
      } else {
        out += classLiteral(c!);
      }
      first = false;
    }
    i++;
    return out + ']';
  }

  function classLiteral(ch: string): string {
    return /[\^\-\]\\\[\/]/.test(ch) ? `\\${ch}` : ch;
  }

  try {
    const [body] = alternation();
    if (i !== chars.length || unbounded > 3) return null;
    return new RegExp(`^(?:${body})$`, 'u');
  } catch {
    return null;
  }
}

// ---- Go's Regexp.Expand -------------------------------------------------------------------------

const nameRune = /[\p{L}\p{Nd}_]/u;

export type CompiledTemplate = (match: Submatches) => string;

/**
 * Parses a template once (same rules as expandTemplate) into literal parts and group indexes, so that
 * expanding it per label set is a concatenation. Names resolve to group indexes here.
 */
export function compileTemplate(template: string, groupNames: readonly string[]): CompiledTemplate {
  if (!template.includes('$')) return () => template;
  const parts: Array<string | number> = [];
  let rest = template;
  let literal = '';
  while (rest.length > 0) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) {
      literal += rest;
      break;
    }
    literal += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      literal += '$';
      rest = rest.slice(1);
      continue;
    }
    const extracted = extractName(rest);
    if (extracted === null) {
      literal += '$';
      continue;
    }
    rest = extracted.rest;
    const index = groupIndex(extracted.name, groupNames);
    if (index < 0) continue; // no such group: expands to nothing
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(index);
  }
  if (literal !== '') parts.push(literal);
  if (parts.length === 1 && typeof parts[0] === 'number') {
    const only = parts[0];
    return (match) => match[only] ?? '';
  }
  return (match) => {
    let out = '';
    for (const part of parts) out += typeof part === 'number' ? (match[part] ?? '') : part;
    return out;
  };
}

/** The group a template name refers to: a number (no leading zero) or the first group of that name; -1 if none. */
function groupIndex(name: string, groupNames: readonly string[]): number {
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  if (name.length > 1 && name[0] === '0') num = -1;
  if (num >= 0) return num < groupNames.length ? num : -1;
  return groupNames.indexOf(name);
}

/**
 * Expands a replacement template as Go's Regexp.Expand does: `$$` is a dollar, `$name`/`${name}`
 * take the longest run of letters, digits and `_` as the name (so `$1x` is the group named `1x`,
 * usually empty), a name of digits without a leading zero is a group number, and a `$` not followed
 * by a valid name is kept as it is.
 */
export function expandTemplate(template: string, match: Submatches, groupNames: readonly string[]): string {
  let dollar = template.indexOf('$');
  if (dollar < 0) return template;
  let out = '';
  let rest = template;
  while (dollar >= 0) {
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
    } else {
      const extracted = extractName(rest);
      if (extracted === null) {
        out += '$';
      } else {
        rest = extracted.rest;
        out += groupValue(extracted.name, match, groupNames);
      }
    }
    dollar = rest.indexOf('$');
  }
  return out + rest;
}

function extractName(s: string): {name: string; rest: string} | null {
  let i = 0;
  const brace = s.startsWith('{');
  if (brace) i = 1;
  const start = i;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
      i++;
      continue;
    }
    if (c < 128) break;
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (!nameRune.test(ch)) break;
    i += ch.length;
  }
  if (i === start) return null;
  const name = s.slice(start, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  return {name, rest: s.slice(i)};
}

function groupValue(name: string, match: Submatches, groupNames: readonly string[]): string {
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  if (name.length > 1 && name[0] === '0') num = -1;
  if (num >= 0) return match[num] ?? '';
  for (let k = 0; k < groupNames.length; k++) {
    if (groupNames[k] === name && match[k] !== undefined) return match[k]!;
    if (groupNames[k] === name) return '';
  }
  return '';
}
