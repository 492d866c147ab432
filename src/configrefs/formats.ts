// What a value is: text or binary, and which inner format (JSON, YAML, PEM, kubeconfig, Java
// properties, INI, a JWT, a Docker config), with a syntax check that points at a line and
// column. Nothing here ever quotes the value: problems are worded from error codes and
// positions only, because the value may be a secret.

import {parseAllDocuments} from 'yaml';
import {findJsonSyntaxError, lineAndColumn} from './json-syntax.ts';

export type ValueKind = 'empty' | 'text' | 'binary';

export type ValueFormat =
  | 'json' | 'yaml' | 'pem' | 'kubeconfig' | 'docker-config' | 'jwt' | 'properties' | 'ini' | 'toml' | 'xml'
  | 'der-certificate' | 'gzip' | 'zip' | 'java-keystore' | 'text' | 'binary';

export interface FormatProblem {
  line: number;
  column?: number;
  message: string;
}

export interface FormatReport {
  kind: ValueKind;
  format: ValueFormat;
  /** How the format was chosen: the key's file extension (checked strictly) or the content. */
  detectedBy: 'extension' | 'content' | 'type';
  problems: FormatProblem[];
}

const extensionFormats: Record<string, ValueFormat> = {
  json: 'json', yaml: 'yaml', yml: 'yaml', properties: 'properties', ini: 'ini', toml: 'toml', xml: 'xml',
  pem: 'pem', crt: 'pem', cer: 'pem', key: 'pem', kubeconfig: 'kubeconfig', dockerconfigjson: 'docker-config',
  dockercfg: 'docker-config', jwt: 'jwt', env: 'properties',
};

/** Whether bytes are UTF-8 text without NUL (what kubectl create configmap puts in `data`). */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function binaryFormat(bytes: Buffer): ValueFormat {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xfeedfeed) return 'java-keystore';
  if (bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81)) return 'der-certificate';
  return 'binary';
}

const JWT = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(text: string): boolean {
  if (!JWT.test(text)) return false;
  try {
    const header = JSON.parse(Buffer.from(text.slice(0, text.indexOf('.')), 'base64url').toString('utf8'));
    return header !== null && typeof header === 'object' && typeof header.alg === 'string';
  } catch {
    return false;
  }
}

/** Detects and checks the format of one value; `key` supplies the file extension hint. */
export function detectFormat(key: string, bytes: Buffer): FormatReport {
  if (bytes.length === 0) return {kind: 'empty', format: 'text', detectedBy: 'content', problems: []};
  if (!isText(bytes)) return {kind: 'binary', format: binaryFormat(bytes), detectedBy: 'content', problems: []};
  const text = bytes.toString('utf8');
  const dot = key.lastIndexOf('.');
  const byExtension = dot >= 0 ? extensionFormats[key.slice(dot + 1).toLowerCase()] : undefined;
  if (byExtension) return {kind: 'text', format: refine(byExtension, text), detectedBy: 'extension', problems: checkFormat(byExtension, text)};
  const format = formatFromContent(text);
  return {kind: 'text', format, detectedBy: 'content', problems: checkFormat(format, text)};
}

// A `.json` that holds a Docker config, or a `.yaml` that is a kubeconfig, says more as that.
function refine(format: ValueFormat, text: string): ValueFormat {
  if (format === 'json' && isDockerConfig(text)) return 'docker-config';
  if ((format === 'yaml' || format === 'json') && isKubeconfig(text)) return 'kubeconfig';
  return format;
}

function formatFromContent(text: string): ValueFormat {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN ')) return 'pem';
  if (looksLikeJwt(trimmed)) return 'jwt';
  const lines = trimmed.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith(';') && !line.startsWith('!'));
  const section = (line: string) => /^\[[^\]]+\]$/.test(line);
  // "[server]" then "port = 80": INI, though it starts like a JSON array.
  if (lines.some(section) && lines.some((line) => !section(line)) && lines.every((line) => section(line) || /^[^=\s][^=]*=/.test(line))) {
    return 'ini';
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (isDockerConfig(trimmed)) return 'docker-config';
    if (isKubeconfig(trimmed)) return 'kubeconfig';
    return 'json';
  }
  if (trimmed.startsWith('<')) return 'xml';
  if (lines.length === 0) return 'text';
  if (lines.every((line) => /^[^=:\s]+\s*=/.test(line))) return 'properties';
  const looksYaml = lines.some((line) => /^(?:[^\s:#][^:#]*|"[^"]*"|'[^']*'):(?:\s|$)/.test(line) || /^- /.test(line) || line === '---');
  if (looksYaml) {
    if (isKubeconfig(trimmed)) return 'kubeconfig';
    return 'yaml';
  }
  return 'text';
}

function isDockerConfig(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) &&
      value.auths !== null && typeof value.auths === 'object';
  } catch {
    return false;
  }
}

function isKubeconfig(text: string): boolean {
  return /(^|\n)\s*"?kind"?\s*:\s*"?Config"?\s*(,|\n|$)/.test(text) && /"?clusters"?\s*:/.test(text);
}

/** The syntax problems of a text in a format; empty when it parses (or has no checker). */
export function checkFormat(format: ValueFormat, text: string): FormatProblem[] {
  switch (format) {
    case 'json':
    case 'docker-config': {
      try {
        JSON.parse(text);
        return [];
      } catch {
        const error = findJsonSyntaxError(text);
        return error ? [{line: error.line, column: error.column, message: `invalid JSON: expected ${error.expected}`}] : [{line: 1, message: 'invalid JSON'}];
      }
    }
    case 'yaml':
    case 'kubeconfig':
      return yamlProblems(text);
    case 'properties':
      return propertiesProblems(text);
    case 'ini':
      return iniProblems(text);
    case 'pem':
      return pemProblems(text);
    default:
      return [];
  }
}

const yamlWords: Record<string, string> = {
  BAD_INDENT: 'bad indentation',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping cannot be a key here (missing line break or indentation?)',
  MULTILINE_IMPLICIT_KEY: 'a key cannot span lines (unclosed quote or bracket?)',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  UNEXPECTED_TOKEN: 'unexpected token',
  DUPLICATE_KEY: 'duplicate key',
  TAB_AS_INDENT: 'tabs cannot indent YAML',
  BAD_SCALAR_START: 'a plain value cannot start with this character',
  MISSING_ANCHOR: 'an alias names an anchor that does not exist',
  MULTIPLE_DOCS: 'several documents where one was expected',
};

function yamlProblems(text: string): FormatProblem[] {
  const problems: FormatProblem[] = [];
  for (const document of parseAllDocuments(text, {prettyErrors: true})) {
    if (!('errors' in document)) continue;
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      const words = yamlWords[error.code] ?? error.code.toLowerCase().replaceAll('_', ' ');
      problems.push({line: position?.line ?? lineAndColumn(text, error.pos[0]).line, column: position?.col, message: `invalid YAML: ${words}`});
    }
  }
  return problems.slice(0, 10);
}

// Java's Properties.load accepts almost anything; what bites in practice is a key given twice
// (the later silently wins) and a trailing backslash that swallows the next line.
function propertiesProblems(text: string): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  let continued = false;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const wasContinued = continued;
    continued = /(^|[^\\])(\\\\)*\\$/.test(line);
    if (wasContinued) return;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) return;
    const match = /^((?:\\.|[^=:\s\\])+)/.exec(trimmed);
    if (!match) return;
    const key = match[1]!;
    const first = seen.get(key);
    if (first !== undefined) problems.push({line: index + 1, message: `duplicate key (first set on line ${first}); the later value wins`});
    else seen.set(key, index + 1);
  });
  const last = lines.length - (lines[lines.length - 1] === '' ? 2 : 1);
  if (last >= 0 && /(^|[^\\])(\\\\)*\\\r?$/.test(lines[last]!)) problems.push({line: last + 1, message: 'a line continuation at the end of the text'});
  return problems.slice(0, 10);
}

function iniProblems(text: string): FormatProblem[] {
  const problems: FormatProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      if (!/^\[[^\]]+\]$/.test(line)) problems.push({line: index + 1, message: 'invalid INI: a section header needs a closing ]'});
      return;
    }
    if (!line.includes('=') && !line.includes(':')) problems.push({line: index + 1, message: 'invalid INI: expected key = value'});
  });
  return problems.slice(0, 10);
}

function pemProblems(text: string): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const open: {label: string; line: number}[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(line);
    const end = /^-----END ([A-Z0-9 ]+)-----$/.exec(line);
    if (begin) {
      if (open.length > 0) problems.push({line: index + 1, message: `invalid PEM: BEGIN ${begin[1]} before the END of the block on line ${open[0]!.line}`});
      open.length = 0;
      open.push({label: begin[1]!, line: index + 1});
    } else if (end) {
      if (open.length === 0) problems.push({line: index + 1, message: `invalid PEM: END ${end[1]} without a BEGIN`});
      else if (open[0]!.label !== end[1]) problems.push({line: index + 1, message: `invalid PEM: END ${end[1]} closes BEGIN ${open[0]!.label} (line ${open[0]!.line})`});
      open.length = 0;
    }
  });
  if (open.length > 0) problems.push({line: open[0]!.line, message: `invalid PEM: BEGIN ${open[0]!.label} is never closed`});
  return problems;
}
