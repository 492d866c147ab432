import {describe, expect, test} from '@jest/globals';
import {bufferWriter, discardWriter, quietable, streamWriter, writeLine} from '../../src/output/writer.ts';

describe('writers', () => {
  test('a buffer keeps what was written', () => {
    const buffer = bufferWriter();
    buffer.write('a');
    writeLine(buffer, 'b');
    writeLine(buffer, 'c\n');
    writeLine(buffer, '');
    expect(buffer.text()).toBe('ab\nc\n\n');
    buffer.clear();
    expect(buffer.text()).toBe('');
  });

  test('--quiet discards', () => {
    const buffer = bufferWriter();
    quietable(buffer, true).write('x');
    quietable(buffer, false).write('y');
    discardWriter.write('z');
    expect(buffer.text()).toBe('y');
  });

  test('a stream writer writes through', () => {
    const chunks: string[] = [];
    streamWriter({write: (chunk: string) => chunks.push(chunk)}).write('hello');
    expect(chunks).toEqual(['hello']);
  });
});
