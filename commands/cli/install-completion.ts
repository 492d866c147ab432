// `kubectl <plugin> --install-completion`: krew installs only the plugin, so this writes the
// kubectl_complete-<plugin> companion into the directory from which kubectl runs the plugin
// (the first kubectl-<plugin> on PATH), where kubectl looks for it.

import {accessSync, constants, existsSync, writeFileSync} from 'node:fs';
import {delimiter, dirname, join} from 'node:path';

export function installCompletion(plugin: string, invokedAs: string | undefined): number {
  const executable = process.env.KUBESLEUTH_LAUNCHER || findOnPath(`kubectl-${plugin}`) || invokedAs;
  if (!executable) {
    process.stderr.write(`error: cannot tell where kubectl-${plugin} is installed; put it on PATH first\n`);
    return 2;
  }
  const directory = dirname(executable);
  const target = join(directory, `kubectl_complete-${plugin}`);
  const script = `#!/bin/sh\n# kubectl shell completion for kubectl ${plugin}, written by --install-completion.\nexec "$(dirname "$0")/kubectl-${plugin}" __complete "$@"\n`;
  try {
    writeFileSync(target, script, {mode: 0o755});
  } catch (error) {
    process.stderr.write(`error: cannot write ${target}: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`wrote ${target}\nkubectl now completes \`kubectl ${plugin} <TAB>\` in shells where kubectl completion is set up (kubectl completion bash|zsh|fish).\n`);
  return 0;
}

function findOnPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, name);
    try {
      if (existsSync(candidate)) {
        accessSync(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not executable: keep looking, as kubectl does
    }
  }
  return undefined;
}
