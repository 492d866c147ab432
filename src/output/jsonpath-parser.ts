// The parser of kubectl's JSONPath templates, after client-go's util/jsonpath/parser.go: literal
// text, `{...}` actions scanned character by character with the same rules, quirks and error
// messages (`['a.b']` is the path a.b; a backslash escapes a dot in a field name), then
// `{range}`/`{end}` paired into blocks.

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

export interface SliceParam {
  known: boolean;
  value: number;
  /** The end of `[i]`, which is i+1 and, for `[-1]`, wraps to the length. */
  derived: boolean;
}

export type PathNode =
  | {type: 'text'; text: string}
  | {type: 'field'; name: string}
  | {type: 'identifier'; name: string}
  | {type: 'array'; params: readonly [SliceParam, SliceParam, SliceParam]}
  | {type: 'filter'; left: PathNode[]; right: PathNode[]; operator: string}
  | {type: 'int'; value: number}
  | {type: 'float'; value: number}
  | {type: 'bool'; value: boolean}
  | {type: 'wildcard'}
  | {type: 'recursive'}
  | {type: 'union'; branches: PathNode[][]};

/** What a template is made of: literal text, `{...}` actions and `{range ...}...{end}` blocks. */
export type TemplatePart =
  | {kind: 'text'; text: string}
  | {kind: 'action'; nodes: PathNode[]}
  | {kind: 'range'; nodes: PathNode[]; body: TemplatePart[]};

export interface JsonPathTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}


// ---------------------------------------------------------------------------------------------
// Parser (mirrors the structure of parser.go: text, then actions scanned rune by rune)

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const ALPHANUMERIC = /^[\p{L}\p{Nd}_]$/u;

const isSpace = (c: string) => c === ' ' || c === '\t';
const isEndOfLine = (c: string) => c === '\r' || c === '\n';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlphaNumeric = (c: string) => c !== '' && ALPHANUMERIC.test(c);
const isTerminator = (c: string) => c === '' || isSpace(c) || isEndOfLine(c) || '.,[]$@{}'.includes(c);

/** Go's %#U: U+007B '{'. */
function describeRune(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

class Scanner {
  readonly input: string;
  pos = 0;
  start = 0;
  private width = 0;

  constructor(input: string) {
    this.input = input;
  }

  /** The next character (a whole code point), or '' at the end. */
  next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return '';
    }
    const c = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = c.length;
    this.pos += c.length;
    return c;
  }

  backup(): void {
    this.pos -= this.width;
  }

  peek(): string {
    const c = this.next();
    this.backup();
    return c;
  }

  consume(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  rest(): string {
    return this.input.slice(this.pos);
  }
}

/** The top-level nodes of a template: text, and one node list per `{...}` action. */
function parseTopLevel(text: string): Array<string | PathNode[]> {
  const scanner = new Scanner(text);
  const out: Array<string | PathNode[]> = [];
  for (;;) {
    const brace = text.indexOf('{', scanner.pos);
    if (brace < 0) {
      if (text.length > scanner.start) out.push(text.slice(scanner.start));
      return out;
    }
    if (brace > scanner.start) out.push(text.slice(scanner.start, brace));
    scanner.pos = brace + 1;
    scanner.consume();
    const nodes: PathNode[] = [];
    parseInsideAction(scanner, nodes);
    out.push(nodes);
  }
}

/** Parses `text` as the inside of one action (parser.go's parseAction). */
function parseAction(text: string): PathNode[] {
  const first = parseTopLevel(`{${text}}`)[0];
  return Array.isArray(first) ? first : [];
}

function parseInsideAction(s: Scanner, cur: PathNode[]): void {
  for (;;) {
    const rest = s.rest();
    if (rest.startsWith('}')) {
      s.pos += 1;
      s.consume();
      return;
    }
    if (rest.startsWith('[?(')) {
      parseFilter(s, cur);
      continue;
    }
    if (rest.startsWith('..')) {
      parseRecursive(s, cur);
      continue;
    }
    const c = s.next();
    if (c === '' || isEndOfLine(c)) throw new JsonPathError('unclosed action');
    if (c === ' ' || c === '@' || c === '$') {
      // Spaces separate; @ and $ name the current object, which is where evaluation already is.
      s.consume();
    } else if (c === '[') {
      parseArray(s, cur);
    } else if (c === '"' || c === "'") {
      parseQuote(s, cur, c);
    } else if (c === '.') {
      parseField(s, cur);
    } else if (c === '+' || c === '-' || isDigit(c)) {
      s.backup();
      parseNumber(s, cur);
    } else if (isAlphaNumeric(c)) {
      s.backup();
      parseIdentifier(s, cur);
    } else {
      throw new JsonPathError(`unrecognized character in action: ${describeRune(c)}`);
    }
  }
}

function parseIdentifier(s: Scanner, cur: PathNode[]): void {
  while (!isTerminator(s.next()));
  s.backup();
  const name = s.consume();
  if (name === 'true' || name === 'false') cur.push({type: 'bool', value: name === 'true'});
  else cur.push({type: 'identifier', name});
}

function parseRecursive(s: Scanner, cur: PathNode[]): void {
  if (cur.at(-1)?.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
  s.pos += 2;
  s.consume();
  cur.push({type: 'recursive'});
  if (isAlphaNumeric(s.peek())) parseField(s, cur);
}

function parseNumber(s: Scanner, cur: PathNode[]): void {
  const sign = s.peek();
  if (sign === '+' || sign === '-') s.next();
  for (;;) {
    const c = s.next();
    if (c !== '.' && !isDigit(c)) {
      s.backup();
      break;
    }
  }
  const text = s.consume();
  if (INTEGER.test(text)) cur.push({type: 'int', value: Number.parseInt(text, 10)});
  else if (FLOAT.test(text)) cur.push({type: 'float', value: Number.parseFloat(text)});
  else throw new JsonPathError(`cannot parse number ${text}`);
}

function parseArray(s: Scanner, cur: PathNode[]): void {
  for (;;) {
    const c = s.next();
    if (c === '' || c === '\n') throw new JsonPathError('unterminated array');
    if (c === ']') break;
  }
  let text = s.consume().slice(1, -1);
  if (text === '*') text = ':';

  const members = text.split(',');
  if (members.length > 1) {
    cur.push({type: 'union', branches: members.map((member) => parseAction(`[${member.replace(/^ +| +$/g, '')}]`))});
    return;
  }

  // ['key'] reads as .key: dots in it still separate fields, as in kubectl.
  const key = DICT_KEY.exec(text);
  if (key) {
    cur.push(...parseAction(`.${key[1]}`));
    return;
  }

  const slice = SLICE.exec(text);
  if (!slice) throw new JsonPathError(`invalid array index ${text}`);
  const params: SliceParam[] = [];
  for (let i = 0; i < 3; i++) {
    let part = slice[i + 1] ?? '';
    if (part !== '') {
      if (i > 0) part = part.slice(1);
      if (i > 0 && part === '') {
        params.push({known: false, value: 0, derived: false});
      } else {
        if (!INTEGER.test(part)) throw new JsonPathError(`array index ${part} is not a number`);
        params.push({known: true, value: Number.parseInt(part, 10), derived: false});
      }
    } else if (i === 1) {
      params.push({known: true, value: params[0]!.value + 1, derived: true});
    } else {
      params.push({known: false, value: 0, derived: false});
    }
  }
  cur.push({type: 'array', params: [params[0]!, params[1]!, params[2]!]});
}

function parseFilter(s: Scanner, cur: PathNode[]): void {
  s.pos += 3;
  s.consume();
  // Scan to the ')' that is outside the (at most one) quoted string on the right.
  let begin = false;
  let end = false;
  let pair = '';
  for (;;) {
    const c = s.next();
    if (c === '' || c === '\n') throw new JsonPathError('unterminated filter');
    if (c === '"' || c === "'") {
      if (!begin) {
        begin = true;
        pair = c;
        continue;
      }
      if (s.input[s.pos - 2] !== '\\' && c === pair) end = true;
    } else if (c === ')' && begin === end) {
      break;
    }
  }
  if (s.next() !== ']') throw new JsonPathError('unclosed array expect ]');
  const text = s.consume().slice(0, -2);
  const comparison = FILTER.exec(text);
  if (!comparison) {
    cur.push({type: 'filter', left: parseAction(text), right: [], operator: 'exists'});
  } else {
    cur.push({type: 'filter', left: parseAction(comparison[1]!), right: parseAction(comparison[3]!), operator: comparison[2]!});
  }
}

function parseQuote(s: Scanner, cur: PathNode[], quote: string): void {
  for (;;) {
    const c = s.next();
    if (c === '' || c === '\n') throw new JsonPathError('unterminated quoted string');
    if (c === quote && s.input[s.pos - 2] !== '\\') break;
  }
  const text = s.consume();
  cur.push({type: 'text', text: unquote(text)});
}

function parseField(s: Scanner, cur: PathNode[]): void {
  s.consume();
  // A backslash escapes the next character (`kubernetes\.io/name`); all backslashes are dropped.
  for (;;) {
    const c = s.next();
    if (c === '\\') {
      s.next();
    } else if (isTerminator(c)) {
      s.backup();
      break;
    }
  }
  const name = s.consume();
  if (name === '*') cur.push({type: 'wildcard'});
  else cur.push({type: 'field', name: name.replaceAll('\\', '')});
}

const SIMPLE_ESCAPES: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\'};

/** Go's strconv.Unquote, extended (as parser.go's UnquoteExtend) to single-quoted strings. */
function unquote(quoted: string): string {
  const fail = (): never => {
    throw new JsonPathError(`unquote string ${quoted} error invalid syntax`);
  };
  const quote = quoted[0]!;
  if (quoted.length < 2 || quoted.at(-1) !== quote) fail();
  const body = quoted.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === quote) fail();
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) fail();
    if (e! in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e!];
      i += 2;
    } else if (e === "'" || e === '"') {
      if (e !== quote) fail();
      out += e;
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) fail();
      const code = Number.parseInt(hex, 16);
      if (e === 'x') out += Buffer.from([code]).toString('latin1');
      else if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) fail();
      else out += String.fromCodePoint(code);
      i += 2 + digits;
    } else if (e >= '0' && e <= '7') {
      const octal = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(octal) || Number.parseInt(octal, 8) > 255) fail();
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 4;
    } else {
      fail();
    }
  }
  return out;
}

/** Parses a kubectl JSONPath template; throws JsonPathError with client-go's messages. */
export function parseJsonPath(template: string): JsonPathTemplate {
  const root: TemplatePart[] = [];
  const open: TemplatePart[][] = [root];
  for (const item of parseTopLevel(template)) {
    const into = open.at(-1)!;
    if (typeof item === 'string') {
      into.push({kind: 'text', text: item});
      continue;
    }
    const first = item[0];
    if (first?.type === 'identifier' && first.name === 'range') {
      const block: TemplatePart = {kind: 'range', nodes: item.slice(1), body: []};
      into.push(block);
      open.push(block.body);
    } else if (first?.type === 'identifier' && first.name === 'end') {
      if (open.length === 1) throw new JsonPathError('not in range, nothing to end');
      open.pop();
    } else {
      into.push({kind: 'action', nodes: item});
    }
  }
  // A range left open runs to the end of the template, as in client-go.
  return {source: template, parts: root};
}

