// writeJsonByLine: one array item per line, as `-o json` of `monitor targets` prints it; the bytes
// must not depend on where chunks end (items larger than a chunk, non-ASCII text, many chunks).
import {writeJsonByLine} from '../../src/output/json-by-line.ts';

/** The same layout built as one string. */
function expected(value: Record<string, unknown>): string {
  const fields = Object.entries(value).map(([key, field]) => {
    const text = Array.isArray(field) && field.length > 0 ? `[${field.map((item) => `\n    ${JSON.stringify(item)}`).join(',')}\n  ]` : `${JSON.stringify(field)}`;
    return `\n  ${JSON.stringify(key)}: ${text}`;
  });
  return `{${fields.join(',')}\n}\n`;
}

function written(value: Record<string, unknown>, reuse: boolean): {text: string; chunks: number} {
  const parts: Buffer[] = [];
  writeJsonByLine(value, (chunk) => {
    parts.push(Buffer.from(chunk));
    return reuse;
  });
  return {text: Buffer.concat(parts).toString('utf8'), chunks: parts.length};
}

const many = Array.from({length: 30_000}, (_, i) => ({name: `target-${i}`, labels: {job: 'j', instance: `10.0.${i >> 8}.${i & 255}:9100`, note: i % 7 === 0 ? 'ünïcödé ✓ \u{1F600}' : ''}}));

test.each([
  {name: 'empty object', value: {}},
  {name: 'scalars, empty arrays and undefined', value: {a: 1, b: [], c: 'x', d: undefined, e: null, f: {g: [1]}}},
  {name: 'an item larger than a chunk', value: {items: [{big: 'x'.repeat(600_000)}, {big: 'é'.repeat(400_000)}, 1]}},
  {name: 'many chunks with non-ASCII text', value: {first: 'v', items: many, after: [], last: {ok: true}}},
])('$name', ({value}) => {
  for (const reuse of [false, true]) {
    const {text} = written(value, reuse);
    expect(text).toBe(expected(value));
  }
});

test('large output goes out in several chunks', () => {
  expect(written({items: many}, true).chunks).toBeGreaterThan(1);
});
