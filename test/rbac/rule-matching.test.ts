// Cases from kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go (TestRuleMatches) and the
// predicates of pkg/apis/rbac/v1/evaluation_helpers.go, each on its own.

import {apiGroupMatches, nonResourceURLMatches, resourceMatches, resourceNameMatches, ruleAllows, verbMatches} from '../../src/rbac/rule-matching.ts';
import type {PolicyRule, RequestAttributes} from '../../src/rbac/types.ts';
import {nonResourceRequest as url, resourceRequest as res} from './fixtures.ts';

const rule = (verbs: string[], apiGroups: string[] = [], resources: string[] = [], nonResourceURLs: string[] = [], resourceNames: string[] = []): PolicyRule =>
  ({verbs, apiGroups, resources, nonResourceURLs, resourceNames});

// TestRuleMatches: one rule, a map of request → expected.
const ruleMatchCases: [string, PolicyRule, [RequestAttributes, boolean][]][] = [
  ['star verb, exact match other', rule(['*'], ['group1'], ['resource1']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), false],
    [res('verb1', 'group1', 'resource2'), false], [res('verb1', 'group2', 'resource2'), false],
    [res('verb2', 'group1', 'resource1'), true], [res('verb2', 'group2', 'resource1'), false],
    [res('verb2', 'group1', 'resource2'), false], [res('verb2', 'group2', 'resource2'), false],
  ]],
  ['star group, exact match other', rule(['verb1'], ['*'], ['resource1']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), true],
    [res('verb1', 'group1', 'resource2'), false], [res('verb1', 'group2', 'resource2'), false],
    [res('verb2', 'group1', 'resource1'), false], [res('verb2', 'group2', 'resource1'), false],
    [res('verb2', 'group1', 'resource2'), false], [res('verb2', 'group2', 'resource2'), false],
  ]],
  ['star resource, exact match other', rule(['verb1'], ['group1'], ['*']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), false],
    [res('verb1', 'group1', 'resource2'), true], [res('verb1', 'group2', 'resource2'), false],
    [res('verb2', 'group1', 'resource1'), false], [res('verb2', 'group2', 'resource1'), false],
    [res('verb2', 'group1', 'resource2'), false], [res('verb2', 'group2', 'resource2'), false],
  ]],
  ['tuple expansion', rule(['verb1', 'verb2'], ['group1', 'group2'], ['resource1', 'resource2']), [
    [res('verb1', 'group1', 'resource1'), true], [res('verb1', 'group2', 'resource1'), true],
    [res('verb1', 'group1', 'resource2'), true], [res('verb1', 'group2', 'resource2'), true],
    [res('verb2', 'group1', 'resource1'), true], [res('verb2', 'group2', 'resource1'), true],
    [res('verb2', 'group1', 'resource2'), true], [res('verb2', 'group2', 'resource2'), true],
  ]],
  ['subresource expansion', rule(['*'], ['*'], ['resource1/subresource1']), [
    [res('verb1', 'group1', 'resource1', 'subresource1'), true], [res('verb1', 'group2', 'resource1', 'subresource2'), false],
    [res('verb1', 'group1', 'resource2', 'subresource1'), false], [res('verb1', 'group2', 'resource2', 'subresource1'), false],
    [res('verb2', 'group1', 'resource1', 'subresource1'), true], [res('verb2', 'group2', 'resource1', 'subresource2'), false],
    [res('verb2', 'group1', 'resource2', 'subresource1'), false], [res('verb2', 'group2', 'resource2', 'subresource1'), false],
  ]],
  ['star nonresource, exact match other', rule(['verb1'], [], [], ['*']), [
    [url('verb1', '/foo'), true], [url('verb1', '/foo/bar'), true], [url('verb1', '/foo/baz'), true],
    [url('verb1', '/foo/bar/one'), true], [url('verb1', '/foo/baz/one'), true],
    [url('verb2', '/foo'), false], [url('verb2', '/foo/bar'), false], [url('verb2', '/foo/baz'), false],
    [url('verb2', '/foo/bar/one'), false], [url('verb2', '/foo/baz/one'), false],
  ]],
  ['star nonresource subpath', rule(['verb1'], [], [], ['/foo/*']), [
    [url('verb1', '/foo'), false], [url('verb1', '/foo/bar'), true], [url('verb1', '/foo/baz'), true],
    [url('verb1', '/foo/bar/one'), true], [url('verb1', '/foo/baz/one'), true],
    [url('verb1', '/notfoo'), false], [url('verb1', '/notfoo/bar'), false], [url('verb1', '/notfoo/baz'), false],
    [url('verb1', '/notfoo/bar/one'), false], [url('verb1', '/notfoo/baz/one'), false],
  ]],
  ['star verb, exact nonresource', rule(['*'], [], [], ['/foo', '/foo/bar/one']), [
    [url('verb1', '/foo'), true], [url('verb1', '/foo/bar'), false], [url('verb1', '/foo/baz'), false],
    [url('verb1', '/foo/bar/one'), true], [url('verb1', '/foo/baz/one'), false],
    [url('verb2', '/foo'), true], [url('verb2', '/foo/bar'), false], [url('verb2', '/foo/baz'), false],
    [url('verb2', '/foo/bar/one'), true], [url('verb2', '/foo/baz/one'), false],
  ]],
];

describe('ruleAllows (upstream TestRuleMatches)', () => {
  test.each(ruleMatchCases)('%s', (_name, policyRule, requests) => {
    for (const [request, expected] of requests) {
      expect({request, allowed: ruleAllows(request, policyRule)}).toEqual({request, allowed: expected});
    }
  });
});

describe('the predicates alone', () => {
  test.each([
    ['exact verb', ['get'], 'get', true],
    ['star verb', ['*'], 'delete', true],
    ['verbs are case-sensitive', ['get'], 'GET', false],
    ['no verbs', [], 'get', false],
  ])('verbMatches: %s', (_name, verbs, verb, expected) => {
    expect(verbMatches(rule(verbs), verb)).toBe(expected);
  });

  test.each([
    ['core group', [''], '', true],
    ['star group', ['*'], 'apps', true],
    ['other group', ['apps'], '', false],
    ['no groups match nothing', [], '', false],
  ])('apiGroupMatches: %s', (_name, groups, group, expected) => {
    expect(apiGroupMatches(rule([], groups), group)).toBe(expected);
  });

  test.each([
    ['exact', ['pods'], 'pods', '', true],
    ['star', ['*'], 'pods/log', 'log', true],
    ['resource does not grant its subresource', ['pods'], 'pods/status', 'status', false],
    ['subresource does not grant the resource', ['pods/status'], 'pods', '', false],
    ['*/subresource grants that subresource of any resource', ['*/scale'], 'deployments/scale', 'scale', true],
    ['*/subresource needs a requested subresource', ['*/scale'], 'deployments', '', false],
    ['*/subresource is exact about the subresource', ['*/scale'], 'deployments/xscale', 'xscale', false],
    ['*/subresource length check', ['*/ale'], 'deployments/scale', 'scale', false],
    ['resource/* is not a wildcard', ['pods/*'], 'pods/log', 'log', false],
  ])('resourceMatches: %s', (_name, resources, combined, subresource, expected) => {
    expect(resourceMatches(rule([], [], resources), combined, subresource)).toBe(expected);
  });

  test.each([
    ['no names: every name', [], 'anything', true],
    ['no names: no name (list)', [], '', true],
    ['named', ['a', 'b'], 'b', true],
    ['other name', ['a'], 'b', false],
    ['names never match a request without name (list, create)', ['a'], '', false],
  ])('resourceNameMatches: %s', (_name, names, name, expected) => {
    expect(resourceNameMatches(rule([], [], [], [], names), name)).toBe(expected);
  });

  test.each([
    ['star', ['*'], '/anything', true],
    ['exact', ['/healthz'], '/healthz', true],
    ['exact is not a prefix', ['/healthz'], '/healthz/ping', false],
    ['trailing star is a prefix', ['/healthz*'], '/healthzfoo', true],
    ['trailing star matches its own prefix', ['/healthz/*'], '/healthz/', true],
    ['star in the middle is literal', ['/a/*/b'], '/a/x/b', false],
  ])('nonResourceURLMatches: %s', (_name, urls, path, expected) => {
    expect(nonResourceURLMatches(rule([], [], [], urls), path)).toBe(expected);
  });

  test('a resource rule never allows a non-resource request and vice versa', () => {
    const both = rule(['get'], ['*'], ['*'], []);
    expect(ruleAllows(url('get', '/healthz'), both)).toBe(false);
    expect(ruleAllows(res('get', '', 'pods'), rule(['get'], [], [], ['*']))).toBe(false);
  });

  test('resourceNames restrict named requests', () => {
    const named = rule(['get'], [''], ['configmaps'], [], ['kube-root-ca.crt']);
    expect(ruleAllows(res('get', '', 'configmaps', '', 'kube-root-ca.crt'), named)).toBe(true);
    expect(ruleAllows(res('get', '', 'configmaps', '', 'other'), named)).toBe(false);
    expect(ruleAllows(res('list', '', 'configmaps'), named)).toBe(false);
  });
});
