// In a single executable the plugin's body is an asset (scripts/package.ts): compiled here,
// only when a command runs, with the executable's own restricted require (built-ins only;
// everything else is bundled in).

import {createRequire} from 'node:module';
import {runInThisContext} from 'node:vm';

export async function runSeaAsset(name: string): Promise<void> {
  const {getAsset} = createRequire(process.execPath)('node:sea') as {getAsset(key: string, encoding: string): string};
  const source = getAsset(name, 'utf8');
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {filename: `${process.execPath}/${name}`});
  const module = {exports: {}};
  wrapper(module.exports, createRequire(process.execPath), module, process.execPath, process.cwd());
}
