// The values of a Secret or ConfigMap as bytes. Secret `data` and ConfigMap `binaryData` are
// base64 as the API serves them (Go's encoding/json reads []byte with base64.StdEncoding:
// padding required, line breaks ignored); a manifest's `stringData` is plain text and wins over
// `data` for the same key, as the API server merges it. Errors name the key, never the value.

import {InputError, type InputLocation} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';

export type ValueSource = 'data' | 'stringData' | 'binaryData';

export interface DecodedValue {
  key: string;
  bytes: Buffer;
  source: ValueSource;
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes standard, padded base64 (CR and LF ignored, as Go does); undefined when it is not. */
export function decodeStandardBase64(text: string): Buffer | undefined {
  const compact = withoutLineBreaks(text);
  if (!STANDARD_BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

function withoutLineBreaks(text: string): string {
  return text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text;
}

function objectName(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

export interface DecodeOptions {
  /** Where the object was read (file and document), so an InputError can name them. */
  origin?: InputLocation;
}

/** A value that cannot be read: which field and key, and why (never the value itself). */
export interface UndecodableValue {
  /** `data.KEY`, or the field itself when it is not a mapping. */
  field: string;
  key: string;
  /** A sentence naming the key and field, for errors. */
  message: string;
  /** The short form: "not valid base64". */
  reason: string;
  hint?: string;
}

type Report = (problem: UndecodableValue) => void;

function mapping(object: KubeObject, field: string, report: Report): Record<string, unknown> {
  const value = object[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    report({field, key: '', message: `${field} must be a mapping of keys to values`, reason: 'not a mapping of keys to values'});
    return {};
  }
  return value as Record<string, unknown>;
}

/** With `into` undefined only checks (no buffers): the cheap pass refs makes over every Secret. */
function base64Entries(object: KubeObject, field: 'data' | 'binaryData', report: Report, into?: Map<string, DecodedValue>): void {
  for (const [key, value] of Object.entries(mapping(object, field, report))) {
    const where = `${field}.${key}`;
    if (value === null || value === undefined) {
      into?.set(key, {key, bytes: Buffer.alloc(0), source: field});
      continue;
    }
    if (typeof value !== 'string') {
      report({field: where, key, message: `the value of key "${key}" in ${field} must be a base64 string`, reason: 'not a base64 string'});
      continue;
    }
    if (!into) {
      if (!STANDARD_BASE64.test(withoutLineBreaks(value))) {
        report({field: where, key, message: `the value of key "${key}" in ${field} is not valid base64`, reason: 'not valid base64', hint: base64Hint(field)});
      }
      continue;
    }
    const bytes = decodeStandardBase64(value);
    if (!bytes) {
      report({field: where, key, message: `the value of key "${key}" in ${field} is not valid base64`, reason: 'not valid base64', hint: base64Hint(field)});
      continue;
    }
    into.set(key, {key, bytes, source: field});
  }
}

function base64Hint(field: 'data' | 'binaryData'): string {
  return field === 'data' ? 'Secret data holds base64; put plain text under stringData instead' : 'binaryData holds base64';
}

function textEntries(object: KubeObject, field: 'data' | 'stringData', report: Report, into?: Map<string, DecodedValue>): void {
  for (const [key, value] of Object.entries(mapping(object, field, report))) {
    if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      report({field: `${field}.${key}`, key, message: `the value of key "${key}" in ${field} must be a string`, reason: 'not a string'});
      continue;
    }
    into?.set(key, {key, bytes: Buffer.from(value === null || value === undefined ? '' : String(value), 'utf8'), source: field});
  }
}

function readValues(object: KubeObject, report: Report, into?: Map<string, DecodedValue>): void {
  if (object.kind === 'Secret') {
    base64Entries(object, 'data', report, into);
    textEntries(object, 'stringData', report, into); // stringData wins, as the API server merges it
  } else {
    textEntries(object, 'data', report, into);
    base64Entries(object, 'binaryData', report, into);
  }
}

function throwing(object: KubeObject, options: DecodeOptions): Report {
  return (problem) => {
    throw new InputError(`${object.kind} ${objectName(object)}: ${problem.message}`, {...options.origin, field: problem.field},
      problem.hint ? {hint: problem.hint} : {});
  };
}

/** A Secret's values, sorted by key. Throws InputError (exit 2) naming the file, document and field of a key that is not base64. */
export function decodeSecret(secret: KubeObject, options: DecodeOptions = {}): DecodedValue[] {
  const values = new Map<string, DecodedValue>();
  readValues(secret, throwing(secret, options), values);
  return sortByKey(values);
}

/** A ConfigMap's values (`data` as text, `binaryData` decoded), sorted by key. */
export function decodeConfigMap(configMap: KubeObject, options: DecodeOptions = {}): DecodedValue[] {
  const values = new Map<string, DecodedValue>();
  readValues(configMap, throwing(configMap, options), values);
  return sortByKey(values);
}

/**
 * For reports over many objects (certs): every value that can be read, and the ones that
 * cannot, instead of failing on the first.
 */
export function decodeLeniently(object: KubeObject): {values: DecodedValue[]; undecodable: UndecodableValue[]} {
  const values = new Map<string, DecodedValue>();
  const undecodable: UndecodableValue[] = [];
  readValues(object, (problem) => undecodable.push(problem), values);
  return {values: sortByKey(values), undecodable};
}

/** The values of a Secret or ConfigMap that cannot be read, without decoding the rest (refs). */
export function undecodableValues(object: KubeObject): UndecodableValue[] {
  const undecodable: UndecodableValue[] = [];
  readValues(object, (problem) => undecodable.push(problem));
  return undecodable;
}

/** The keys an object holds, without decoding anything (for reference checks at scale). */
export function keysOf(object: KubeObject): Set<string> {
  const keys = new Set<string>();
  const fields = object.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  for (const field of fields) {
    const value = object[field];
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const key of Object.keys(value)) keys.add(key);
  }
  return keys;
}

function sortByKey(values: Map<string, DecodedValue>): DecodedValue[] {
  return [...values.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
