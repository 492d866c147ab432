// oclif configured in memory: the bundled plugins (and the single executables) have no
// package.json beside them to discover commands from, so the config is built from constants.

import {Config} from '@oclif/core';

declare const KUBESLEUTH_VERSION: string | undefined;

export const suiteVersion = typeof KUBESLEUTH_VERSION === 'string' ? KUBESLEUTH_VERSION : '0.0.0-dev';

export async function loadOclifConfig(root: string): Promise<Config> {
  return Config.load({
    root,
    pjson: {
      name: 'kubesleuth',
      version: suiteVersion,
      oclif: {bin: 'kubectl', topicSeparator: ' ', commands: undefined as never},
    } as never,
  });
}
