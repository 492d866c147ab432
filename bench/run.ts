// `npm run bench -- NAME...`: runs the named benchmarks (all when none is named). Each
// bench/<name>.ts default-exports an async function that prints its own report; shared
// generators and timing helpers live in bench/lib/.

import {readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const directory = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(directory)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`error: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : available) {
  process.stdout.write(`== ${name}\n`);
  const module = await import(pathToFileURL(join(directory, `${name}.ts`)).href);
  await module.default();
}
