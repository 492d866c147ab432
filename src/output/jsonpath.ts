// kubectl's JSONPath templates (`-o jsonpath=...`), with the semantics of client-go's
// util/jsonpath (parser.go, jsonpath.go) rather than Goessner JSONPath: literal text between
// `{...}` actions, `{range}`/`{end}`, results of one action joined by spaces, maps and lists
// printed as compact JSON, Go's comparison rules in filters and its error messages.
// jsonpath-plus implements the other dialect (no templates or ranges, filters are script,
// different slice and error rules), so the template language is parsed and evaluated here.

import {compare, goJson, goText, goValue, isMap, FloatLiteral, goType, type Value} from './go-values.ts';
import {JsonPathError, parseJsonPath, type JsonPathTemplate, type PathNode, type SliceParam, type TemplatePart} from './jsonpath-parser.ts';

export {JsonPathError, parseJsonPath, type JsonPathTemplate} from './jsonpath-parser.ts';
export {goFloat, goJson} from './go-values.ts';

export interface JsonPathOptions {
  /** A missing field yields nothing instead of the error "X is not found" (kubectl get's default). */
  allowMissingKeys?: boolean;
  /** `jsonpath-as-json`: each action prints a JSON array of its results, indented. */
  outputJson?: boolean;
}

class Evaluator {
  private readonly allowMissingKeys: boolean;

  constructor(options: JsonPathOptions) {
    this.allowMissingKeys = options.allowMissingKeys ?? false;
  }

  list(input: Value[], nodes: readonly PathNode[]): Value[] {
    let current = input;
    for (const node of nodes) current = this.walk(current, node);
    return current;
  }

  private walk(input: Value[], node: PathNode): Value[] {
    switch (node.type) {
      case 'text':
        return [node.text];
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return this.array(input, node.params);
      case 'filter':
        return this.filter(input, node);
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new FloatLiteral(node.value));
      case 'wildcard':
        return input.flatMap((value) => children(value));
      case 'recursive':
        return this.recursive(input);
      case 'union':
        return node.branches.flatMap((branch) => this.list(input, branch));
      case 'identifier':
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private field(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const value of input) {
      if (isMap(value) && Object.hasOwn(value, name)) results.push(value[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private array(input: Value[], params: readonly [SliceParam, SliceParam, SliceParam]): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JsonPathError(`${goType(value)} is not array or slice`);
      const length = value.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += length;
      let end = params[1].known ? params[1].value : length;
      if (end < 0 || (end === 0 && params[1].derived)) end += length;
      // Asking for nothing is allowed anywhere; client-go then stops looking at further inputs.
      if (start === end) return results;
      if (start >= length || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${length}`);
      if (end > length || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${length}`);
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) results.push(value[i]);
    }
    return results;
  }

  private recursive(input: Value[]): Value[] {
    const results: Value[] = [];
    const visit = (value: Value) => {
      const inner = children(value);
      if (inner.length === 0) return;
      results.push(value);
      for (const child of inner) visit(child);
    };
    for (const value of input) visit(value);
    return results;
  }

  private filter(input: Value[], node: Extract<PathNode, {type: 'filter'}>): Value[] {
    const results: Value[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathError(`${goValue(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        if (node.operator === 'exists') {
          let found: Value[] = [];
          try {
            found = this.list([item], node.left);
          } catch {
            // A path that does not resolve simply does not exist here.
          }
          if (found.length > 0) results.push(item);
          continue;
        }
        const lefts = this.list([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.list([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.operator)) results.push(item);
      }
    }
    return results;
  }
}

/** What `*` and `..` step into: map values, list items, and the bytes of a string (as Go does). */
function children(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.values(value);
  if (typeof value === 'string' && value !== '') return [...Buffer.from(value, 'utf8')];
  return [];
}

function printGroup(results: Value[], outputJson: boolean): string {
  if (outputJson) return `${goJson(results, '    ')}\n`;
  return results.map(goText).join(' ');
}

/**
 * Runs a parsed template over `data` (plain JSON data, as `JSON.parse` returns it) and returns
 * the text kubectl would print: no newline is added at the end.
 */
export function executeJsonPath(template: JsonPathTemplate, data: unknown, options: JsonPathOptions = {}): string {
  const evaluator = new Evaluator(options);
  const outputJson = options.outputJson ?? false;
  let out = '';
  const run = (parts: readonly TemplatePart[], current: Value) => {
    for (const part of parts) {
      if (part.kind === 'text') {
        out += printGroup([part.text], outputJson);
      } else if (part.kind === 'action') {
        out += printGroup(evaluator.list([current], part.nodes), outputJson);
      } else {
        for (const item of evaluator.list([current], part.nodes)) run(part.body, item);
      }
    }
  };
  run(template.parts, data);
  return out;
}

/** Parses and runs a template in one go. */
export function jsonpath(template: string, data: unknown, options: JsonPathOptions = {}): string {
  return executeJsonPath(parseJsonPath(template), data, options);
}
