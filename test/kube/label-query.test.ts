import {matchesLabelQuery, parseLabelQuery} from '../../src/kube/label-query.ts';
import {parseDuration} from '../../src/kube/duration.ts';
import {UsageError} from '../../src/errors.ts';

// Cases after apimachinery pkg/labels/selector_test.go (TestSelectorMatches, TestSelectorParse).
const labels = {x: 'y', z: 'w', empty: '', n: '5'};
test.each([
  ['', true],
  ['x=y', true],
  ['x==y', true],
  ['x=z', false],
  ['x!=z', true],
  ['x!=y', false],
  ['notthere!=y', true],
  ['x=y,z=w', true],
  ['x=y,z=q', false],
  ['x in (y,b)', true],
  ['x notin (y,b)', false],
  ['x notin (a)', true],
  ['notthere notin (a)', true],
  ['x', true],
  ['!x', false],
  ['!notthere', true],
  ['empty=', true],
  ['x in (a, y ),z', true],
  ['n>4', true],
  ['n>5', false],
  ['n<6', true],
  ['x>1', false],
])('selector %j matches %j', (selector, expected) => {
  expect(matchesLabelQuery(parseLabelQuery(selector), labels)).toBe(expected);
});

test.each(['x=(', 'x in y', '=y', 'x>a'])('rejects %j', (selector) => {
  expect(() => parseLabelQuery(selector)).toThrow(UsageError);
});

// Go's time.ParseDuration (time/time_test.go parseDurationTests), plus kubectl's bare seconds.
test.each([
  ['0', 0], ['5', 5000], ['1s', 1000], ['1.5s', 1500], ['300ms', 300], ['2m30s', 150000], ['1h', 3600000], ['.5s', 500], ['1h2m3s4ms', 3723004],
])('duration %s', (text, milliseconds) => expect(parseDuration(text)).toBeCloseTo(milliseconds));

test.each(['', 's', '1x', '1s2', 'abc'])('bad duration %j', (text) => {
  expect(() => parseDuration(text, '--request-timeout')).toThrow('--request-timeout');
});
