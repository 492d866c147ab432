// `-o/--output`: which format the user asked for (kubectl's spellings), and how a result prints
// in the structured formats. Text formats (text, wide, name) are rendered by each command.

import {readFileSync} from 'node:fs';
import {UsageError} from '../errors.ts';
import {executeJsonPath, JsonPathError, parseJsonPath} from './jsonpath.ts';

export type OutputKind = 'text' | 'wide' | 'json' | 'yaml' | 'jsonpath' | 'name';

export interface OutputFormat {
  kind: OutputKind;
  /** The jsonpath template (read from the file for `jsonpath-file=FILE`). */
  template?: string;
  /** `jsonpath-as-json`: each action prints a JSON array. */
  asJson?: boolean;
}

export interface OutputFormatOptions {
  /** The command has extra columns for `-o wide`. */
  allowWide?: boolean;
  /** The command can print `KIND/NAME` lines for `-o name`. */
  allowName?: boolean;
  /** Reads `jsonpath-file=FILE` (tests pass their own). */
  readFile?: (path: string) => string;
}

const JSONPATH_KINDS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

function allowedFormats(options: OutputFormatOptions): string {
  const formats = ['text', ...(options.allowWide ? ['wide'] : []), 'json', 'yaml', ...(options.allowName ? ['name'] : []), 'jsonpath=TEMPLATE', 'jsonpath-as-json=TEMPLATE', 'jsonpath-file=FILE'];
  return formats.join(', ');
}

/** Drops one pair of quotes around a whole template (`jsonpath='{...}'` where no shell took them). */
function unquoteTemplate(template: string): string {
  const first = template[0];
  if (template.length >= 2 && (first === "'" || first === '"') && template.at(-1) === first) return template.slice(1, -1);
  return template;
}

/** Parses an `-o` value; unknown formats and bad templates are a UsageError (exit 2). */
export function parseOutputFormat(value: string | undefined, options: OutputFormatOptions = {}): OutputFormat {
  const spec = (value ?? '').trim();
  if (spec === '' || spec === 'text') return {kind: 'text'};
  if (spec === 'json' || spec === 'yaml') return {kind: spec};
  if (spec === 'wide' && options.allowWide) return {kind: 'wide'};
  if (spec === 'name' && options.allowName) return {kind: 'name'};

  const equals = spec.indexOf('=');
  const name = equals < 0 ? spec : spec.slice(0, equals);
  if (JSONPATH_KINDS.includes(name)) {
    const argument = equals < 0 ? '' : spec.slice(equals + 1);
    if (argument === '') {
      throw new UsageError(`output format ${name} needs a ${name === 'jsonpath-file' ? 'file' : 'template'}`, {
        hint: `for example -o ${name}=${name === 'jsonpath-file' ? 'template.txt' : "'{.metadata.name}'"}`,
      });
    }
    let template: string;
    if (name === 'jsonpath-file') {
      template = readTemplateFile(argument, options);
    } else {
      template = unquoteTemplate(argument);
    }
    try {
      parseJsonPath(template);
    } catch (error) {
      if (error instanceof JsonPathError) throw new UsageError(`error parsing jsonpath ${template}: ${error.message}`);
      throw error;
    }
    return {kind: 'jsonpath', template, ...(name === 'jsonpath-as-json' ? {asJson: true} : {})};
  }

  throw new UsageError(`unknown output format "${spec}": allowed formats are ${allowedFormats(options)}`);
}

function readTemplateFile(path: string, options: OutputFormatOptions): string {
  try {
    return (options.readFile ?? ((file: string) => readFileSync(file, 'utf8')))(path);
  } catch (error) {
    throw new UsageError(`cannot read the jsonpath template file ${path}: ${(error as Error).message}`);
  }
}

/**
 * The text of `value` in a structured format: JSON (2-space indent, fields in the order the
 * result has them, final newline), YAML, or a jsonpath template run as `kubectl get` runs it
 * (missing keys print nothing; no newline added). Async only because YAML loads lazily.
 */
export async function formatStructured(value: unknown, format: OutputFormat): Promise<string> {
  switch (format.kind) {
    case 'json':
      return `${JSON.stringify(value, null, 2) ?? 'null'}\n`;
    case 'yaml': {
      const {toYaml} = await import('./yaml-format.ts');
      return toYaml(value);
    }
    case 'jsonpath':
      return formatJsonPath(value, format.template ?? '', format.asJson ?? false);
    default:
      throw new TypeError(`output format ${format.kind} is not a structured format`);
  }
}

/** Runs a jsonpath template over the JSON form of `value` (what `-o json` prints). */
export function formatJsonPath(value: unknown, template: string, asJson = false): string {
  // The template sees exactly what -o json shows: no undefined fields, dates as strings.
  const text = JSON.stringify(value);
  const data: unknown = text === undefined ? null : JSON.parse(text);
  try {
    return executeJsonPath(parseJsonPath(template), data, {allowMissingKeys: true, outputJson: asJson});
  } catch (error) {
    if (error instanceof JsonPathError) throw new UsageError(`error executing jsonpath ${JSON.stringify(template)}: ${error.message}`);
    throw error;
  }
}
