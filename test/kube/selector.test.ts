// metav1.LabelSelector semantics, as apimachinery states them
// (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers_test.go TestLabelSelectorAsSelector,
// pkg/labels/selector_test.go TestRequirementMatches / TestSelectorMatches).

import {InputError} from '../../src/errors.ts';
import {compileLabelSelector, matchesLabelSelector, type LabelSelector} from '../../src/kube/selector.ts';

const labels = {app: 'web', tier: 'front', env: 'prod'};

test.each<[string, LabelSelector | null | undefined, Record<string, string>, boolean]>([
  ['absent selector selects nothing', undefined, labels, false],
  ['null selector selects nothing', null, labels, false],
  ['empty selector selects everything', {}, labels, true],
  ['empty selector selects an unlabelled object', {}, {}, true],
  ['matchLabels equal', {matchLabels: {app: 'web'}}, labels, true],
  ['matchLabels differ', {matchLabels: {app: 'db'}}, labels, false],
  ['matchLabels missing key', {matchLabels: {team: 'a'}}, labels, false],
  ['In with value', {matchExpressions: [{key: 'tier', operator: 'In', values: ['back', 'front']}]}, labels, true],
  ['In without key', {matchExpressions: [{key: 'zone', operator: 'In', values: ['a']}]}, labels, false],
  ['NotIn with other value', {matchExpressions: [{key: 'env', operator: 'NotIn', values: ['dev']}]}, labels, true],
  ['NotIn with that value', {matchExpressions: [{key: 'env', operator: 'NotIn', values: ['prod']}]}, labels, false],
  ['NotIn matches when the key is absent', {matchExpressions: [{key: 'zone', operator: 'NotIn', values: ['a']}]}, labels, true],
  ['Exists', {matchExpressions: [{key: 'app', operator: 'Exists'}]}, labels, true],
  ['Exists without key', {matchExpressions: [{key: 'zone', operator: 'Exists'}]}, labels, false],
  ['DoesNotExist', {matchExpressions: [{key: 'zone', operator: 'DoesNotExist'}]}, labels, true],
  ['DoesNotExist with key', {matchExpressions: [{key: 'app', operator: 'DoesNotExist'}]}, labels, false],
  ['matchLabels AND matchExpressions', {matchLabels: {app: 'web'}, matchExpressions: [{key: 'env', operator: 'In', values: ['dev']}]}, labels, false],
  ['empty value label', {matchLabels: {flag: ''}}, {flag: ''}, true],
])('%s', (_name, selector, set, expected) => {
  expect(matchesLabelSelector(selector, set)).toBe(expected);
});

test.each<[string, LabelSelector, string]>([
  ['unknown operator', {matchExpressions: [{key: 'a', operator: 'Equals', values: ['b']}]}, '"Equals" is not a valid label selector operator'],
  ['In without values', {matchExpressions: [{key: 'a', operator: 'In', values: []}]}, "values set can't be empty"],
  ['Exists with values', {matchExpressions: [{key: 'a', operator: 'Exists', values: ['b']}]}, 'values set must be empty'],
  ['bad key', {matchLabels: {'-bad': 'x'}}, 'not a valid label key'],
  ['bad value', {matchLabels: {good: 'bad value'}}, 'not a valid label value'],
])('rejects %s', (_name, selector, message) => {
  expect(() => compileLabelSelector(selector, {file: 'p.yaml', field: 'spec.podSelector'})).toThrow(InputError);
  expect(() => compileLabelSelector(selector, {file: 'p.yaml', field: 'spec.podSelector'})).toThrow(message);
});

test('names the field of the bad requirement', () => {
  expect(() => compileLabelSelector({matchExpressions: [{key: 'a', operator: 'In', values: ['x']}, {key: 'a', operator: 'Nope'}]}, {file: 'p.yaml', field: 'spec.podSelector'}))
    .toThrow('p.yaml, field spec.podSelector.matchExpressions[1].operator');
});

test('text form is kubectl-like', () => {
  expect(compileLabelSelector({matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'In', values: ['b', 'a']}, {key: 'old', operator: 'DoesNotExist'}]}).text)
    .toBe('app=web,!old,tier in (a,b)');
  expect(compileLabelSelector({}).text).toBe('<all>');
});
