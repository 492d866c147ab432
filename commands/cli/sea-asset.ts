// In a single executable the plugin's body is an asset (scripts/package.ts): compiled here,
// only when a command runs, with the executable's own restricted require (built-ins only;
// everything else is bundled in). Executables for the build's own platform also carry a V8
// code cache of it (`<name>.cache`), made by the same Node at package time.

import {createRequire} from 'node:module';
import {Script} from 'node:vm';

interface SeaAssets {
  getAsset(key: string, encoding: string): string;
  getAsset(key: string): ArrayBuffer;
}

/** The exact text that is compiled, here and when the cache is made. */
export function seaWrapper(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

export async function runSeaAsset(name: string): Promise<void> {
  const sea = createRequire(process.execPath)('node:sea') as SeaAssets;
  let cachedData: Buffer | undefined;
  try {
    cachedData = Buffer.from(sea.getAsset(`${name}.cache`));
  } catch {
    // Executables for other platforms have no cache: V8 compiles as usual.
  }
  const script = new Script(seaWrapper(sea.getAsset(name, 'utf8')), {filename: name, cachedData});
  const wrapper = script.runInThisContext();
  const module = {exports: {}};
  wrapper(module.exports, createRequire(process.execPath), module, process.execPath, process.cwd());
}
