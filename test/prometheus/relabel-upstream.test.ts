// Prometheus's TestRelabel cases (model/relabel/relabel_test.go at v3.14.0 and v2.42.0) through our
// engine, under the version each table belongs to.
import {relabel} from '../../src/prometheus/relabel.ts';
import {compileRules} from '../../src/prometheus/rules.ts';
import type {RelabelConfigInput} from '../../src/prometheus/rules.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';
import {testRelabelV242, testRelabelV3} from './upstream-relabel-cases.ts';
import type {UpstreamCase} from './upstream-relabel-cases.ts';

// Upstream's harness fills empty fields with the defaults; omitting them does the same here.
function withUpstreamDefaults(rule: RelabelConfigInput): RelabelConfigInput {
  const out: RelabelConfigInput = {};
  for (const [key, value] of Object.entries(rule)) if (value !== '' && value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

function run(c: UpstreamCase, version: string) {
  const semantics = relabelSemantics(parsePrometheusVersion(version));
  const rules = compileRules(c.rules.map(withUpstreamDefaults), semantics);
  return relabel(c.input, rules, {semantics});
}

describe('TestRelabel (v3.14.0) under 3.14', () => {
  test.each(testRelabelV3.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(c, '3.14');
    expect(result.dropped).toBe(c.drop ?? false);
    if (!c.drop) expect(result.output).toEqual(c.output);
  });
});

// v2.42.0's harness skipped Validate; its one case with targets `0${3}` and `-${3}` is refused by
// 2.42's load-time validation (legacy target pattern), which is what a user of 2.42 would see.
const refusedBy242 = new Set(['TestRelabel case 16']);

describe('TestRelabel (v2.42.0) under 2.42', () => {
  test.each(testRelabelV242.filter((c) => !refusedBy242.has(c.name)).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(c, '2.42');
    expect(result.dropped).toBe(c.drop ?? false);
    if (!c.drop) expect(result.output).toEqual(c.output);
  });

  test('the case with invalid targets is refused at load time under 2.42', () => {
    const c = testRelabelV242.find((x) => refusedBy242.has(x.name))!;
    expect(c.rules[1]!.target_label).toBe('0${3}');
    expect(() => run(c, '2.42')).toThrow(`field relabel_configs[1]: "0\${3}" is invalid 'target_label' for replace action`);
  });
});
