// `netpol matrix -o json` streams its rows; a reader that goes away (`| head -1`, EPIPE) ends
// the output quietly, while other write errors still surface.

import {Writable} from 'node:stream';
import {writeChunks} from '../../commands/netpol/matrix.ts';

function failingStream(code: string): {stream: Writable; writes: string[]} {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      writes.push(String(chunk));
      callback(Object.assign(new Error(`write ${code}`), {code}));
    },
  });
  return {stream, writes};
}

function* rows(count: number): Generator<string> {
  for (let index = 0; index < count; index++) yield `row ${index}\n`;
}

describe('writeChunks', () => {
  test('every chunk reaches a healthy stream, waiting for it to drain', async () => {
    const writes: string[] = [];
    const stream = new Writable({highWaterMark: 4, write(chunk, _encoding, callback) { writes.push(String(chunk)); setImmediate(callback); }});
    await writeChunks(stream, rows(5));
    expect(writes).toEqual([...rows(5)]);
  });

  test('EPIPE: stops after the failed write, no error', async () => {
    const {stream, writes} = failingStream('EPIPE');
    await expect(writeChunks(stream, rows(1000))).resolves.toBeUndefined();
    expect(writes).toHaveLength(1);
    // the stream reports again later: heard, not thrown
    await new Promise((resolve) => setImmediate(resolve));
  });

  test('another write error is thrown', async () => {
    const {stream} = failingStream('EIO');
    await expect(writeChunks(stream, rows(3))).rejects.toThrow('write EIO');
  });
});
