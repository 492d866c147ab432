// Discovery documents into resource types: the classic APIResourceList (sub-resources folded into
// their parents, as kubectl api-resources leaves them out) and aggregated discovery
// (apidiscovery.k8s.io/v2, k8s.io/api/apidiscovery/v2 types), and a broken aggregated API
// degrading to a warning as in `kubectl api-resources`.

import {afterEach, describe, expect, test} from '@jest/globals';
import {connectLive} from '../../src/cluster/live.ts';
import {typesFromAggregated, typesFromResourceList} from '../../src/cluster/live-discovery.ts';
import {fastRetries, scratch, sendJson, sendStatus, simpleKubeconfig, startFakeApi, type FakeApi} from './helpers.ts';

const files = scratch();
let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const coreResources = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    {name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po']},
    {name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get']},
    {name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch']},
    {name: 'nodes', singularName: '', namespaced: false, kind: 'Node', verbs: ['get', 'list']},
  ],
};

describe('typesFromResourceList', () => {
  test('keeps verbs, short names and scope, folds sub-resources, and guesses an empty singular', () => {
    expect(typesFromResourceList('', 'v1', coreResources)).toEqual([
      {kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true, verbs: ['get', 'list'], subresources: ['log', 'status']},
      {kind: 'Node', plural: 'nodes', singular: 'node', shortNames: [], group: '', version: 'v1', namespaced: false, verbs: ['get', 'list']},
    ]);
  });

  test('an empty or odd document gives no types', () => {
    expect(typesFromResourceList('x', 'v1', {})).toEqual([]);
    expect(typesFromResourceList('x', 'v1', null)).toEqual([]);
  });
});

const aggregated = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  items: [
    {
      metadata: {name: 'apps'},
      versions: [{
        version: 'v1',
        resources: [
          {resource: 'deployments', responseKind: {group: '', version: '', kind: 'Deployment'}, scope: 'Namespaced', singularResource: 'deployment',
            verbs: ['get', 'list'], shortNames: ['deploy'], subresources: [{subresource: 'scale'}, {subresource: 'status'}]},
        ],
        freshness: 'Current',
      }],
    },
    {
      metadata: {name: 'metrics.k8s.io'},
      versions: [
        {version: 'v1beta1', freshness: 'Stale', resources: [{resource: 'pods', responseKind: {kind: 'PodMetrics'}, scope: 'Namespaced', singularResource: '', verbs: ['get', 'list']}]},
      ],
    },
    {
      metadata: {name: 'example.com'},
      versions: [
        {version: 'v2', resources: [{resource: 'widgets', responseKind: {kind: 'Widget'}, scope: 'Cluster', singularResource: 'widget', verbs: ['list']}]},
        {version: 'v1', resources: [{resource: 'widgets', responseKind: {kind: 'Widget'}, scope: 'Cluster', singularResource: 'widget', verbs: ['list']}]},
      ],
    },
  ],
};

describe('typesFromAggregated', () => {
  test('takes the first (preferred) version of each group and warns about stale ones', () => {
    const warnings: string[] = [];
    const types = typesFromAggregated(aggregated as never, (message) => warnings.push(message));
    expect(types).toEqual([
      {kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', version: 'v1', namespaced: true, verbs: ['get', 'list'], subresources: ['scale', 'status']},
      {kind: 'PodMetrics', plural: 'pods', singular: 'podmetrics', shortNames: [], group: 'metrics.k8s.io', version: 'v1beta1', namespaced: true, verbs: ['get', 'list']},
      {kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: [], group: 'example.com', version: 'v2', namespaced: false, verbs: ['list']},
    ]);
    expect(warnings).toEqual(['the resources of metrics.k8s.io/v1beta1 may be out of date: the server marks them stale']);
  });
});

async function connectTo(routes: Record<string, (accept: string) => {status: number; body: unknown}>) {
  api = await startFakeApi((request, response) => {
    const route = routes[request.url];
    if (!route) return sendStatus(response, 404, 'NotFound', 'the server could not find the requested resource');
    const {status, body} = route(String(request.headers.accept));
    if (status === 200) sendJson(response, 200, body);
    else sendStatus(response, status, 'ServiceUnavailable', String(body));
  });
  const kubeconfig = files.kubeconfig(`discovery-${Math.random()}.yaml`, simpleKubeconfig(api.url, {token: 't'}));
  return connectLive({kubeconfig}, fastRetries);
}

describe('resourceTypes()', () => {
  test('uses aggregated discovery when the server offers it: two requests in all', async () => {
    const source = await connectTo({
      '/api/v1': () => ({status: 200, body: coreResources}),
      '/apis': (accept) => ({status: 200, body: accept.includes('as=APIGroupDiscoveryList') ? aggregated : {kind: 'APIGroupList', groups: []}}),
    });
    const types = await source.resourceTypes();
    expect(api!.requests.map((request) => request.url).sort()).toEqual(['/api/v1', '/apis']);
    expect(types.find((type) => type.kind === 'Widget')?.version).toBe('v2');
    // built-ins the server did not mention stay known
    expect(types.find((type) => type.plural === 'networkpolicies')).toBeDefined();
    expect(source.warnings).toEqual(['the resources of metrics.k8s.io/v1beta1 may be out of date: the server marks them stale']);
  });

  test('falls back to the preferred version of each group; a failing group is a warning, not retried', async () => {
    const source = await connectTo({
      '/api/v1': () => ({status: 200, body: coreResources}),
      '/apis': () => ({status: 200, body: {kind: 'APIGroupList', groups: [
        {name: 'example.com', versions: [{groupVersion: 'example.com/v1', version: 'v1'}, {groupVersion: 'example.com/v1beta1', version: 'v1beta1'}],
          preferredVersion: {groupVersion: 'example.com/v1', version: 'v1'}},
        {name: 'metrics.k8s.io', versions: [{groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1'}], preferredVersion: {groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1'}},
      ]}}),
      '/apis/example.com/v1': () => ({status: 200, body: {kind: 'APIResourceList', groupVersion: 'example.com/v1', resources: [
        {name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', verbs: ['list'], shortNames: ['wd']},
      ]}}),
      '/apis/metrics.k8s.io/v1beta1': () => ({status: 503, body: 'the server is currently unable to handle the request'}),
    });
    const types = await source.resourceTypes();
    expect(types.find((type) => type.kind === 'Widget')).toMatchObject({group: 'example.com', version: 'v1', shortNames: ['wd']});
    expect(types.find((type) => type.group === 'metrics.k8s.io')).toBeUndefined();
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]).toMatch(/^could not discover the resources of metrics\.k8s\.io\/v1beta1: cannot discover the served resources \(GET \/apis\/metrics\.k8s\.io\/v1beta1\) on .*: Service Unavailable \(503\)/);
    expect(api!.requests.filter((request) => request.url.startsWith('/apis/metrics'))).toHaveLength(1);
  });

  test('a failing root document is an error, and the next call asks again', async () => {
    let healthy = false;
    const source = await connectTo({
      '/api/v1': () => (healthy ? {status: 200, body: coreResources} : {status: 403, body: 'forbidden'}),
      '/apis': () => ({status: 200, body: {kind: 'APIGroupList', groups: []}}),
    });
    await expect(source.resourceTypes()).rejects.toThrow(/cannot discover the served resources \(GET \/api\/v1\) on .*Forbidden \(403\)/);
    healthy = true;
    expect((await source.resourceTypes()).some((type) => type.plural === 'pods')).toBe(true);
  });
});
