// `-o` as kubectl spells it (cli-runtime printers: json, yaml, wide, name, jsonpath=,
// jsonpath-as-json=, jsonpath-file=), and what each structured format prints.

import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from '@jest/globals';
import {UsageError} from '../../src/errors.ts';
import {formatJsonPath, formatStructured, parseOutputFormat, type OutputFormat} from '../../src/output/format.ts';

describe('parseOutputFormat', () => {
  test.each<[string, string | undefined, {allowWide?: boolean; allowName?: boolean}, OutputFormat]>([
    ['no flag', undefined, {}, {kind: 'text'}],
    ['empty', '', {}, {kind: 'text'}],
    ['text', 'text', {}, {kind: 'text'}],
    ['json', 'json', {}, {kind: 'json'}],
    ['yaml', 'yaml', {}, {kind: 'yaml'}],
    ['wide where allowed', 'wide', {allowWide: true}, {kind: 'wide'}],
    ['name where allowed', 'name', {allowName: true}, {kind: 'name'}],
    ['jsonpath', 'jsonpath={.items[*].metadata.name}', {}, {kind: 'jsonpath', template: '{.items[*].metadata.name}'}],
    ['jsonpath with quotes no shell removed', "jsonpath='{.a}'", {}, {kind: 'jsonpath', template: '{.a}'}],
    ['jsonpath with double quotes', 'jsonpath="{.a}"', {}, {kind: 'jsonpath', template: '{.a}'}],
    ['jsonpath keeps = inside the template', 'jsonpath={.a[?(@.b=="c")]}', {}, {kind: 'jsonpath', template: '{.a[?(@.b=="c")]}'}],
    ['jsonpath of plain text', 'jsonpath=hello', {}, {kind: 'jsonpath', template: 'hello'}],
    ['jsonpath-as-json', 'jsonpath-as-json={.a}', {}, {kind: 'jsonpath', template: '{.a}', asJson: true}],
  ])('%s', (_name, value, options, expected) => {
    expect(parseOutputFormat(value, options)).toEqual(expected);
  });

  test('jsonpath-file reads the template from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sleuth-format-'));
    const file = join(dir, 'template.txt');
    writeFileSync(file, '{range .items[*]}{.metadata.name}{"\\n"}{end}');
    expect(parseOutputFormat(`jsonpath-file=${file}`)).toEqual({kind: 'jsonpath', template: '{range .items[*]}{.metadata.name}{"\\n"}{end}'});
    expect(parseOutputFormat('jsonpath-file=t.txt', {readFile: () => '{.a}'})).toEqual({kind: 'jsonpath', template: '{.a}'});
  });

  test.each<[string, string, {allowWide?: boolean}, RegExp]>([
    ['unknown format names the allowed ones', 'xml', {}, /unknown output format "xml": allowed formats are text, json, yaml, jsonpath=TEMPLATE, jsonpath-as-json=TEMPLATE, jsonpath-file=FILE/],
    ['wide lists wide where allowed', 'xml', {allowWide: true}, /allowed formats are text, wide, json/],
    ['wide where the command has no wide', 'wide', {}, /unknown output format "wide"/],
    ['name where the command has no name', 'name', {}, /unknown output format "name"/],
    ['go-template is not supported', 'go-template={{.a}}', {}, /unknown output format/],
    ['jsonpath without a template', 'jsonpath', {}, /output format jsonpath needs a template/],
    ['jsonpath= without a template', 'jsonpath=', {}, /needs a template/],
    ['jsonpath syntax error', 'jsonpath={.a', {}, /error parsing jsonpath \{\.a: unclosed action/],
    ['jsonpath-file without a file', 'jsonpath-file=', {}, /needs a file/],
    ['jsonpath-file unreadable', 'jsonpath-file=/nonexistent/template', {}, /cannot read the jsonpath template file \/nonexistent\/template/],
  ])('%s is a usage error', (_name, value, options, message) => {
    expect(() => parseOutputFormat(value, options)).toThrow(UsageError);
    expect(() => parseOutputFormat(value, options)).toThrow(message);
  });
});

describe('formatStructured', () => {
  const result = {results: [{from: 'x/a', to: 'y/b', port: 80, allowed: false, note: undefined}], when: new Date('2026-01-02T03:04:05Z')};

  test('json keeps the field order, indents by 2 and ends with a newline', async () => {
    expect(await formatStructured(result, {kind: 'json'})).toBe(
      '{\n  "results": [\n    {\n      "from": "x/a",\n      "to": "y/b",\n      "port": 80,\n      "allowed": false\n    }\n  ],\n  "when": "2026-01-02T03:04:05.000Z"\n}\n',
    );
  });

  test('yaml: sequences at their key\'s indentation, as kubectl writes them', async () => {
    const shared = {a: 1};
    expect(await formatStructured({items: [{name: 'x', ports: [80, 443]}], one: shared, two: shared, text: 'l1\nl2\n', num: '123'}, {kind: 'yaml'})).toBe(
      'items:\n- name: x\n  ports:\n  - 80\n  - 443\none:\n  a: 1\ntwo:\n  a: 1\ntext: |\n  l1\n  l2\nnum: "123"\n',
    );
  });

  test('yaml: strings that YAML 1.1 readers would take for timestamps or booleans are quoted, as go-yaml v2 does', async () => {
    expect(await formatStructured({creationTimestamp: '2026-11-20T10:00:00Z', ready: 'yes', mode: 'on', name: 'web'}, {kind: 'yaml'})).toBe(
      'creationTimestamp: "2026-11-20T10:00:00Z"\nready: "yes"\nmode: "on"\nname: web\n',
    );
  });

  test('jsonpath runs over what -o json shows, missing keys print nothing, no newline added', async () => {
    expect(await formatStructured(result, {kind: 'jsonpath', template: '{.results[*].from}->{.results[*].to} {.results[0].note}{.when}'})).toBe('x/a->y/b 2026-01-02T03:04:05.000Z');
  });

  test('jsonpath-as-json', async () => {
    expect(await formatStructured(result, {kind: 'jsonpath', template: '{.results[*].port}', asJson: true})).toBe('[\n    80\n]\n');
  });

  test('a failing template is a usage error naming it', () => {
    expect(() => formatJsonPath({items: []}, '{.items[0]}')).toThrow(new UsageError('error executing jsonpath "{.items[0]}": array index out of bounds: index 0, length 0'));
  });

  test('text formats are not structured', async () => {
    await expect(formatStructured({}, {kind: 'text'})).rejects.toThrow(TypeError);
  });
});

describe('startup cost', () => {
  test('text output never loads the yaml package', () => {
    // A child Node (the checkout's Node 24, which strips types) fails if `yaml` is ever resolved.
    const script = `
      import {registerHooks} from 'node:module';
      registerHooks({resolve(specifier, context, next) {
        if (specifier === 'yaml' || specifier.includes('yaml-format')) throw new Error('loaded ' + specifier);
        return next(specifier, context);
      }});
      const format = await import('./src/output/format.ts');
      await import('./src/output/table.ts');
      await import('./src/output/colour.ts');
      format.parseOutputFormat('jsonpath={.a}');
      await format.formatStructured({a: 1}, {kind: 'json'});
      console.log('ok');`;
    const root = join(import.meta.dirname, '../..');
    const node = existsSync(join(root, 'node_modules/.bin/node')) ? join(root, 'node_modules/.bin/node') : process.execPath;
    const child = spawnSync(node, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'});
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('ok');
  });
});
