// Where output goes. Renderers take a Writer instead of touching process.stdout, so commands
// can swap stdout for a discard writer (`--quiet`, as kubectl's cani.go does) and tests can
// read what was written from a buffer.

export interface Writer {
  write(text: string): void;
}

/** A writer that remembers everything written; `text()` returns it joined. */
export interface BufferWriter extends Writer {
  text(): string;
  clear(): void;
}

interface WritableLike {
  write(chunk: string): unknown;
}

/** Wraps a Node stream (process.stdout, process.stderr) as a Writer. */
export function streamWriter(stream: WritableLike): Writer {
  return {write: (text) => void stream.write(text)};
}

export function stdoutWriter(): Writer {
  return streamWriter(process.stdout);
}

export function stderrWriter(): Writer {
  return streamWriter(process.stderr);
}

export function bufferWriter(): BufferWriter {
  let parts: string[] = [];
  return {
    write: (text) => void parts.push(text),
    text: () => parts.join(''),
    clear: () => void (parts = []),
  };
}

/** Swallows everything: what `--quiet` swaps stdout for. */
export const discardWriter: Writer = {write: () => undefined};

/** `discardWriter` when quiet, else the writer given. */
export function quietable(writer: Writer, quiet: boolean | undefined): Writer {
  return quiet ? discardWriter : writer;
}

/** Writes `text`, adding a final newline when it lacks one. */
export function writeLine(writer: Writer, text: string): void {
  writer.write(text.endsWith('\n') ? text : `${text}\n`);
}
