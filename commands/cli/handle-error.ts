// The one place that turns an error into a message on stderr and an exit code (CONTRACT.md).

import {SleuthError} from '../../src/errors.ts';

interface OclifError {
  message: string;
  oclif?: {exit?: number};
  code?: string;
}

/** Returns the exit code; writes one line (plus a hint) to stderr. */
export function handleError(error: unknown, debug: boolean, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  if (error instanceof SleuthError) {
    // One line, whatever a dependency put into the message.
    write(`error: ${error.message.split('\n')[0]}\n`);
    if (error.hint) write(`hint: ${error.hint}\n`);
    if (debug) write(`${stackWithCauses(error)}\n`);
    return error.exitCode;
  }
  const oclifError = error as OclifError;
  if (oclifError && typeof oclifError === 'object' && oclifError.oclif && typeof oclifError.oclif.exit === 'number') {
    // oclif's own parse errors (unknown flag, missing value): bad usage.
    if (oclifError.oclif.exit === 0) return 0;
    write(`error: ${firstLine(oclifError.message)}\n`);
    if (debug) write(`${stackWithCauses(error)}\n`);
    return 2;
  }
  write(`error: ${error instanceof Error ? firstLine(error.message) : String(error)}\n`);
  write(debug ? `${stackWithCauses(error)}\n` : 'hint: this is a kubesleuth defect; run again with --debug for details and report it\n');
  return 1;
}

/** oclif's parse errors span lines ("The following error occurred:", details, "See more help"): keep the details. */
function firstLine(message: string): string {
  const details = message.split('\n').map((line) => line.trim())
    .filter((line) => line && !line.startsWith('See more help') && !/^The following errors? occurred:$/.test(line));
  return details.join('; ') || message;
}

function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current) {
    parts.push(current instanceof Error ? current.stack ?? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current) parts.push('Caused by:');
  }
  return parts.join('\n');
}
