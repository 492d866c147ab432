// The test cluster's pure parts, stated with upstream cases where upstream has them.

import {describe, expect, test} from '@jest/globals';
import {Catalogue, guessPlural, sortVersions} from '../cluster/catalogue.ts';
import {decodeContinue, encodeContinue} from '../cluster/handlers/paging.ts';
import {negotiate} from '../cluster/negotiate.ts';
import {jsonPatch, mergePatch} from '../cluster/patch.ts';
import {parseResourcePath} from '../cluster/router.ts';
import {parseFieldSelector, parseLabelSelector} from '../cluster/selectors.ts';
import {humanDuration} from '../cluster/tables.ts';

// k8s.io/apimachinery pkg/labels/selector_test.go: TestSelectorMatches
describe('label selector matching', () => {
  test.each([
    {name: 'empty matches all', selector: '', labels: {x: 'y'}, match: true},
    {name: 'equality', selector: 'x=y', labels: {x: 'y'}, match: true},
    {name: 'two equalities', selector: 'x=y,z=w', labels: {x: 'y', z: 'w'}, match: true},
    {name: 'two inequalities', selector: 'x!=y,z!=w', labels: {x: 'z', z: 'a'}, match: true},
    {name: 'operator words as key and value', selector: 'notin=in', labels: {notin: 'in'}, match: true},
    {name: 'exists', selector: 'x', labels: {x: 'z'}, match: true},
    {name: 'does not exist', selector: '!x', labels: {y: 'z'}, match: true},
    {name: 'greater than', selector: 'x>1', labels: {x: '2'}, match: true},
    {name: 'less than', selector: 'x<1', labels: {x: '0'}, match: true},
    {name: 'equality without the label', selector: 'x=z', labels: {}, match: false},
    {name: 'equality, other value', selector: 'x=y', labels: {x: 'z'}, match: false},
    {name: 'one of two equalities fails', selector: 'x=y,z=w', labels: {x: 'w', z: 'w'}, match: false},
    {name: 'one of two inequalities fails', selector: 'x!=y,z!=w', labels: {x: 'z', z: 'w'}, match: false},
    {name: 'exists, absent', selector: 'x', labels: {y: 'z'}, match: false},
    {name: 'does not exist, present', selector: '!x', labels: {x: 'z'}, match: false},
    {name: 'greater than fails', selector: 'x>1', labels: {x: '0'}, match: false},
    {name: 'less than fails', selector: 'x<1', labels: {x: '2'}, match: false},
    {name: 'labelset foo=bar', selector: 'foo=bar', labels: {foo: 'bar', baz: 'blah'}, match: true},
    {name: 'labelset both', selector: 'foo=bar,baz=blah', labels: {foo: 'bar', baz: 'blah'}, match: true},
    {name: 'labelset wrong value', selector: 'foo=blah', labels: {foo: 'bar', baz: 'blah'}, match: false},
    {name: 'labelset extra requirement', selector: 'foo=bar,foobar=bar,baz=blah', labels: {foo: 'bar', baz: 'blah'}, match: false},
    // TestRequirementSelectorMatching
    {name: 'in and notin', selector: 'x in (foo),y notin (alpha)', labels: {x: 'foo', y: 'baz'}, match: true},
    {name: 'in fails', selector: 'x in (foo),y in (alpha)', labels: {x: 'foo', y: 'baz'}, match: false},
    {name: 'notin of empty on a missing key', selector: 'x notin (),y', labels: {y: ''}, match: true},
    {name: 'in empty on a missing key', selector: 'x in ()', labels: {y: 'baz'}, match: false},
    {name: 'greater than on a non-integer', selector: 'z>1', labels: {z: 'v2'}, match: false},
  ])('$name', ({selector, labels, match}) => {
    expect(parseLabelSelector(selector)(labels as Record<string, string>)).toBe(match);
  });
});

// k8s.io/apimachinery pkg/labels/selector_test.go: TestSelectorParse, TestSetSelectorParser
describe('label selector parsing', () => {
  test.each([
    {name: 'three equalities', selector: 'x=a,y=b,z=c', valid: true},
    {name: 'empty value', selector: 'x=', valid: true},
    {name: 'empty values with spaces', selector: 'x= ,z= ', valid: true},
    {name: 'greater and less', selector: 'x>1,z<5', valid: true},
    {name: 'leading carriage return', selector: '\rx', valid: true},
    {name: 'prefixed key', selector: 'this-is-another-dns.domain.com/key-with-dash in (so,what)', valid: true},
    {name: 'tabs around notin', selector: 'x  notin\t\t(abc,def)', valid: true},
    {name: 'trailing empty value in a set', selector: 'x in (abc,)', valid: true},
    {name: 'mixed', selector: 'x notin (abc,def),bar,z in (),w', valid: true},
    {name: 'operator words inside a set', selector: 'a in (x,y,notin, z,in)', valid: true},
    {name: 'or', selector: 'x=a||y=b', valid: false},
    {name: 'double equality', selector: 'x==a==b', valid: false},
    {name: 'negated equality', selector: '!x=a', valid: false},
    {name: 'less than a word', selector: 'x<a', valid: false},
    {name: 'trailing comma', selector: 'a in (xyz),', valid: false},
    {name: 'misspelt operator', selector: 'x nott in (y)', valid: false},
    {name: 'no comma between values', selector: 'a in (xyz abc)', valid: false},
    {name: 'unclosed set', selector: 'a notin(', valid: false},
    {name: 'bare parenthesis', selector: '(', valid: false},
  ])('$name', ({selector, valid}) => {
    const parse = () => parseLabelSelector(selector);
    if (valid) expect(parse).not.toThrow();
    else expect(parse).toThrow();
  });
});

describe('field selectors', () => {
  const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'n'}, spec: {nodeName: 'node-1'}, status: {phase: 'Running'}};
  test.each([
    {name: 'name', selector: 'metadata.name=p', match: true},
    {name: 'double equals', selector: 'metadata.namespace==n', match: true},
    {name: 'not equals', selector: 'spec.nodeName!=node-1', match: false},
    {name: 'phase', selector: 'status.phase=Running,spec.nodeName=node-1', match: true},
    {name: 'missing field is empty', selector: 'status.podIP=', match: true},
  ])('$name', ({selector, match}) => {
    expect(parseFieldSelector(selector, 'Pod')(pod)).toBe(match);
  });

  test('fields a kind does not index are refused, as the API server does', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', 'ConfigMap')).toThrow('field label not supported: spec.nodeName');
  });
});

// k8s.io/apimachinery pkg/util/duration/duration_test.go: TestHumanDuration, TestHumanDurationBoundaries
describe('ages', () => {
  const ms = 1;
  const second = 1000;
  const minute = 60 * second;
  const hour = 60 * minute;
  const day = 24 * hour;
  const year = 365 * day;
  test.each([
    {d: second, want: '1s'},
    {d: 70 * second, want: '70s'},
    {d: 190 * second, want: '3m10s'},
    {d: 70 * minute, want: '70m'},
    {d: 47 * hour, want: '47h'},
    {d: 49 * hour, want: '2d1h'},
    {d: (8 * 24 + 2) * hour, want: '8d'},
    {d: 367 * 24 * hour, want: '367d'},
    {d: (365 * 2 * 24 + 25) * hour, want: '2y1d'},
    {d: (365 * 8 * 24 + 2) * hour, want: '8y'},
    {d: -2 * second, want: '<invalid>'},
    {d: -2 * second + ms, want: '0s'},
    {d: 0, want: '0s'},
    {d: 2 * minute - ms, want: '119s'},
    {d: 2 * minute, want: '2m'},
    {d: 2 * minute + second, want: '2m1s'},
    {d: 10 * minute - ms, want: '9m59s'},
    {d: 10 * minute + second, want: '10m'},
    {d: 3 * hour - ms, want: '179m'},
    {d: 3 * hour + minute, want: '3h1m'},
    {d: 8 * hour - ms, want: '7h59m'},
    {d: 8 * hour + 59 * minute, want: '8h'},
    {d: 2 * day, want: '2d'},
    {d: 8 * day - ms, want: '7d23h'},
    {d: 8 * day + 23 * hour, want: '8d'},
    {d: 2 * year - ms, want: '729d'},
    {d: 2 * year + 24 * hour - ms, want: '2y'},
    {d: 2 * year + 24 * hour, want: '2y1d'},
    {d: 8 * year - ms, want: '7y364d'},
    {d: 8 * year + 364 * day, want: '8y'},
  ])('$d ms is $want', ({d, want}) => {
    expect(humanDuration(d)).toBe(want);
  });
});

// RFC 7386 appendix A and RFC 6902 appendix A (a subset)
describe('patches', () => {
  test.each([
    {name: 'replace', target: {a: 'b'}, patch: {a: 'c'}, result: {a: 'c'}},
    {name: 'add', target: {a: 'b'}, patch: {b: 'c'}, result: {a: 'b', b: 'c'}},
    {name: 'remove', target: {a: 'b'}, patch: {a: null}, result: {}},
    {name: 'arrays replace', target: {a: ['b']}, patch: {a: 'c'}, result: {a: 'c'}},
    {name: 'nested remove', target: {a: {b: 'c'}}, patch: {a: {b: 'd', c: null}}, result: {a: {b: 'd'}}},
    {name: 'non-object patch', target: {a: 'foo'}, patch: ['c'], result: ['c']},
  ])('merge patch: $name', ({target, patch, result}) => {
    expect(mergePatch(target, patch)).toEqual(result);
  });

  test.each([
    {name: 'add member', target: {foo: 'bar'}, ops: [{op: 'add' as const, path: '/baz', value: 'qux'}], result: {foo: 'bar', baz: 'qux'}},
    {name: 'add array element', target: {foo: ['bar', 'baz']}, ops: [{op: 'add' as const, path: '/foo/1', value: 'qux'}], result: {foo: ['bar', 'qux', 'baz']}},
    {name: 'remove', target: {baz: 'qux', foo: 'bar'}, ops: [{op: 'remove' as const, path: '/baz'}], result: {foo: 'bar'}},
    {name: 'replace', target: {baz: 'qux', foo: 'bar'}, ops: [{op: 'replace' as const, path: '/baz', value: 'boo'}], result: {baz: 'boo', foo: 'bar'}},
    {name: 'escaped pointer', target: {'a/b': 1}, ops: [{op: 'remove' as const, path: '/a~1b'}], result: {}},
    {name: 'append', target: {foo: [1]}, ops: [{op: 'add' as const, path: '/foo/-', value: 2}], result: {foo: [1, 2]}},
  ])('JSON patch: $name', ({target, ops, result}) => {
    expect(jsonPatch(target, ops)).toEqual(result);
  });

  test('a failing test operation throws', () => {
    expect(() => jsonPatch({a: 1}, [{op: 'test', path: '/a', value: 2}])).toThrow('test operation failed');
  });
});

// k8s.io/apiserver pkg/endpoints/request/requestinfo_test.go: TestGetAPIRequestInfo (a subset)
describe('request paths', () => {
  const catalogue = new Catalogue();
  test.each([
    {name: 'cluster-wide list', method: 'GET', path: '/api/v1/pods', want: {verb: 'list', resource: 'pods', namespace: undefined, name: undefined}},
    {name: 'namespaced list', method: 'GET', path: '/api/v1/namespaces/other/pods', want: {verb: 'list', resource: 'pods', namespace: 'other'}},
    {name: 'get', method: 'GET', path: '/api/v1/namespaces/other/pods/foo', want: {verb: 'get', resource: 'pods', namespace: 'other', name: 'foo'}},
    {name: 'watch parameter', method: 'GET', path: '/api/v1/namespaces/other/pods?watch=true', want: {verb: 'watch', resource: 'pods'}},
    {name: 'watch prefix', method: 'GET', path: '/api/v1/watch/namespaces/other/pods', want: {verb: 'watch', resource: 'pods', namespace: 'other'}},
    {name: 'namespace itself', method: 'GET', path: '/api/v1/namespaces/other', want: {verb: 'get', resource: 'namespaces', namespace: 'other', name: 'other'}},
    {name: 'namespace status', method: 'PUT', path: '/api/v1/namespaces/other/status', want: {verb: 'update', resource: 'namespaces', name: 'other', subresource: 'status'}},
    {name: 'grouped subresource', method: 'GET', path: '/apis/apps/v1/namespaces/a/deployments/web/scale', want: {verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale'}},
    {name: 'proxy subpath', method: 'GET', path: '/api/v1/namespaces/a/pods/p:9100/proxy/metrics', want: {name: 'p:9100', subresource: 'proxy', subpath: 'metrics'}},
    {name: 'create', method: 'POST', path: '/api/v1/namespaces/other/pods', want: {verb: 'create'}},
    {name: 'delete collection', method: 'DELETE', path: '/api/v1/namespaces/other/pods', want: {verb: 'deletecollection'}},
  ])('$name', ({method, path, want}) => {
    expect(parseResourcePath(method, new URL(path, 'http://x'), catalogue)).toMatchObject(want);
  });
});

describe('small pieces', () => {
  test.each([
    {name: 'kubectl Table', accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', as: 'Table'},
    {name: 'metadata list', accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', as: 'PartialObjectMetadata'},
    {name: 'protobuf first, then JSON', accept: 'application/vnd.kubernetes.protobuf, application/json', as: 'Object'},
    {name: 'none', accept: undefined, as: 'Object'},
  ])('negotiates $name', ({accept, as}) => {
    expect(negotiate(accept)?.as).toBe(as);
  });

  test('continue tokens round-trip and are opaque', () => {
    const token = encodeContinue({resourceVersion: '42', after: 'ns/name'});
    expect(token).not.toContain('ns/name');
    expect(decodeContinue(token)).toEqual({resourceVersion: '42', after: 'ns/name'});
    expect(() => decodeContinue('bm9wZQ')).toThrow('continue key is not valid');
  });

  test.each([
    {kind: 'Pod', plural: 'pods'},
    {kind: 'NetworkPolicy', plural: 'networkpolicies'},
    {kind: 'Ingress', plural: 'ingresses'},
  ])('guesses the plural of $kind', ({kind, plural}) => {
    expect(guessPlural(kind)).toBe(plural);
  });

  test('orders versions as the API server prefers them', () => {
    expect(sortVersions(['v1alpha1', 'v1beta2', 'v2', 'v1', 'v1beta1', 'v2beta1'])).toEqual(['v2', 'v1', 'v2beta1', 'v1beta2', 'v1beta1', 'v1alpha1']);
  });
});
