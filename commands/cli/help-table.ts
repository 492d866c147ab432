// The help texts and completion data of one plugin, generated at build time from the oclif
// command definitions (scripts/build-help.ts) so that `--help` and Tab never load oclif.

export interface FlagInfo {
  /** Long name without dashes. */
  name: string;
  char?: string;
  takesValue: boolean;
  /** Fixed values for completion (e.g. TCP, UDP, SCTP). */
  options?: string[];
  summary: string;
}

export interface CommandInfo {
  summary: string;
  help: string;
  flags: FlagInfo[];
  /** Completion hints for positional arguments, in order (e.g. resource kinds). */
  argumentValues?: string[][];
}

export interface HelpTable {
  plugin: string;
  single: boolean;
  version: string;
  root: string;
  commands: Record<string, CommandInfo>;
}
