// Reads manifest inputs (`-f`): files, directories (recursively, .yaml/.yml/.json in name order)
// and `-` for stdin, into raw documents that remember where they came from.

import {readdirSync, readFileSync, readSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {InputError} from '../errors.ts';

export interface ManifestText {
  /** The path as given (or "<stdin>"). */
  file: string;
  text: string;
}

const manifestExtensions = /\.(ya?ml|json)$/i;

export function readManifestInputs(paths: readonly string[], readStdin: () => string = readStandardInput): ManifestText[] {
  const texts: ManifestText[] = [];
  for (const path of paths) {
    if (path === '-') {
      texts.push({file: '<stdin>', text: readStdin()});
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(`the path "${path}" does not exist`, {file: path});
    }
    const files = stats.isDirectory() ? listManifestFiles(path) : [path];
    for (const file of files) texts.push({file, text: readText(file)});
  }
  return texts;
}

function listManifestFiles(directory: string): string[] {
  const entries = readdirSync(directory, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listManifestFiles(path);
    return manifestExtensions.test(entry.name) ? [path] : [];
  });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, {file});
  }
}

/**
 * All of stdin, synchronously. readFileSync(0) fails with EAGAIN (or stops early) once a
 * dependency has touched process.stdin and made the pipe non-blocking, so read in a loop and
 * wait briefly whenever the pipe has nothing yet.
 */
export function readStandardInput(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw new InputError(`cannot read standard input: ${(error as Error).message}`, {file: '<stdin>'});
    }
    if (count === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks).toString('utf8');
}
