// Progress for long work (listing many resources, probing targets). It goes to stderr, and
// only when stderr is a terminal: pipes, CI logs and `2>file` never see redraw codes. Redraws
// are throttled, nothing shows for work that ends quickly, and done() clears the line.

import {displayWidth} from './display-width.ts';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Defaults to process.stderr. */
  stream?: ProgressStream;
  /** What is being done, shown before the count ("listing resources"). */
  label?: string;
  /** The number of steps, when known: a bar is drawn; otherwise a counter. */
  total?: number;
  /** Least time between redraws (default 100 ms). */
  intervalMs?: number;
  /** Nothing is drawn before this much time has passed (default 250 ms). */
  delayMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface Progress {
  /** Sets how many steps are done (and optionally the total and the label). */
  update(done: number, options?: {total?: number; label?: string}): void;
  /** One more step done. */
  tick(label?: string): void;
  /** Clears the line; later calls do nothing. */
  done(): void;
}

const noProgress: Progress = {update: () => undefined, tick: () => undefined, done: () => undefined};

const BAR_WIDTH = 24;

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return noProgress;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const started = now();
  const showAfter = started + (options.delayMs ?? 250);
  let label = options.label ?? '';
  let total = options.total;
  let count = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  let finished = false;

  const render = (): string => {
    const prefix = label ? `${label} ` : '';
    if (total === undefined || total <= 0) return `${prefix}${count}`;
    const ratio = Math.min(1, count / total);
    const filled = Math.round(ratio * BAR_WIDTH);
    return `${prefix}[${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${count}/${total}`;
  };

  const draw = (force: boolean) => {
    const time = now();
    if (time < showAfter) return;
    if (!force && time - lastDraw < interval) return;
    lastDraw = time;
    let line = render();
    const columns = stream.columns ?? 80;
    // Stay on one terminal line, or \r cannot return to its start.
    if (displayWidth(line) >= columns) line = line.slice(0, Math.max(0, columns - 1));
    stream.write(`\r\x1b[K${line}`);
    drawn = true;
  };

  return {
    update(done, more = {}) {
      if (finished) return;
      count = done;
      if (more.total !== undefined) total = more.total;
      if (more.label !== undefined) label = more.label;
      draw(total !== undefined && count >= total);
    },
    tick(nextLabel) {
      this.update(count + 1, nextLabel === undefined ? {} : {label: nextLabel});
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
