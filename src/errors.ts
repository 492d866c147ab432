// Typed errors thrown by the core. One handler (src/cli/handle-error.ts) maps them to
// CONTRACT.md's exit codes; nothing in src/ exits or prints.

/** Exit codes fixed by CONTRACT.md. */
export const ExitCode = {
  ok: 0,
  found: 1,
  usage: 2,
  cluster: 3,
} as const;

export class SleuthError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  constructor(message: string, exitCode: number, options: {hint?: string; cause?: unknown} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.name = new.target.name;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends SleuthError {
  constructor(message: string, options: {hint?: string; cause?: unknown} = {}) {
    super(message, ExitCode.usage, options);
  }
}

/** Where a piece of bad input sits: file, document (1-based) and field path. */
export interface InputLocation {
  file?: string;
  document?: number;
  field?: string;
  line?: number;
  column?: number;
}

export function describeLocation(location: InputLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) {
    let place = location.file;
    if (location.line !== undefined) place += `:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`;
    parts.push(place);
  }
  if (location.document !== undefined) parts.push(`document ${location.document}`);
  if (location.field !== undefined) parts.push(`field ${location.field}`);
  return parts.join(', ');
}

/** Unreadable or invalid input: manifests, configs, rules (exit 2). The message names where. */
export class InputError extends SleuthError {
  readonly location: InputLocation;
  constructor(message: string, location: InputLocation = {}, options: {hint?: string; cause?: unknown} = {}) {
    const where = describeLocation(location);
    super(where ? `${where}: ${message}` : message, ExitCode.usage, options);
    this.location = location;
  }
}

/** The cluster could not be read: unreachable, unauthorized, forbidden, timeout (exit 3). */
export class ClusterError extends SleuthError {
  readonly server?: string;
  readonly resource?: string;
  readonly status?: number;
  constructor(message: string, options: {server?: string; resource?: string; status?: number; hint?: string; cause?: unknown} = {}) {
    super(message, ExitCode.cluster, options);
    this.server = options.server;
    this.resource = options.resource;
    this.status = options.status;
  }
}
