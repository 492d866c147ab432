import {describe, expect, test} from '@jest/globals';
import {createProgress} from '../../src/output/progress.ts';

function fakeTerminal(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return {chunks, stream: {isTTY, columns, write: (text: string) => chunks.push(text)}};
}

describe('progress', () => {
  test('silent when stderr is not a terminal', () => {
    const {chunks, stream} = fakeTerminal(false);
    const progress = createProgress({stream, total: 3, delayMs: 0});
    progress.tick();
    progress.update(3);
    progress.done();
    expect(chunks).toEqual([]);
  });

  test('a bar, throttled, cleared at the end', () => {
    let time = 0;
    const {chunks, stream} = fakeTerminal(true);
    const progress = createProgress({stream, label: 'listing', total: 4, intervalMs: 100, delayMs: 0, now: () => time});
    progress.tick(); // drawn
    time = 50;
    progress.tick(); // throttled
    time = 150;
    progress.tick(); // drawn
    progress.tick(); // the last step always draws
    progress.done();
    progress.done();
    expect(chunks).toEqual([
      `\r\x1b[Klisting [${'='.repeat(6)}${' '.repeat(18)}] 1/4`,
      `\r\x1b[Klisting [${'='.repeat(18)}${' '.repeat(6)}] 3/4`,
      `\r\x1b[Klisting [${'='.repeat(24)}] 4/4`,
      '\r\x1b[K',
    ]);
  });

  test('a counter when the total is unknown; nothing before the delay', () => {
    let time = 0;
    const {chunks, stream} = fakeTerminal(true);
    const progress = createProgress({stream, delayMs: 250, now: () => time});
    progress.tick();
    time = 300;
    progress.update(7, {label: 'pods'});
    progress.done();
    expect(chunks).toEqual(['\r\x1b[Kpods 7', '\r\x1b[K']);
  });

  test('quick work leaves no trace', () => {
    const {chunks, stream} = fakeTerminal(true);
    const progress = createProgress({stream, total: 2, now: () => 0});
    progress.tick();
    progress.tick();
    progress.done();
    expect(chunks).toEqual([]);
  });

  test('stays within the terminal width', () => {
    const {chunks, stream} = fakeTerminal(true, 20);
    const progress = createProgress({stream, label: 'a very long label indeed', total: 10, delayMs: 0, now: () => 0});
    progress.tick();
    expect(chunks[0]).toBe(`\r\x1b[K${'a very long label indeed'.slice(0, 19)}`);
  });
});
