// `-f -` reads manifests (Secrets among them) from stdin. oclif reads a missing argument from
// stdin unless told not to; then `refs -f -` swallowed the manifests as its argument and its
// error quoted them. The real plugin entry, in a child process, with a manifest on stdin.

import {spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from '@jest/globals';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runner = `import plugin from ${JSON.stringify(join(root, 'commands/inspect/index.ts'))};
import {runPlugin} from ${JSON.stringify(join(root, 'commands/cli/run-plugin.ts'))};
process.exitCode = await runPlugin(plugin, process.argv.slice(1));`;

const MARKER = 'ZQXstdinMARKERq8w3';
const manifest = `# first line
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: app}
stringData: {password: ${MARKER}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: app}
spec:
  containers:
  - name: c
    image: i
    env:
    - name: PASSWORD
      valueFrom: {secretKeyRef: {name: db, key: password}}
`;

test.each([
  ['refs', ['refs', '-A', '-f', '-']],
  ['secret', ['secret', 'db', '-n', 'app', '-f', '-']],
  ['certs', ['certs', '-A', '-f', '-']],
])('%s -f - reads the manifests from stdin and prints no value', (_name, argv) => {
  const result = spawnSync(process.execPath, ['--input-type=module-typescript', '-e', runner, '--', ...argv, '--no-color'],
    {input: manifest, encoding: 'utf8', timeout: 20_000});
  expect(result.stderr).not.toContain('# first line');
  expect(result.status).toBe(0);
  expect(result.stdout + result.stderr).not.toContain(MARKER);
  if (argv[0] === 'refs') expect(result.stdout).toMatch(/secret\/db\[password\]\s+pod\/p\s+env PASSWORD/);
});
