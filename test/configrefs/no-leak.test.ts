// The promise at the heart of `kubectl inspect`: no Secret value reaches stdout or stderr
// unless --reveal asks. Every subcommand, every output format, every Secret type, error paths
// included; the fixture plants a marker in passwords, tokens, Docker auth strings, opaque
// values and unparseable JSON/YAML, and real private keys are checked by slices of their body.

import {describe, expect, test} from '@jest/globals';
import {buildFixture, leakForms, MARKER} from './fixtures.ts';
import {runInspect} from './run-inspect.ts';

const fixture = buildFixture(Date.now());
const forbidden = fixture.secrets.flatMap(leakForms);
const formats = ['text', 'wide', 'json', 'yaml', 'jsonpath={@}', 'jsonpath={..}'];
const secretNames = fixture.objects.filter((object) => object.kind === 'Secret').map((object) => [object.metadata.name, object.metadata.namespace!]);

function expectNoLeak(text: string): void {
  for (const form of forbidden) {
    if (text.includes(form)) throw new Error(`output leaks a secret value (form ${JSON.stringify(form.slice(0, 6))}...):\n${text.slice(0, 2000)}`);
  }
}

const cases: [string, string[]][] = [];
for (const format of formats) {
  for (const [name, namespace] of secretNames) cases.push([`secret ${namespace}/${name} -o ${format}`, ['secret', name!, '-n', namespace!, '-o', format]]);
  cases.push([`configmap settings -o ${format}`, ['configmap', 'settings', '-n', 'shop', '-o', format]]);
  cases.push([`configmap ca-bundle -o ${format}`, ['configmap', 'ca-bundle', '-n', 'shop', '-o', format]]);
  cases.push([`refs -A -o ${format}`, ['refs', '-A', '-o', format]]);
  cases.push([`refs secret/api -o ${format}`, ['refs', 'secret/api', '-n', 'shop', '-o', format]]);
  cases.push([`certs -A -o ${format}`, ['certs', '-A', '-o', format, '--expiring-within', '30d']]);
}
for (const key of ['api-key', 'settings.json', 'broken.yaml', 'bound-token', 'blob.bin']) {
  cases.push([`secret api --key ${key} (no --reveal)`, ['secret', 'api', '-n', 'shop', '--key', key]]);
  cases.push([`secret api --key ${key} -o json (no --reveal)`, ['secret', 'api', '-n', 'shop', '--key', key, '-o', 'json']]);
}
cases.push(['secret with an unknown key', ['secret', 'api', '-n', 'shop', '--key', 'nope', '--reveal']]);
cases.push(['secret that does not exist', ['secret', 'nope', '-n', 'shop']]);
cases.push(['a bad output format', ['secret', 'api', '-n', 'shop', '-o', 'jsonpath={.keys[']]);

describe('no value without --reveal', () => {
  test.each(cases)('%s', async (_name, argv) => {
    const result = await runInspect(fixture.objects, argv);
    expectNoLeak(result.stdout);
    expectNoLeak(result.stderr);
    expect(result.stdout.length + result.stderr.length).toBeGreaterThan(0);
  });

  test('a Secret whose data is not base64 fails naming the key, not the value', async () => {
    const objects = [{apiVersion: 'v1', kind: 'Secret', metadata: {name: 'bad', namespace: 'shop'}, data: {password: `${MARKER}!!`}}];
    for (const argv of [['secret', 'bad', '-n', 'shop'], ['secret', 'bad', '-n', 'shop', '-o', 'json']]) {
      const result = await runInspect(objects, argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('"password"');
      expect(result.stderr).toContain('not valid base64');
      expectNoLeak(result.stderr + result.stdout);
    }
  });
});

describe('--reveal shows values (the control for the tests above)', () => {
  test.each([
    ['text', ['secret', 'api', '-n', 'shop', '--reveal']],
    ['json', ['secret', 'api', '-n', 'shop', '--reveal', '-o', 'json']],
    ['yaml', ['secret', 'db', '-n', 'shop', '--reveal', '-o', 'yaml']],
  ])('%s', async (_name, argv) => {
    const result = await runInspect(fixture.objects, argv);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(MARKER);
  });

  test('--key K --reveal writes exactly the raw value', async () => {
    const result = await runInspect(fixture.objects, ['secret', 'api', '-n', 'shop', '--key', 'api-key', '--reveal']);
    expect(result.stdout).toBe(MARKER);
    const binary = await runInspect(fixture.objects, ['secret', 'api', '-n', 'shop', '--key', 'blob.bin', '--reveal']);
    expect(binary.stdoutBytes.equals(Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(MARKER)]))).toBe(true);
  });

  test('configmap --key K writes the raw value (ConfigMaps are not secret)', async () => {
    const result = await runInspect(fixture.objects, ['configmap', 'settings', '-n', 'shop', '--key', 'app.yaml']);
    expect(result.stdout).toBe('server:\n  port: 8080\n');
  });
});
