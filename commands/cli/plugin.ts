// What a plugin is: its name, what it answers, and its subcommands (or its one command).

import type {SleuthCommand} from '../base.ts';

export type CommandClass = (typeof SleuthCommand) & {new (...args: any[]): SleuthCommand};

export interface PluginDefinition {
  /** The name after `kubectl`: tree, netpol, rbac, inspect, monitor. */
  name: string;
  summary: string;
  description: string;
  /** Subcommands by name; a plugin with a single command (tree) has exactly one, named like the plugin. */
  commands: Record<string, CommandClass>;
  /** True when the plugin is one command taking arguments directly (`kubectl tree KIND NAME`). */
  single?: boolean;
}

/** The oclif id of a subcommand: `netpol:test`, or `tree` for a single-command plugin. */
export function commandId(plugin: PluginDefinition, name: string): string {
  return plugin.single ? plugin.name : `${plugin.name}:${name}`;
}
