// Where a JSON text first goes wrong, without quoting it. V8's JSON.parse messages embed the
// input ("Unexpected token 'x', "{...}" is not valid JSON"), which for a Secret or ConfigMap
// value would leak it; this scanner only runs after JSON.parse has failed, to find the offset
// and say what was expected there in words of its own.

export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  offset: number;
  line: number;
  column: number;
  expected: string;
}

class Stop {
  readonly offset: number;
  readonly expected: string;
  constructor(offset: number, expected: string) {
    this.offset = offset;
    this.expected = expected;
  }
}

/** Undefined when the text is valid JSON (RFC 8259), else the first error's place. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let position = 0;
  const skipSpace = () => {
    while (position < text.length && ' \t\n\r'.includes(text[position]!)) position++;
  };
  const fail = (expected: string): never => {
    throw new Stop(position, expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, position)) position += word.length;
    else fail('a value');
  };
  const string = () => {
    position++; // opening quote
    for (;;) {
      if (position >= text.length) fail('a closing quote');
      const char = text.charCodeAt(position);
      if (char === 0x22) {
        position++;
        return;
      }
      if (char < 0x20) fail('no control characters inside a string');
      if (char === 0x5c) {
        position++;
        const escape = text[position];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) position++;
        else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(position + 1, position + 5))) position += 5;
        else fail('a valid escape sequence');
      } else {
        position++;
      }
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (!match || match[0] === '' || match[0] === '-') fail('a number');
    position += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail('less nesting');
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      skipSpace();
      if (text[position] === '}') {
        position++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[position] !== '"') fail('a double-quoted property name');
        string();
        skipSpace();
        if (text[position] !== ':') fail("':' after a property name");
        position++;
        value(depth + 1);
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === '}') {
          position++;
          return;
        }
        fail("',' or '}' after a property value");
      }
    } else if (char === '[') {
      position++;
      skipSpace();
      if (text[position] === ']') {
        position++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === ']') {
          position++;
          return;
        }
        fail("',' or ']' after an array element");
      }
    } else if (char === '"') {
      string();
    } else if (char === 't') {
      literal('true');
    } else if (char === 'f') {
      literal('false');
    } else if (char === 'n') {
      literal('null');
    } else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
      number();
    } else {
      fail(position >= text.length ? 'a value before the end of the text' : 'a value');
    }
  };
  try {
    value(0);
    skipSpace();
    if (position < text.length) fail('the end of the text after the value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return {offset: error.offset, ...lineAndColumn(text, error.offset), expected: error.expected};
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return {line, column: offset - lineStart + 1};
}
