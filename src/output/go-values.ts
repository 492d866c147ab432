// Decoded JSON as Go sees it once kubectl has unmarshalled an object: the type names in error
// messages, text/template's comparison rules (client-go third_party/forked/golang/template
// funcs.go) and how fmt and encoding/json print values. jsonpath.ts uses these so that
// results and errors read as kubectl's.

import {JsonPathError} from './jsonpath-parser.ts';

/** A float literal from the template (`5.0`): Go keeps it apart from integers when comparing. */
export class FloatLiteral {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
  toJSON(): number {
    return this.value;
  }
}

export type Value = unknown;

export const isMap = (value: Value): value is Record<string, Value> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof FloatLiteral);

/** The Go type a value has after kubectl decodes JSON into unstructured objects. */
export function goType(value: Value): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof FloatLiteral) return 'float64';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

// Go text/template's comparison (client-go third_party/forked/golang/template/funcs.go).
type BasicKind = 'bool' | 'int' | 'float' | 'string';

function basicKind(value: Value): BasicKind {
  if (value instanceof FloatLiteral) return 'float';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'string';
    default:
      throw new JsonPathError('invalid type for comparison');
  }
}

const unwrap = (value: Value): Value => (value instanceof FloatLiteral ? value.value : value);

const SURROGATE = /[\ud800-\udfff]/;

/** Strings compare by UTF-8 bytes in Go, which is code point order. */
function lessString(a: string, b: string): boolean {
  // UTF-16 order differs from code point order only when surrogates are involved.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b;
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!.codePointAt(0)!;
    const y = right[i]!.codePointAt(0)!;
    if (x !== y) return x < y;
  }
  return left.length < right.length;
}

function goEqual(a: Value, b: Value): boolean {
  const kind = basicKind(a);
  if (kind !== basicKind(b)) throw new JsonPathError('incompatible types for comparison');
  return unwrap(a) === unwrap(b);
}

function goLess(a: Value, b: Value): boolean {
  const kind = basicKind(a);
  if (kind !== basicKind(b)) throw new JsonPathError('incompatible types for comparison');
  if (kind === 'bool') throw new JsonPathError('invalid type for comparison');
  if (kind === 'string') return lessString(a as string, b as string);
  return (unwrap(a) as number) < (unwrap(b) as number);
}

export function compare(left: Value, right: Value, operator: string): boolean {
  switch (operator) {
    case '==':
      return goEqual(left, right);
    case '!=':
      return !goEqual(left, right);
    case '<':
      return goLess(left, right);
    case '<=':
      return goLess(left, right) || goEqual(left, right);
    case '>':
      return !(goLess(left, right) || goEqual(left, right));
    case '>=':
      return !goLess(left, right);
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

/** Go's %v for a float64 (strconv 'g', shortest): exponent form below 1e-4 and from 1e6 up. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's json.Marshal of decoded JSON: sorted map keys, <, > and & escaped for HTML. */
export function goJson(value: Value, indent?: string): string {
  const text = JSON.stringify(sortKeys(value), null, indent) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: Value): Value {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isMap(value)) return value;
  const sorted: Record<string, Value> = {};
  for (const key of Object.keys(value).sort(compareKeys)) sorted[key] = sortKeys(value[key]);
  return sorted;
}

const compareKeys = (a: string, b: string): number => (a === b ? 0 : lessString(a, b) ? -1 : 1);

/** Go's %v of decoded JSON, for error messages: map[a:1 b:x], [1 2], <nil>. */
export function goValue(value: Value): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isMap(value)) {
    return `map[${Object.keys(value)
      .sort(compareKeys)
      .map((key) => `${key}:${goValue(value[key])}`)
      .join(' ')}]`;
  }
  return goText(value);
}

/** How one result prints: maps and lists as compact JSON, null as "null", scalars as Go prints them. */
export function goText(value: Value): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof FloatLiteral) return goFloat(value.value);
  if (typeof value === 'object') return goJson(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return String(value);
}

