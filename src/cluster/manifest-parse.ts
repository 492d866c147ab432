// Parses manifest text into objects on the fast path: JSON.parse for JSON, js-yaml for YAML
// (seven times faster than `yaml` on bulk input, see DESIGN.md). `yaml` stays for places that
// need source positions. Errors name the file and the document.

import {loadAll} from 'js-yaml';
import {InputError} from '../errors.ts';
import type {KubeObject} from './types.ts';

export interface ParsedObject {
  object: KubeObject;
  file: string;
  /** 1-based document number within the file; list items share their list's number. */
  document: number;
}

export function parseManifestText(file: string, text: string): ParsedObject[] {
  const documents = parseDocuments(file, text);
  const parsed: ParsedObject[] = [];
  documents.forEach((document, index) => {
    if (document === null || document === undefined) return;
    collectObjects(document, file, index + 1, parsed);
  });
  return parsed;
}

function parseDocuments(file: string, text: string): unknown[] {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    try {
      return [JSON.parse(text)];
    } catch {
      // Not strict JSON (comments, several documents): YAML, a superset, reads it.
    }
  }
  try {
    return loadAll(text);
  } catch (error) {
    const yamlError = error as {mark?: {line: number; column: number}; reason?: string};
    const line = yamlError.mark ? yamlError.mark.line + 1 : undefined;
    throw new InputError(`invalid YAML: ${yamlError.reason ?? (error as Error).message}`, {
      file,
      line,
      column: yamlError.mark ? yamlError.mark.column + 1 : undefined,
      document: line === undefined ? undefined : documentAtLine(text, line),
    });
  }
}

/** Which YAML document (1-based) holds the given 1-based line. */
function documentAtLine(text: string, line: number): number {
  const lines = text.split('\n', line);
  let document = 1;
  let seenContent = false;
  for (const current of lines.slice(0, line - 1)) {
    if (/^---(\s|$)/.test(current)) {
      if (seenContent) document++;
      seenContent = false;
    } else if (current.trim() && !current.trimStart().startsWith('#')) {
      seenContent = true;
    }
  }
  return document;
}

function collectObjects(value: unknown, file: string, document: number, into: ParsedObject[], field = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectObjects(item, file, document, into, `${field}[${index}]`));
    return;
  }
  const object = requireObject(value, file, document, field);
  if (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items)) {
    const itemKind = object.kind === 'List' ? undefined : object.kind.slice(0, -'List'.length);
    object.items.forEach((item: unknown, index: number) => {
      const itemField = `${field ? field + '.' : ''}items[${index}]`;
      const itemObject = requireObject(item, file, document, itemField);
      // Typed lists (RoleBindingList from the API) leave kind and apiVersion off their items.
      if (itemKind && itemObject.kind === undefined) itemObject.kind = itemKind;
      if (itemKind && itemObject.apiVersion === undefined) itemObject.apiVersion = object.apiVersion;
      collectObjects(itemObject, file, document, into, itemField);
    });
    return;
  }
  into.push({object: validateObject(object, file, document, field), file, document});
}

function requireObject(value: unknown, file: string, document: number, field: string): Record<string, any> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`expected a Kubernetes object (a mapping), found ${describe(value)}`, {file, document, field: field || undefined});
  }
  return value as Record<string, any>;
}

function validateObject(object: Record<string, any>, file: string, document: number, field: string): KubeObject {
  const at = (name: string) => ({file, document, field: field ? `${field}.${name}` : name});
  if (typeof object.apiVersion !== 'string' || !object.apiVersion) throw new InputError('apiVersion is missing', at('apiVersion'));
  if (typeof object.kind !== 'string' || !object.kind) throw new InputError('kind is missing', at('kind'));
  const metadata = object.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new InputError(`${object.kind} has no metadata`, at('metadata'));
  }
  if (typeof metadata.name !== 'string' || !metadata.name) {
    throw new InputError(`${object.kind} has no name`, at('metadata.name'));
  }
  if (metadata.namespace !== undefined && typeof metadata.namespace !== 'string') {
    throw new InputError('namespace must be a string', at('metadata.namespace'));
  }
  for (const map of ['labels', 'annotations'] as const) {
    const entries = metadata[map];
    if (entries === undefined || entries === null) continue;
    if (typeof entries !== 'object' || Array.isArray(entries)) throw new InputError(`${map} must be a mapping`, at(`metadata.${map}`));
    for (const [key, entry] of Object.entries(entries)) {
      // YAML reads `version: 1.0` as a number; the API server would refuse it, kubectl too.
      if (typeof entry !== 'string') throw new InputError(`${map} values must be strings, found ${describe(entry)}`, at(`metadata.${map}.${key}`));
    }
  }
  return object as KubeObject;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string "${value.length > 40 ? value.slice(0, 40) + '…' : value}"` : `a ${typeof value}`;
}
