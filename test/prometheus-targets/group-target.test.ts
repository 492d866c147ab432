// processGroupTarget (a group's labels as a shared layer, the target's set after them) must give
// exactly what processTarget gives for the merged object TargetsFromGroup builds (scrape/target.go:
// target labels win over the group's), key order included, where the merge is not a plain append.
import {compileRules} from '../../src/prometheus/rules.ts';
import type {RelabelConfigInput} from '../../src/prometheus/rules.ts';
import {defaultJob, groupLayer, processGroupTarget, processTarget} from '../../src/prometheus/target.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';

/** An object with these own properties in this order (`__proto__` included, as YAML or JSON may give one). */
function own(entries: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, {value: v, enumerable: true, writable: true, configurable: true});
  return out;
}

const labelmapCollision: RelabelConfigInput[] = [{action: 'labelmap', regex: '__meta_(?:x|y)_(.+)'}];

const cases: Array<{name: string; group: Array<[string, string]>; target: Array<[string, string]>; rules: RelabelConfigInput[]}> = [
  {name: 'plain append', group: [['__meta_x_a', '1'], ['__meta_y_a', '2']], target: [['__address__', 'h:1']], rules: labelmapCollision},
  {name: 'target label also in the group', group: [['__meta_x_a', '1'], ['__address__', 'g:1'], ['__meta_y_a', '2']], target: [['__address__', 'h:1'], ['__meta_x_a', '3']], rules: labelmapCollision},
  {name: 'empty group value set by the target', group: [['__meta_x_a', ''], ['__address__', 'g:1']], target: [['__meta_y_a', '2'], ['__meta_x_a', '1']], rules: labelmapCollision},
  {name: 'empty target value over a group value', group: [['__meta_x_a', '1'], ['__address__', 'g:1']], target: [['__meta_x_a', ''], ['__meta_y_a', '2']], rules: labelmapCollision},
  {name: 'array-index names', group: [['b', '1'], ['7', 'x'], ['__address__', 'g:1']], target: [['3', 'y'], ['a', '2']], rules: []},
  {name: '__proto__ in the group', group: [['__proto__', 'p'], ['__address__', 'g:1']], target: [['a', '1']], rules: [{source_labels: ['__proto__'], target_label: 'seen'}]},
  {name: '__proto__ in the target', group: [['__address__', 'g:1']], target: [['__proto__', 'p'], ['a', '1']], rules: []},
  {name: 'labels deleted and set again', group: [['__meta_x_a', '1'], ['__meta_y_a', '2'], ['__address__', 'g:1']], target: [['b', '1']],
    rules: [{action: 'labeldrop', regex: '__meta_x_a'}, {source_labels: ['b'], target_label: '__meta_x_a'}, ...labelmapCollision]},
];

describe.each(['2.42', '2.50', '3.0', '3.14'])('Prometheus %s', (version) => {
  const semantics = relabelSemantics(parsePrometheusVersion(version));
  test.each(cases)('$name', ({group, target, rules}) => {
    const groupLabels = own(group);
    const targetLabels = own(target);
    const compiled = compileRules(rules, semantics);
    const merged: Record<string, string> = {};
    for (const name of Object.keys(groupLabels)) merged[name] = groupLabels[name]!;
    for (const name of Object.keys(targetLabels)) merged[name] = targetLabels[name]!;
    const job = defaultJob('j', {params: {module: ['m']}});
    const expected = processTarget(merged, job, compiled, semantics, {steps: true});
    const got = processGroupTarget(groupLabels, groupLayer(groupLabels, Object.keys(groupLabels)), targetLabels, job, compiled, semantics, {steps: true});
    expect(got).toEqual(expected);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  });
});
