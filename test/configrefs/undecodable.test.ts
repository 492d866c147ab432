// A Secret whose data is not base64 (plain text under `data:` instead of `stringData:`, a
// classic manifest mistake; the API server refuses it, Go's encoding/json reads []byte with
// base64.StdEncoding). `inspect secret` and `inspect configmap` fail with exit 2 naming the file,
// document and field (CONTRACT.md exit codes); the reports over many objects (`refs`, `certs`)
// keep going but say which key of which object could not be decoded.

import {describe, expect, test} from '@jest/globals';
import {listCertificates} from '../../src/configrefs/certs.ts';
import {decodeLeniently, decodeSecret, undecodableValues} from '../../src/configrefs/decode.ts';
import {traceReferences} from '../../src/configrefs/refs.ts';
import {InputError} from '../../src/errors.ts';
import {runInspectOnManifests} from './run-inspect.ts';

const MARKER = 'plaintextpasswordmarker';
const manifest = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: settings, namespace: shop}',
  'data: {mode: fast}',
  'binaryData: {blob: "%%%"}',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata: {name: db, namespace: shop}',
  'data:',
  `  password: ${MARKER}!`,
  '  user: c2hvcA==',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  containers:',
  '  - name: web',
  '    image: nginx',
  '    env:',
  '    - name: PASSWORD',
  '      valueFrom: {secretKeyRef: {name: db, key: password}}',
  '',
].join('\n');
const files = [{file: 'shop.yaml', text: manifest}];

describe('decode', () => {
  const secret = {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db', namespace: 'shop'}, data: {password: `${MARKER}!`, user: 'c2hvcA=='}};

  test('the InputError names file, document and field when the origin is known', () => {
    expect(() => decodeSecret(secret, {origin: {file: 'shop.yaml', document: 2}}))
      .toThrow('shop.yaml, document 2, field data.password: Secret shop/db: the value of key "password" in data is not valid base64');
    try {
      decodeSecret(secret, {origin: {file: 'shop.yaml', document: 2}});
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toEqual({file: 'shop.yaml', document: 2, field: 'data.password'});
      expect((error as InputError).message).not.toContain(MARKER);
    }
  });

  test('leniently: the values that decode, and the keys that do not', () => {
    const {values, undecodable} = decodeLeniently(secret);
    expect(values.map((value) => [value.key, value.bytes.toString()])).toEqual([['user', 'shop']]);
    expect(undecodable).toEqual([expect.objectContaining({field: 'data.password', key: 'password', reason: 'not valid base64'})]);
    expect(undecodableValues(secret)).toEqual(undecodable);
  });

  test.each([
    ['valid data', {kind: 'Secret', data: {a: 'YQ=='}}, []],
    ['null value', {kind: 'Secret', data: {a: null}}, []],
    ['a number in data', {kind: 'Secret', data: {a: 5}}, ['data.a not a base64 string']],
    ['data not a mapping', {kind: 'Secret', data: 'x'}, ['data not a mapping of keys to values']],
    ['ConfigMap data is text', {kind: 'ConfigMap', data: {a: '%%%'}}, []],
    ['ConfigMap binaryData', {kind: 'ConfigMap', binaryData: {b: '%%%'}}, ['binaryData.b not valid base64']],
    ['unpadded', {kind: 'Secret', data: {a: 'YQ'}}, ['data.a not valid base64']],
  ])('undecodableValues: %s', (_name, fields, expected) => {
    const object = {apiVersion: 'v1', metadata: {name: 'x'}, ...fields};
    expect(undecodableValues(object).map((value) => `${value.field} ${value.reason}`)).toEqual(expected);
  });
});

describe('engines report, with the place when a locator knows it', () => {
  const objects = [
    {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db', namespace: 'shop'}, data: {password: `${MARKER}!`}},
  ];
  const locate = () => ({file: 'shop.yaml', document: 2});

  test('certs: a problem saying the key could not be decoded', () => {
    const result = listCertificates(objects, {now: 0, expiringWithinDays: 30, locate});
    expect(result.problems).toEqual([{
      namespace: 'shop', kind: 'Secret', name: 'db', key: 'password', field: 'data.password', file: 'shop.yaml', document: 2,
      message: 'the key could not be decoded: not valid base64 (shop.yaml, document 2, field data.password)',
    }]);
  });

  test('refs: problems for the objects in scope only', () => {
    expect(traceReferences(objects, {namespace: 'shop', locate}).problems).toEqual([
      {kind: 'Secret', namespace: 'shop', name: 'db', key: 'password', field: 'data.password', reason: 'not valid base64', file: 'shop.yaml', document: 2},
    ]);
    expect(traceReferences(objects, {namespace: 'other', locate}).problems).toEqual([]);
    expect(traceReferences(objects, {namespace: 'shop', target: {kind: 'ConfigMap', name: 'db'}}).problems).toEqual([]);
  });
});

describe('commands', () => {
  test('inspect secret: exit 2, the message names file, document and field, never the value', async () => {
    const result = await runInspectOnManifests(files, ['secret', 'db', '-n', 'shop']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('shop.yaml, document 2, field data.password: Secret shop/db: the value of key "password" in data is not valid base64');
    expect(result.stderr + result.stdout).not.toContain(MARKER);
  });

  test('inspect secret --key --reveal: the same error', async () => {
    const result = await runInspectOnManifests(files, ['secret', 'db', '-n', 'shop', '--key', 'user', '--reveal']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('shop.yaml, document 2, field data.password');
  });

  test('inspect configmap: binaryData that is not base64 names file, document and field', async () => {
    const result = await runInspectOnManifests(files, ['configmap', 'settings', '-n', 'shop']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('shop.yaml, document 1, field binaryData.blob: ConfigMap shop/settings');
  });

  test('inspect refs: a warning on stderr naming object, key, file and document; the report still runs', async () => {
    const result = await runInspectOnManifests(files, ['refs', '-n', 'shop']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Warning: shop/secret/db: key "password" cannot be decoded: not valid base64 (shop.yaml, document 2, field data.password)');
    expect(result.stderr).toContain('Warning: shop/configmap/settings: key "blob" cannot be decoded: not valid base64 (shop.yaml, document 1, field binaryData.blob)');
    expect(result.stdout).toMatch(/secret\/db\[password\]\s+pod\/web\s+env PASSWORD\s+web\s+ok/);
    expect(result.stderr + result.stdout).not.toContain(MARKER);
  });

  test('inspect refs -o json: the problems are in the result', async () => {
    const result = await runInspectOnManifests(files, ['refs', '-n', 'shop', '-o', 'json']);
    expect(JSON.parse(result.stdout).problems.map((problem: {field: string}) => problem.field)).toEqual(['binaryData.blob', 'data.password']); // sorted: ConfigMap before Secret;
  });

  test('inspect certs: says the key could not be decoded (stdout with headers, stderr without)', async () => {
    const withHeaders = await runInspectOnManifests(files, ['certs', '-n', 'shop']);
    expect(withHeaders.code).toBe(0);
    expect(withHeaders.stdout).toContain('warning: shop/secret/db password: the key could not be decoded: not valid base64 (shop.yaml, document 2, field data.password)');
    const bare = await runInspectOnManifests(files, ['certs', '-n', 'shop', '--no-headers']);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Warning: shop/secret/db password: the key could not be decoded');
    expect(withHeaders.stderr + withHeaders.stdout + bare.stderr).not.toContain(MARKER);
  });
});

describe('--no-headers: stdout holds rows only, for scripts that count lines', () => {
  test.each([
    ['refs', ['refs', '-n', 'shop', '--no-headers'], 1],
    ['refs, nothing found', ['refs', '-n', 'elsewhere', '--no-headers'], 0],
    ['certs, nothing found', ['certs', '-n', 'shop', '--no-headers'], 0],
  ])('%s', async (_name, argv, rows) => {
    const result = await runInspectOnManifests(files, argv);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(rows);
    expect(result.stdout).not.toMatch(/OBJECT|Not used|No references|No certificates|certificates:/);
  });

  test('with headers the sections stay', async () => {
    const result = await runInspectOnManifests(files, ['refs', '-n', 'shop']);
    expect(result.stdout).toContain('Not used by anything (1):');
    expect(result.stdout.split('\n')[0]).toMatch(/^OBJECT\s+USED BY/);
  });
});
