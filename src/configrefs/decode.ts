// The values of a Secret or ConfigMap as bytes. Secret `data` and ConfigMap `binaryData` are
// base64 as the API serves them (Go's encoding/json reads []byte with base64.StdEncoding:
// padding required, line breaks ignored); a manifest's `stringData` is plain text and wins over
// `data` for the same key, as the API server merges it. Errors name the key, never the value.

import {InputError} from '../errors.ts';
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
  const compact = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, '') : text;
  if (!STANDARD_BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

function objectName(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

function mapping(object: KubeObject, field: string): Record<string, unknown> {
  const value = object[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${object.kind} ${objectName(object)}: ${field} must be a mapping of keys to values`, {field});
  }
  return value as Record<string, unknown>;
}

function base64Entries(object: KubeObject, field: 'data' | 'binaryData', into: Map<string, DecodedValue>): void {
  for (const [key, value] of Object.entries(mapping(object, field))) {
    const where = {field: `${field}.${key}`};
    if (value === null || value === undefined) {
      into.set(key, {key, bytes: Buffer.alloc(0), source: field});
      continue;
    }
    if (typeof value !== 'string') {
      throw new InputError(`${object.kind} ${objectName(object)}: the value of key "${key}" in ${field} must be a base64 string`, where);
    }
    const bytes = decodeStandardBase64(value);
    if (!bytes) {
      throw new InputError(`${object.kind} ${objectName(object)}: the value of key "${key}" in ${field} is not valid base64`, where, {
        hint: field === 'data' ? 'Secret data holds base64; put plain text under stringData instead' : 'binaryData holds base64',
      });
    }
    into.set(key, {key, bytes, source: field});
  }
}

function textEntries(object: KubeObject, field: 'data' | 'stringData', into: Map<string, DecodedValue>): void {
  for (const [key, value] of Object.entries(mapping(object, field))) {
    if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new InputError(`${object.kind} ${objectName(object)}: the value of key "${key}" in ${field} must be a string`, {field: `${field}.${key}`});
    }
    into.set(key, {key, bytes: Buffer.from(value === null || value === undefined ? '' : String(value), 'utf8'), source: field});
  }
}

/** A Secret's values, sorted by key. Throws InputError (exit 2) naming a key that is not base64. */
export function decodeSecret(secret: KubeObject): DecodedValue[] {
  const values = new Map<string, DecodedValue>();
  base64Entries(secret, 'data', values);
  textEntries(secret, 'stringData', values);
  return sortByKey(values);
}

/** A ConfigMap's values (`data` as text, `binaryData` decoded), sorted by key. */
export function decodeConfigMap(configMap: KubeObject): DecodedValue[] {
  const values = new Map<string, DecodedValue>();
  textEntries(configMap, 'data', values);
  base64Entries(configMap, 'binaryData', values);
  return sortByKey(values);
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
