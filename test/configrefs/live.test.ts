// Live mode: the inspect commands against the test cluster (test/cluster) over HTTP, through
// the same Source as a real cluster. Secrets arrive base64 from the API; with -v 9 every request
// is logged, and still no value may reach stdout or stderr.

import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {buildFixture, leakForms, MARKER} from './fixtures.ts';
import {runCaptured} from './run-inspect.ts';

const fixture = buildFixture(Date.now());
const forbidden = fixture.secrets.flatMap(leakForms);
let cluster: TestCluster;
let forbidding: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster({objects: structuredClone(fixture.objects)});
  forbidding = await startTestCluster({objects: structuredClone(fixture.objects), forbid: ['secrets', 'ingresses.networking.k8s.io']});
});
afterAll(async () => {
  await cluster?.close();
  await forbidding?.close();
});

const connect = (target: () => TestCluster) => ['--server', target().url, '--token', target().token];

function expectNoLeak(text: string): void {
  for (const form of forbidden) expect(text.includes(form) ? form : '').toBe('');
}

describe('against the test cluster', () => {
  test.each([
    ['secret api', ['secret', 'api', '-n', 'shop']],
    ['secret registry -o json', ['secret', 'registry', '-n', 'shop', '-o', 'json']],
    ['secret shop-tls -o yaml', ['secret', 'shop-tls', '-n', 'shop', '-o', 'yaml']],
    ['refs -A', ['refs', '-A']],
    ['certs -A -o wide', ['certs', '-A', '-o', 'wide']],
    ['configmap settings', ['configmap', 'settings', '-n', 'shop']],
  ])('%s, with every request logged (-v 9), shows no value', async (_name, argv) => {
    const result = await runCaptured([...argv, ...connect(() => cluster), '-v', '9']);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    expectNoLeak(result.stdout);
    expectNoLeak(result.stderr);
  });

  test('the same answers as offline: refs finds the missing key', async () => {
    const result = await runCaptured(['refs', '-n', 'shop', '-o', 'json', '--fail', ...connect(() => cluster)]);
    expect(result.code).toBe(1);
    const answer = JSON.parse(result.stdout);
    expect(answer.dangling.map((row: {target: {name: string; key?: string}}) => `${row.target.name}[${row.target.key ?? ''}]`)).toEqual([
      'ca-bundle[missing.crt]', 'flags[x]', 'backup-creds[]', 'db[host]', 'missing-tls[]']);
  });

  test('--key K --reveal reads the value from the API', async () => {
    const result = await runCaptured(['secret', 'api', '-n', 'shop', '--key', 'api-key', '--reveal', ...connect(() => cluster)]);
    expect(result.stdout).toBe(MARKER);
  });

  test('a Secret that does not exist: exit 2, says so', async () => {
    const result = await runCaptured(['secret', 'nope', '-n', 'shop', ...connect(() => cluster)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('secrets "nope" not found in namespace "shop"');
  });

  test('Secrets forbidden: exit 3 (they are what refs needs); a forbidden optional kind is a warning', async () => {
    const result = await runCaptured(['refs', '-n', 'shop', ...connect(() => forbidding)]);
    expect(result.code).toBe(3);
    expectNoLeak(result.stderr);
  });
});

test('-v 9 does log the requests (so the checks above saw them)', async () => {
  const result = await runCaptured(['secret', 'api', '-n', 'shop', ...connect(() => cluster), '-v', '9']);
  expect(result.stderr).toContain('/api/v1/namespaces/shop/secrets/api');
});
