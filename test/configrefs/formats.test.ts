// Format detection and syntax checks. Problems carry a line (and column) and words of our own;
// none may quote the value, which could be a secret.

import {describe, expect, test} from '@jest/globals';
import {checkFormat, detectFormat} from '../../src/configrefs/formats.ts';
import {findJsonSyntaxError} from '../../src/configrefs/json-syntax.ts';
import {decodeConfigMap, decodeSecret, decodeStandardBase64, keysOf} from '../../src/configrefs/decode.ts';
import {InputError} from '../../src/errors.ts';

const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.c2ln`;

describe('detectFormat', () => {
  test.each([
    ['empty', 'k', '', 'empty', 'text'],
    ['JSON by content', 'k', '{"a": [1, 2]}', 'text', 'json'],
    ['JSON by extension', 'settings.json', '[1]', 'text', 'json'],
    ['Docker config', 'k', '{"auths": {"r": {}}}', 'text', 'docker-config'],
    ['YAML by content', 'k', 'server:\n  port: 8080\n', 'text', 'yaml'],
    ['YAML by extension', 'values.yml', 'a', 'text', 'yaml'],
    ['kubeconfig', 'config', 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n', 'text', 'kubeconfig'],
    ['kubeconfig by extension', 'admin.kubeconfig', 'apiVersion: v1\nkind: Config\nclusters: []\n', 'text', 'kubeconfig'],
    ['PEM', 'k', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'text', 'pem'],
    ['JWT', 'token', jwt, 'text', 'jwt'],
    ['properties', 'k', 'a=1\nb.c = two\n# comment\n', 'text', 'properties'],
    ['properties by extension', 'app.properties', 'a: 1', 'text', 'properties'],
    ['INI', 'k', '[server]\nport = 80\n', 'text', 'ini'],
    ['XML', 'k', '<?xml version="1.0"?><a/>', 'text', 'xml'],
    ['plain text', 'k', 'hello world', 'text', 'text'],
    ['binary with NUL', 'k', Buffer.from([1, 0, 2]), 'binary', 'binary'],
    ['gzip', 'k', Buffer.from([0x1f, 0x8b, 8, 0]), 'binary', 'gzip'],
    ['invalid UTF-8', 'k', Buffer.from([0xc3, 0x28]), 'binary', 'binary'],
  ] as [string, string, string | Buffer, string, string][])('%s', (_name, key, value, kind, format) => {
    const report = detectFormat(key, Buffer.isBuffer(value) ? value : Buffer.from(value));
    expect(report.kind).toBe(kind);
    expect(report.format).toBe(format);
  });
});

const SECRET = 'hunter2SECRET';

describe('syntax checks point at a line and never quote the value', () => {
  test.each([
    ['JSON: a bare word', 'json', `{\n  "a": 1,\n  "b": ${SECRET}\n}`, 3, 8, 'invalid JSON: expected a value'],
    ['JSON: trailing comma', 'json', `{"a": "${SECRET}",\n}`, 2, 1, 'invalid JSON: expected a double-quoted property name'],
    ['JSON: unterminated string', 'json', `{"a": "${SECRET}`, 1, 21, 'invalid JSON: expected a closing quote'],
    ['JSON: text after the value', 'json', `{}\n${SECRET}`, 2, 1, 'invalid JSON: expected the end of the text after the value'],
    ['JSON: missing colon', 'json', `{"${SECRET}" 1}`, 1, 18, "invalid JSON: expected ':' after a property name"],
    ['YAML: unclosed quote', 'yaml', `a: 1\nb: "${SECRET}\n`, 3, 1, 'invalid YAML: a closing quote or bracket is missing'],
    ['YAML: bad indentation', 'yaml', `a:\n  b: 1\n c: ${SECRET}\n`, 3, undefined, 'invalid YAML'],
    ['properties: duplicate key', 'properties', `a=1\nb=2\na=${SECRET}\n`, 3, undefined, 'duplicate key (first set on line 1); the later value wins'],
    ['INI: unclosed section', 'ini', `[main\nkey=${SECRET}\n`, 1, undefined, 'invalid INI: a section header needs a closing ]'],
    ['PEM: never closed', 'pem', `-----BEGIN CERTIFICATE-----\n${SECRET}\n`, 1, undefined, 'invalid PEM: BEGIN CERTIFICATE is never closed'],
  ] as [string, Parameters<typeof checkFormat>[0], string, number, number | undefined, string][])('%s', (_name, format, text, line, column, message) => {
    const problems = checkFormat(format, text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.line).toBe(line);
    if (column !== undefined) expect(problems[0]!.column).toBe(column);
    expect(problems[0]!.message).toContain(message);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });

  test.each([
    ['{"a": [1, 2.5e3, -0, true, false, null, "\\u00e9\\n"]}'],
    ['  [ ]  '],
    ['"just a string"'],
  ])('valid JSON %s has no problems', (text) => {
    expect(checkFormat('json', text)).toEqual([]);
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  test('the JSON locator agrees with JSON.parse on what is valid', () => {
    const samples = ['{', '}', '[1,]', '{"a":1}', '01', '1.', '-', '"\\x"', '"a\tb"', 'tru', 'null', '[[[]]]', '{"a" : {"b": []}}'];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect([sample, findJsonSyntaxError(sample) === undefined]).toEqual([sample, valid]);
    }
  });
});

describe('decoding', () => {
  test.each([
    ['padded', 'aGVsbG8=', 'hello'],
    ['no padding needed', 'YWJj', 'abc'],
    ['line breaks are ignored, as Go does', 'aGVs\nbG8=', 'hello'],
    ['empty', '', ''],
  ])('base64 %s', (_name, text, expected) => {
    expect(decodeStandardBase64(text)?.toString()).toBe(expected);
  });

  test.each([
    ['missing padding', 'aGVsbG8'],
    ['URL alphabet', 'a-_b'],
    ['spaces', 'aGVs bG8='],
    ['plain text', 'not base64!'],
  ])('rejects %s', (_name, text) => {
    expect(decodeStandardBase64(text)).toBeUndefined();
  });

  test('stringData wins over data for the same key; keys sorted', () => {
    const values = decodeSecret({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}, data: {b: 'YQ==', a: 'Yg=='}, stringData: {b: 'plain'}});
    expect(values.map((value) => [value.key, value.bytes.toString(), value.source])).toEqual([['a', 'b', 'data'], ['b', 'plain', 'stringData']]);
  });

  test('a ConfigMap: data as text, binaryData decoded', () => {
    const values = decodeConfigMap({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {t: 'x'}, binaryData: {b: 'AAE='}});
    expect(values.map((value) => [value.key, [...value.bytes], value.source])).toEqual([['b', [0, 1], 'binaryData'], ['t', [120], 'data']]);
    expect([...keysOf({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {t: 'x'}, binaryData: {b: 'AAE='}})].sort()).toEqual(['b', 't']);
  });

  test('data that is not base64: InputError naming the Secret and key, not the value', () => {
    const secret = {apiVersion: 'v1', kind: 'Secret', metadata: {name: 's', namespace: 'ns'}, data: {password: `${SECRET}!`}};
    expect(() => decodeSecret(secret)).toThrow(InputError);
    try {
      decodeSecret(secret);
    } catch (error) {
      const message = (error as InputError).message;
      expect(message).toContain('Secret ns/s');
      expect(message).toContain('"password"');
      expect(message).toContain('data.password');
      expect(message).not.toContain(SECRET);
      expect((error as InputError).exitCode).toBe(2);
    }
  });
});
