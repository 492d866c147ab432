// Go and Prometheus semantics the engine relies on: Regexp.Expand, hashmod, Go case mapping, RE2 versus
// the V8 fast path, load-time validation messages, and the differences between 2.42 and 3.x.
import {createHash} from 'node:crypto';
import {InputError} from '../../src/errors.ts';
import {goQuote, goToLower, goToUpper} from '../../src/prometheus/labels.ts';
import {hashmod, relabel} from '../../src/prometheus/relabel.ts';
import {compileRelabelRegex, compileTemplate, expandTemplate, translateToRegExp} from '../../src/prometheus/regex.ts';
import {compileRules} from '../../src/prometheus/rules.ts';
import type {RelabelConfigInput} from '../../src/prometheus/rules.ts';
import {loadRuleFile} from '../../src/prometheus/rule-sources.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';
import {RE2JS} from 're2js';

const v3 = relabelSemantics(parsePrometheusVersion('3.14'));
const v242 = relabelSemantics(parsePrometheusVersion('2.42'));

describe('Go Regexp.Expand (regexp.go Expand/extract)', () => {
  const re = compileRelabelRegex('(?P<first>a+)(b)?(?P<x1>c)?', v3);
  const match = re.exec('aac')!;
  test.each([
    ['$1', 'aa'],
    ['${1}', 'aa'],
    ['$first', 'aa'],
    ['${first}', 'aa'],
    ['$$', '$'],
    ['$$1', '$1'],
    ['$1x', ''], // the group named "1x", which does not exist
    ['${1}x', 'aax'],
    ['$x1', 'c'],
    ['$2', ''], // did not participate
    ['$9', ''], // no such group
    ['$01', ''], // leading zero: a name, not a number
    ['$', '$'],
    ['${', '${'],
    ['${1', '${1'],
    ['$}', '$}'],
    ['a$-b', 'a$-b'],
    ['$0', 'aac'],
    ['${first}-${x1}', 'aa-c'],
  ])('%j -> %j', (template, want) => {
    expect(expandTemplate(template, match, re.groupNames)).toBe(want);
  });
});

describe('hashmod: MD5, last 8 bytes big-endian, modulo (exact up to 2^64-1)', () => {
  // Expected values computed independently with Python's hashlib and int.from_bytes.
  test.each([
    ['foo', 1000n, '696'],
    ['', 18446744073709551615n, '16825458760271544958'],
    ['a;b', 9223372036854775809n, '2420134994223480074'],
    ['ünïcødé', 18446744073709551615n, '904134480080584481'],
    ['10.0.0.1:9100', 3n, '2'],
    ['x', 1n, '0'],
  ])('%j mod %s', (value, modulus, want) => {
    expect(hashmod(value, modulus)).toBe(want);
  });

  test('a modulus of 2^64-1 in YAML stays exact (yaml.v2 reads uint64)', () => {
    const set = loadRuleFile('- {action: hashmod, source_labels: [a], target_label: h, modulus: 18446744073709551615}\n', 'r.yaml', {}, v3);
    expect(set.rules[0]!.modulus).toBe(18446744073709551615n);
    expect(relabel({a: ''}, set.rules).output).toEqual({h: '16825458760271544958'});
  });

  test('a modulus beyond uint64 is refused', () => {
    expect(() => loadRuleFile('- {action: hashmod, source_labels: [a], target_label: h, modulus: 18446744073709551616}\n', 'r.yaml', {}, v3)).toThrow(
      'cannot unmarshal !!int `18446744073709551616` into uint64',
    );
  });

  test('the digest is over UTF-8 bytes', () => {
    const digest = createHash('md5').update(Buffer.from('ß', 'utf8')).digest();
    expect(hashmod('ß', 1000n)).toBe((digest.readBigUInt64BE(8) % 1000n).toString());
  });
});

describe("Go's strings.ToLower/ToUpper: per rune, simple case mapping", () => {
  test.each([
    ['ToUpper', 'straße', 'STRAßE'],
    ['ToUpper', 'ﬁ', 'ﬁ'],
    ['ToUpper', 'ŉ', 'ŉ'],
    ['ToUpper', 'ᾳ', 'ᾼ'],
    ['ToUpper', 'ᾀ', 'ᾈ'],
    ['ToUpper', 'ǆ', 'Ǆ'],
    ['ToUpper', 'ÿ', 'Ÿ'],
    ['ToUpper', 'abc-ü', 'ABC-Ü'],
    ['ToLower', 'İ', 'i'],
    ['ToLower', 'ΑΣ', 'ασ'], // no final sigma: Go maps each rune alone
    ['ToLower', 'ΟΔΟΣ ΑΣ', 'οδοσ ασ'],
    ['ToLower', 'ẞ', 'ß'],
    ['ToLower', 'ABC😀', 'abc😀'],
    ['ToLower', 'Ǆ', 'ǆ'],
  ])('%s(%j) = %j', (fn, input, want) => {
    expect(fn === 'ToUpper' ? goToUpper(input) : goToLower(input)).toBe(want);
  });
});

test("Go's %q quoting", () => {
  expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
  expect(goQuote('tab\tnl\n')).toBe('"tab\\tnl\\n"');
  expect(goQuote('ünï 日本')).toBe('"ünï 日本"');
  expect(goQuote('\u0000\u007f\u200b')).toBe('"\\x00\\x7f\\u200b"');
});

describe('RE2 semantics that V8 RegExp does not share (handled by re2js)', () => {
  test.each([
    ['\\d+', '١٢', false], // \d is ASCII in RE2
    ['\\w+', 'ü', false],
    ['(?i)straße', 'STRASSE', false], // simple folding only
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['[[:alpha:]]+', 'abc', true],
    ['(?U)(a+)(a*)', 'aaa', true],
    ['a\\z', 'a', true],
    ['x*', '', true],
    ['\\pL+', 'ünï', true],
  ])('%j matches %j: %s', (pattern, input, want) => {
    expect(compileRelabelRegex(pattern, v3).test(input)).toBe(want);
  });

  test.each([['(?=a)'], ['(?<!a)b'], ['\\1'], ['a{1001}'], ['(abc'], ['[z-a]']])('%j does not compile', (pattern) => {
    expect(() => compileRelabelRegex(pattern, v3)).toThrow(/^error parsing regexp: /);
  });

  test('(?<name>) is accepted by Go 1.22+ builds, refused by 2.42 (Go 1.19)', () => {
    expect(compileRelabelRegex('(?<n>a)', v3).groupNames).toEqual(['', 'n']);
    expect(() => compileRelabelRegex('(?<n>a)', v242)).toThrow('invalid or unsupported Perl syntax: `(?<`');
  });
});

describe('the V8 fast path gives the same matches and submatches as re2js', () => {
  const patterns = ['(.*)', 'f(.*)', '(.+)', '([^;]*);(.*)', '.*b.*', 'x|y|', '(a|ab)(c|bcd)(d*)', '([^:]+)(?::\\d+)?;(\\d+)', '__meta_(.+)', 'a.c', '(\\w+)-(\\d+)?', '(?:ab)+', '[a-c-]+', '(.*?)(b+)?'];
  const alphabet = ['a', 'b', 'c', 'd', ';', ':', '-', '1', '\n', 'ü', '😀', 'f', '_'];
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const inputs = Array.from({length: 400}, () => Array.from({length: Math.floor(rand() * 8)}, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
  inputs.push('10.0.0.1:8080;9100', '__meta_x', 'abcd', 'a\nc');
  test.each(patterns.flatMap((p) => [[p, true], [p, false]] as const))('%j (dotAll %s)', (pattern, dotAll) => {
    const fast = translateToRegExp(pattern, dotAll);
    expect(fast).not.toBeNull();
    const re2 = RE2JS.compile(dotAll ? `^(?s:${pattern})$` : `^(?:${pattern})$`);
    for (const input of inputs) {
      const a = fast!.exec(input);
      const b = re2.exec(input);
      expect([input, a === null ? null : Array.from(a)]).toEqual([input, b === null ? null : Array.from(b)]);
    }
  });

  test.each([['(a*)+'], ['(a|)*'], ['(a+)+'], ['\\s'], ['(?i)a'], ['a{2}'], ['[[:alpha:]]'], ['\\pL'], ['^a'], ['a]'], ['\\Qa\\E']])('%j stays on re2js', (pattern) => {
    expect(translateToRegExp(pattern, true)).toBeNull();
  });
});

describe('load-time validation: Prometheus\'s messages, with the rule index (exit 2)', () => {
  const cases: Array<[string, string, RelabelConfigInput, string]> = [
    ['null action (yaml.v2 leaves the zero value)', '3.14', {action: null}, 'relabel action cannot be empty'],
    ['empty action string', '3.14', {action: ''}, 'unknown relabel action ""'],
    ['unknown action', '3.14', {action: 'explode'}, 'unknown relabel action "explode"'],
    ['hashmod without modulus', '3.14', {action: 'hashmod', target_label: 'h'}, 'relabel configuration for hashmod requires non-zero modulus'],
    ['replace without target', '3.14', {action: 'replace'}, "relabel configuration for replace action requires 'target_label' value"],
    ['lowercase without target', '3.14', {action: 'lowercase'}, "relabel configuration for lowercase action requires 'target_label' value"],
    ['keepequal without target', '3.14', {action: 'keepequal', source_labels: ['a']}, "relabel configuration for keepequal action requires 'target_label' value"],
    ['invalid legacy target (2.42)', '2.42', {action: 'replace', target_label: '0a'}, '"0a" is invalid \'target_label\' for replace action'],
    ['invalid target with a variable (2.42)', '2.42', {action: 'replace', target_label: '-${1}'}, '"-${1}" is invalid \'target_label\' for replace action'],
    ['lowercase target ${3} under legacy rules', '2.42', {action: 'lowercase', target_label: '${3}x-'}, '"${3}x-" is invalid \'target_label\' for lowercase action'],
    ['replacement on uppercase', '3.14', {action: 'uppercase', target_label: 'u', replacement: 'x'}, "'replacement' can not be set for uppercase action"],
    ['labelmap replacement (2.42)', '2.42', {action: 'labelmap', replacement: 'a-b'}, '"a-b" is invalid \'replacement\' for labelmap action'],
    ['hashmod invalid target (2.42)', '2.42', {action: 'hashmod', modulus: 2, target_label: 'a-b'}, '"a-b" is invalid \'target_label\' for hashmod action'],
    ['keepequal with regex', '3.14', {action: 'keepequal', source_labels: ['a'], target_label: 'b', regex: '(.*)'}, "keepequal action requires only 'source_labels' and `target_label`, and no other fields"],
    ['dropequal with separator', '3.14', {action: 'dropequal', source_labels: ['a'], target_label: 'b', separator: ','}, "dropequal action requires only 'source_labels' and `target_label`, and no other fields"],
    ['labeldrop with source_labels', '3.14', {action: 'labeldrop', source_labels: ['a'], regex: 'x'}, "labeldrop action requires only 'regex', and no other fields"],
    ['labelkeep with target', '3.14', {action: 'labelkeep', target_label: 'a', regex: 'x'}, "labelkeep action requires only 'regex', and no other fields"],
    ['invalid regex', '3.14', {action: 'keep', source_labels: ['a'], regex: '(abc'}, 'error parsing regexp: missing closing ): `^(?s:(abc)$`'],
    ['invalid regex (2.42 anchors)', '2.42', {action: 'keep', source_labels: ['a'], regex: '(abc'}, 'error parsing regexp: missing closing ): `^(?:(abc)$`'],
    ['invalid source label (2.42)', '2.42', {action: 'keep', source_labels: ['a.b']}, '"a.b" is not a valid label name'],
  ];
  test.each(cases)('%s', (_name, version, config, message) => {
    const semantics = relabelSemantics(parsePrometheusVersion(version));
    let error: unknown;
    try {
      compileRules([{action: 'keep', source_labels: ['x']}, config], semantics);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as InputError).message).toBe(`field relabel_configs[1]: ${message}`);
  });

  // TestRelabelValidate at v3.14.0: with UTF-8 names these are legal.
  test.each([
    [{action: 'lowercase', target_label: '${3}'}],
    [{action: 'replace', source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${1}', target_label: '0${3}'}],
    [{action: 'replace', source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${1}', target_label: '-${3}'}],
    [{action: 'labelmap', regex: '__meta_(.+)', replacement: '${1}'}],
  ] as Array<[RelabelConfigInput]>)('valid under 3.14: %j', (config) => {
    expect(() => compileRules([config], v3)).not.toThrow();
  });

  test('errors from a file name the file, the list field and the line', () => {
    const text = 'scrape_configs:\n- job_name: a\n  relabel_configs:\n  - {action: keep, source_labels: [x]}\n  - action: Replace\n    regex: "(x"\n    target_label: y\n';
    expect(() => loadRuleFile(text, 'prom.yml', {job: 'a'}, v3)).toThrow(
      'prom.yml:6, field scrape_configs[0].relabel_configs[1]: error parsing regexp: missing closing ): `^(?s:(x)$`',
    );
    expect(() => loadRuleFile('- {action: reboot}\n', 'r.yaml', {}, v3)).toThrow('r.yaml:1, field relabel_configs[0]: unknown relabel action "reboot"');
    expect(() => loadRuleFile('- {action: keep, regexp: x}\n', 'r.yaml', {}, v3)).toThrow('field regexp not found in type relabel.plain');
  });
});

describe('3.x versus 2.42', () => {
  test('`.` matches a newline from 3.0 (commit 5814920601; TestRelabel "line1.*line2" case)', () => {
    const rules = (s: typeof v3) => compileRules([{source_labels: ['a'], regex: 'line1.*line2', target_label: 'd', replacement: 'match${1}'}], s);
    expect(relabel({a: 'line1\nline2'}, rules(v3), {semantics: v3}).output).toEqual({a: 'line1\nline2', d: 'match'});
    expect(relabel({a: 'line1\nline2'}, rules(v242), {semantics: v242}).output).toEqual({a: 'line1\nline2'});
  });

  test('the default (.*) does not match a value with a newline in 2.42, so replace does nothing', () => {
    const rules = (s: typeof v3) => compileRules([{source_labels: ['a'], target_label: 'b'}], s);
    expect(relabel({a: 'x\ny'}, rules(v242), {semantics: v242}).output).toEqual({a: 'x\ny'});
    expect(relabel({a: 'x\ny'}, rules(v3), {semantics: v3}).output).toEqual({a: 'x\ny', b: 'x\ny'});
  });

  test('a blank replacement deletes the expanded target from 2.50 (commit 0289dd6157, its TestRelabel case)', () => {
    const config: RelabelConfigInput[] = [{source_labels: ['a'], regex: '(f).*', target_label: '$1', replacement: '$2'}];
    const v250 = relabelSemantics(parsePrometheusVersion('2.50'));
    expect(relabel({a: 'foo', f: 'baz'}, compileRules(config, v250), {semantics: v250}).output).toEqual({a: 'foo'});
    const old = relabel({a: 'foo', f: 'baz'}, compileRules(config, v242), {semantics: v242, steps: true});
    expect(old.output).toEqual({a: 'foo', f: 'baz'});
    expect(old.steps![0]!.note).toMatch(/fixed in 2.50/);
  });

  test('UTF-8 label names from 3.0 (#14705): a replace into a dotted name', () => {
    const config: RelabelConfigInput[] = [{source_labels: ['a'], target_label: 'service.name'}];
    expect(relabel({a: 'x'}, compileRules(config, v3), {semantics: v3}).output).toEqual({a: 'x', 'service.name': 'x'});
    expect(() => compileRules(config, v242)).toThrow('"service.name" is invalid \'target_label\' for replace action');
  });

  test('a templated target expanding to a non-legacy name is skipped in 2.x, set in 3.x', () => {
    const config: RelabelConfigInput[] = [{source_labels: ['a'], regex: '(.*)', target_label: 'x_${1}'}];
    expect(relabel({a: 'b.c'}, compileRules(config, v242), {semantics: v242}).output).toEqual({a: 'b.c'});
    expect(relabel({a: 'b.c'}, compileRules(config, v3), {semantics: v3}).output).toEqual({a: 'b.c', 'x_b.c': 'b.c'});
  });

  test('labelmap collisions: 2.42 walks the sorted previous result, 2.43+ the builder (commit 11d019ed5a)', () => {
    const config: RelabelConfigInput[] = [
      {source_labels: ['b_x'], target_label: 'a_x', replacement: 'from-rule'},
      {action: 'labelmap', regex: '(a|b)_x', replacement: 'y'},
    ];
    // 2.42: a_x and b_x in name order, so b_x wins. 2.43+: b_x is an input label, a_x was set by a rule
    // and comes after it, so a_x wins.
    expect(relabel({b_x: 'input'}, compileRules(config, v242), {semantics: v242}).output?.y).toBe('input');
    expect(relabel({b_x: 'input'}, compileRules(config, v3), {semantics: v3}).output?.y).toBe('from-rule');
  });
});

test('ServiceMonitor relabelings in camelCase', () => {
  const text = [
    'apiVersion: monitoring.coreos.com/v1',
    'kind: ServiceMonitor',
    'metadata: {name: api, namespace: shop}',
    'spec:',
    '  endpoints:',
    '  - port: http',
    '    relabelings:',
    '    - {sourceLabels: [__meta_kubernetes_pod_name], targetLabel: pod, action: Replace}',
    '    metricRelabelings:',
    '    - {sourceLabels: [__name__], regex: go_.*, action: drop}',
    '',
  ].join('\n');
  const set = loadRuleFile(text, 'sm.yaml', {}, v3);
  expect(set.origin).toBe('spec.endpoints[0].relabelings');
  expect(relabel({__meta_kubernetes_pod_name: 'p'}, set.rules).output).toEqual({__meta_kubernetes_pod_name: 'p', pod: 'p'});
  const metric = loadRuleFile(text, 'sm.yaml', {metric: true}, v3);
  expect(relabel({__name__: 'go_goroutines'}, metric.rules).dropped).toBe(true);
  expect(() => loadRuleFile(text.replace('targetLabel', 'target_label'), 'sm.yaml', {}, v3)).toThrow('field target_label not found in type relabel.plain');
});

// TestTargetLabelValidity (model/relabel/relabel_test.go v2.42.0; TestTargetLabelLegacyValidity in
// v3.14.0): the legacy target pattern with $variables, which 2.42 applies to every replace target.
describe('TestTargetLabelValidity: 2.42 replace targets', () => {
  test.each([
    ['-label', false],
    ['label', true],
    ['label${1}', true],
    ['${1}label', true],
    ['${1}', true],
    ['${', false],
    ['$', false],
    ['${}', false],
    ['foo${', false],
    ['$1', true],
    ['asd$2asd', true],
    ['-foo${1}bar-', false],
    ['bar.foo${1}bar', false],
    ['_${1}_', true],
    ['foo${bar}foo', true],
  ])('%j valid: %s', (target, valid) => {
    const compile = () => compileRules([{source_labels: ['a'], target_label: target}], v242);
    if (valid) expect(compile).not.toThrow();
    else expect(compile).toThrow("is invalid 'target_label' for replace action");
  });
});

test('3.x metric_name_validation_scheme: legacy validates and relabels with legacy names (config.go ScrapeConfig.Validate)', () => {
  const config = (scheme: string) => `global: {metric_name_validation_scheme: ${scheme}}
scrape_configs:
- job_name: j
  relabel_configs:
  - {source_labels: [a], target_label: "x_\${1}"}
`;
  const legacy = loadRuleFile(config('legacy'), 'p.yml', {}, v3);
  expect(legacy.semantics?.utf8Names).toBe(false);
  expect(relabel({a: 'b.c'}, legacy.rules, {semantics: legacy.semantics}).output).toEqual({a: 'b.c'});
  const utf8 = loadRuleFile(config('utf8'), 'p.yml', {}, v3);
  expect(utf8.semantics).toBeUndefined();
  expect(relabel({a: 'b.c'}, utf8.rules, {semantics: v3}).output).toEqual({a: 'b.c', 'x_b.c': 'b.c'});
  expect(() => loadRuleFile(config('legacy').replace('{source_labels: [a], target_label: "x_${1}"}', '{action: lowercase, source_labels: [a], target_label: "${1}"}'), 'p.yml', {}, v3)).toThrow(
    '"${1}" is invalid \'target_label\' for lowercase action',
  );
  // 2.42's single legacy pattern admits it.
  expect(() => compileRules([{action: 'lowercase', source_labels: ['a'], target_label: '${1}'}], v242)).not.toThrow();
});

test('compiled templates expand exactly as Go Regexp.Expand', () => {
  const re = compileRelabelRegex('(?P<first>a+)(b)?(?P<x1>c)?', v3);
  const templates = ['$1', '${1}', '$first', '${first}', '$$', '$$1', '$1x', '${1}x', '$x1', '$2', '$9', '$01', '$', '${', '${1', '$}', 'a$-b', '$0', '${first}-${x1}', 'plain', '', 'ü$1ü', '$ü'];
  for (const input of ['aac', 'ab', 'a', 'x']) {
    const match = re.exec(input);
    if (match === null) continue;
    for (const template of templates) {
      expect([template, input, compileTemplate(template, re.groupNames)(match)]).toEqual([template, input, expandTemplate(template, match, re.groupNames)]);
    }
  }
});
