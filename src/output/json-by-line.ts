// `-o json` for results with tens of thousands of array items: one item per line, written as UTF-8
// in chunks of about a megabyte. Each item is stringified on its own and encoded straight into the
// chunk's buffer, so no large string is ever built, flattened, or copied again on its way out.

const CHUNK_BYTES = 1 << 20;

/**
 * Writes `{` + each field on its own line (`"key": value`, arrays as `[` + one item per line + `]`,
 * empty arrays as `[]`) + `}` and a final newline. `write` receives each finished chunk and returns
 * true when it is done with it (the bytes are out), which lets the next chunk reuse its memory.
 */
export function writeJsonByLine(value: object, write: (chunk: Uint8Array) => boolean | void): void {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const put = (text: string) => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (used + text.length * 3 > buffer.length) {
      if (used > 0) {
        // A chunk already written out is filled again: fresh memory costs a page fault per page.
        if (write(buffer.subarray(0, used)) !== true) buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        used = 0;
      }
      if (text.length * 3 > buffer.length) {
        write(Buffer.from(text, 'utf8'));
        return;
      }
    }
    used += buffer.write(text, used);
  };
  const entries = Object.entries(value);
  put('{');
  entries.forEach(([key, field], index) => {
    put(`\n  ${JSON.stringify(key)}: `);
    if (Array.isArray(field) && field.length > 0) {
      put('[');
      for (let i = 0; i < field.length; i++) {
        put(i === 0 ? '\n    ' : ',\n    ');
        put(`${JSON.stringify(field[i])}`);
      }
      put('\n  ]');
    } else {
      put(`${JSON.stringify(field)}`);
    }
    if (index < entries.length - 1) put(',');
  });
  put('\n}\n');
  write(buffer.subarray(0, used));
}
