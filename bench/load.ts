// Manifest loading: objects per second for YAML and JSON input at 30,000 objects (the scale
// DESIGN.md measured), through the same ManifestSource the plugins use offline.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ManifestSource} from '../src/cluster/manifest-source.ts';
import {formatMs} from './lib/timing.ts';
import {generatePods} from './lib/generate.ts';

export default async function benchLoad(): Promise<void> {
  const objects = generatePods(30_000);
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-load-'));
  try {
    const yamlFile = join(directory, 'pods.yaml');
    const jsonFile = join(directory, 'pods.json');
    const {dump} = await import('js-yaml');
    writeFileSync(yamlFile, objects.map((object) => dump(object)).join('---\n'));
    writeFileSync(jsonFile, JSON.stringify({apiVersion: 'v1', kind: 'List', items: objects}));
    for (const [label, file] of [['YAML', yamlFile], ['JSON', jsonFile]]) {
      const start = performance.now();
      const source = ManifestSource.fromPaths([file]);
      const elapsed = performance.now() - start;
      const count = source.allObjects().length;
      process.stdout.write(`${label}: ${count} objects in ${formatMs(elapsed)} = ${Math.round(count / (elapsed / 1000)).toLocaleString('en')} objects/s\n`);
    }
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
}
