// Reads YAML the way Prometheus's yaml.v2 decoding sees it for config fields: scalars keep their
// written text (so `1.0` stays "1.0" in a string field and a modulus of 2^64-1 stays exact), plain
// null forms are null, and every node keeps its line for error messages.
import {LineCounter, parseAllDocuments, isMap, isScalar, isSeq, isAlias} from 'yaml';
import type {Node} from 'yaml';
import {InputError} from '../errors.ts';

export type GoYaml =
  | {kind: 'null'; line: number}
  | {kind: 'scalar'; text: string; plain: boolean; line: number}
  | {kind: 'seq'; items: GoYaml[]; line: number}
  | {kind: 'map'; entries: Array<[string, GoYaml]>; line: number};

const nullForms = new Set(['', '~', 'null', 'Null', 'NULL']);

export function readGoYamlDocuments(text: string, file?: string): GoYaml[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {lineCounter, uniqueKeys: false});
  if (!Array.isArray(docs)) return [];
  const out: GoYaml[] = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) throw new InputError(`invalid YAML: ${error.message.split('\n')[0]}`, {file, document: index + 1, line: error.linePos?.[0]?.line});
    const convert = (node: unknown): GoYaml => {
      const line = lineOf(node as Node | null, lineCounter);
      if (node === null || node === undefined) return {kind: 'null', line};
      if (isAlias(node)) return convert(node.resolve(doc));
      if (isScalar(node)) {
        const plain = node.type === 'PLAIN';
        const source = (node as unknown as {source?: string}).source;
        const textValue = plain && source !== undefined ? source : String(node.value ?? '');
        if (plain && !node.tag && nullForms.has(textValue)) return {kind: 'null', line};
        return {kind: 'scalar', text: textValue, plain, line};
      }
      if (isSeq(node)) return {kind: 'seq', items: node.items.map(convert), line};
      if (isMap(node)) {
        return {
          kind: 'map',
          entries: node.items.map((pair) => {
            const key = convert(pair.key);
            return [key.kind === 'scalar' ? key.text : '', convert(pair.value)] as [string, GoYaml];
          }),
          line,
        };
      }
      return {kind: 'null', line};
    };
    if (doc.contents === null) return;
    out.push(convert(doc.contents));
  });
  return out;
}

function lineOf(node: Node | null, lineCounter: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 0 : lineCounter.linePos(offset).line;
}

/** The plain JavaScript value of a node (strings for scalars), for objects handed over as JSON. */
export function fromPlainValue(value: unknown, line = 0): GoYaml {
  if (value === null || value === undefined) return {kind: 'null', line};
  if (Array.isArray(value)) return {kind: 'seq', items: value.map((v) => fromPlainValue(v, line)), line};
  if (typeof value === 'object') {
    return {kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromPlainValue(v, line)]), line};
  }
  return {kind: 'scalar', text: String(value), plain: typeof value !== 'string', line};
}

export function mapGet(node: GoYaml | undefined, key: string): GoYaml | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const [k, v] of node.entries) if (k === key) return v;
  return undefined;
}

export function describeKind(node: GoYaml): string {
  if (node.kind === 'scalar') return `!!str \`${node.text}\``;
  return node.kind === 'seq' ? '!!seq' : node.kind === 'map' ? '!!map' : '!!null';
}
