// VERB TARGET [NAME] → request attributes: kubectl's resource resolution and can-i's warnings
// (kubectl pkg/cmd/auth/cani.go Complete/Validate).

import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {UsageError} from '../../src/errors.ts';
import {parseRequest, type TargetOptions} from '../../src/rbac/request.ts';

const catalog = new ResourceCatalog();
const parse = (verb: string, target: string, extra: Partial<TargetOptions> = {}) =>
  parseRequest({verb, target, namespace: 'default', catalog, slashMeans: 'subresource', ...extra});

describe('parseRequest', () => {
  test.each([
    ['plural', 'get', 'pods', {resource: 'pods', apiGroup: ''}, true],
    ['short name', 'get', 'deploy', {resource: 'deployments', apiGroup: 'apps'}, true],
    ['kind', 'get', 'Deployment', {resource: 'deployments', apiGroup: 'apps'}, true],
    ['group-qualified', 'list', 'deployments.apps', {resource: 'deployments', apiGroup: 'apps'}, true],
    ['cluster-scoped', 'get', 'nodes', {resource: 'nodes', apiGroup: ''}, false],
    ['subresource', 'get', 'pods/log', {resource: 'pods', subresource: 'log'}, true],
    ['star', '*', '*', {resource: '*', apiGroup: ''}, undefined],
    ['unknown, group-qualified', 'get', 'widgets.example.com', {resource: 'widgets', apiGroup: 'example.com'}, undefined],
  ])('%s', (_name, verb, target, expected, namespaced) => {
    const parsed = parse(verb, target);
    expect(parsed.request).toMatchObject({verb, resourceRequest: true, namespace: 'default', ...expected});
    expect(parsed.namespaced).toBe(namespaced);
  });

  test('can-i reads TYPE/NAME as a name, with --subresource', () => {
    expect(parse('get', 'pods/web-0', {slashMeans: 'name', subresource: 'log'}).request).toMatchObject({resource: 'pods', name: 'web-0', subresource: 'log'});
  });

  test('a non-resource URL', () => {
    expect(parse('get', '/healthz')).toEqual({request: {verb: 'get', namespace: '', resourceRequest: false, path: '/healthz'}, warnings: []});
  });

  test.each([
    ['unknown verb', 'frobnicate', 'pods', "verb 'frobnicate' is not a known verb"],
    ['unknown non-resource verb', 'list', '/healthz', "verb 'list' is not a known verb"],
    ['unknown resource', 'get', 'widgets', "the server doesn't have a resource type 'widgets'"],
  ])('warns: %s', (_name, verb, target, warning) => {
    expect(parse(verb, target).warnings).toContain(warning);
  });

  test('impersonation targets are not unknown', () => {
    expect(parse('impersonate', 'users').warnings).toEqual([]);
  });

  test.each([
    ['subresource with a URL', () => parse('get', '/healthz', {subresource: 'x'}), '--subresource can not be used with NonResourceURL'],
    ['name with a URL', () => parse('get', '/healthz', {name: 'x'}), 'NonResourceURL and ResourceName can not specified together'],
    ['no target', () => parse('get', ''), 'a resource or non-resource URL is required'],
  ])('usage error: %s', (_name, run, message) => {
    expect(run).toThrow(UsageError);
    expect(run).toThrow(message);
  });
});
