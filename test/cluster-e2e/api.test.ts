// The test cluster's HTTP API directly: discovery documents, representations (Table,
// PartialObjectMetadataList), paging, watch semantics and writes, shaped as the API server's.

import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import type {Harness} from './helpers.ts';
import type {Route} from '../cluster/router.ts';
import {sendJson} from '../cluster/status.ts';
import {eventually, startHarness} from './helpers.ts';
import {startTestCluster} from '../cluster/server.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{status: number; body: any}> {
  const response = await fetch(`${harness.cluster.url}${path}`, {headers: {...harness.auth, ...headers}});
  return {status: response.status, body: await response.json()};
}

async function send(method: string, path: string, body: unknown, contentType = 'application/json'): Promise<{status: number; body: any}> {
  const response = await fetch(`${harness.cluster.url}${path}`, {
    method,
    headers: {...harness.auth, 'content-type': contentType},
    body: JSON.stringify(body),
  });
  return {status: response.status, body: await response.json()};
}

/** Collects watch events until `count` have arrived, then aborts the stream. `whileOpen` runs once the stream is open. */
async function watchEvents(path: string, count: number, whileOpen: () => void | Promise<void> = () => {}, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${harness.cluster.url}${path}`, {headers: {...harness.auth, ...headers}, signal: controller.signal});
  expect(response.status).toBe(200);
  const events: any[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk, {stream: true});
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, newline)));
        buffer = buffer.slice(newline + 1);
      }
    }
  })().catch(() => {});
  try {
    await whileOpen();
    await eventually(() => events.length >= count, 5000);
  } finally {
    controller.abort();
    await reading;
  }
  return events;
}

describe('discovery', () => {
  test('/version reports v1.31', async () => {
    const {body} = await get('/version');
    expect(body).toMatchObject({major: '1', minor: '31', gitVersion: expect.stringMatching(/^v1\.31\.\d+$/)});
  });

  test('/api and /apis list versions and groups with preferred versions', async () => {
    expect((await get('/api')).body).toMatchObject({kind: 'APIVersions', versions: ['v1']});
    const {body} = await get('/apis');
    expect(body.kind).toBe('APIGroupList');
    const autoscaling = body.groups.find((group: any) => group.name === 'autoscaling');
    expect(autoscaling.versions.map((entry: any) => entry.groupVersion)).toEqual(['autoscaling/v2', 'autoscaling/v1']);
    expect(autoscaling.preferredVersion).toEqual({groupVersion: 'autoscaling/v2', version: 'v2'});
    const names = body.groups.map((group: any) => group.name);
    for (const group of ['apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy', 'coordination.k8s.io', 'discovery.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'certificates.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'events.k8s.io', 'monitoring.coreos.com', 'policy.networking.k8s.io', 'example.com']) {
      expect(names).toContain(group);
    }
  });

  test('aggregated discovery (apidiscovery.k8s.io/v2) when asked for first', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const response = await fetch(`${harness.cluster.url}/apis`, {headers: {...harness.auth, accept}});
    expect(response.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body: any = await response.json();
    expect(body.kind).toBe('APIGroupDiscoveryList');
    const apps = body.items.find((item: any) => item.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((resource: any) => resource.resource === 'deployments');
    expect(deployments).toMatchObject({
      responseKind: {group: 'apps', version: 'v1', kind: 'Deployment'},
      scope: 'Namespaced',
      singularResource: 'deployment',
      shortNames: ['deploy'],
      subresources: expect.arrayContaining([{subresource: 'scale', responseKind: {group: 'autoscaling', version: 'v1', kind: 'Scale'}, verbs: ['get', 'patch', 'update']}]),
    });
    const core: any = await (await fetch(`${harness.cluster.url}/api`, {headers: {...harness.auth, accept}})).json();
    expect(core.items).toHaveLength(1);
    expect(core.items[0].versions[0].resources.find((resource: any) => resource.resource === 'nodes').scope).toBe('Cluster');
    // plain JSON first keeps the unaggregated documents
    expect((await get('/apis', {accept: 'application/json'})).body.kind).toBe('APIGroupList');
  });

  test('/api/v1 lists resources with subresources', async () => {
    const {body} = await get('/api/v1');
    expect(body).toMatchObject({kind: 'APIResourceList', groupVersion: 'v1'});
    const pods = body.resources.find((resource: any) => resource.name === 'pods');
    expect(pods).toMatchObject({singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all']});
    expect(pods.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    expect(body.resources.find((resource: any) => resource.name === 'pods/exec')).toMatchObject({kind: 'PodExecOptions', verbs: ['create', 'get']});
  });

  test('/apis/GROUP/VERSION for a CRD serves the CRD\'s names and scope; unknown groups are 404', async () => {
    const {body} = await get('/apis/example.com/v1');
    expect(body.resources).toEqual([expect.objectContaining({name: 'widgets', singularName: 'widget', namespaced: true, kind: 'Widget', shortNames: ['wdg']})]);
    expect((await get('/apis/example.com')).body).toMatchObject({kind: 'APIGroup', name: 'example.com'});
    expect((await get('/apis/nothing.example/v1')).status).toBe(404);
  });

  test('a CRD created at run time is served at once', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {name: 'gadgets.example.org'},
      spec: {group: 'example.org', scope: 'Cluster', names: {kind: 'Gadget', plural: 'gadgets'}, versions: [{name: 'v1beta1', served: true, storage: true}]},
    };
    expect((await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    const created = await send('POST', '/apis/example.org/v1beta1/gadgets', {apiVersion: 'example.org/v1beta1', kind: 'Gadget', metadata: {name: 'g1'}});
    expect(created.status).toBe(201);
    expect(created.body.metadata.namespace).toBeUndefined();
    expect((await get('/apis/example.org/v1beta1/gadgets')).body.items.map((item: any) => item.metadata.name)).toEqual(['g1']);
  });
});

describe('reading', () => {
  test('a list carries kind, apiVersion and a resourceVersion; objects carry uid, resourceVersion, creationTimestamp', async () => {
    const {body} = await get('/apis/apps/v1/namespaces/team-a/replicasets');
    expect(body).toMatchObject({kind: 'ReplicaSetList', apiVersion: 'apps/v1', metadata: {resourceVersion: expect.stringMatching(/^\d+$/)}});
    expect(body.items[0]).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {name: 'web-5d4f8b', uid: '11111111-0000-0000-0000-000000000002', resourceVersion: expect.stringMatching(/^\d+$/)},
    });
    const {body: service} = await get('/api/v1/namespaces/team-a/services/web');
    expect(service.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('namespaces referenced by objects exist, with the name label the API server adds', async () => {
    const {body} = await get('/api/v1/namespaces');
    expect(body.items.map((item: any) => item.metadata.name)).toEqual(['default', 'team-a', 'team-b']);
    expect(body.items[1].metadata.labels).toEqual({team: 'a', 'kubernetes.io/metadata.name': 'team-a'});
    expect(body.items[1].status).toEqual({phase: 'Active'});
  });

  test.each([
    {name: 'namespaced', path: '/api/v1/namespaces/team-a/pods/nope', message: 'pods "nope" not found', details: {name: 'nope', kind: 'pods'}},
    {name: 'grouped', path: '/apis/apps/v1/namespaces/team-a/deployments/nope', message: 'deployments.apps "nope" not found', details: {name: 'nope', group: 'apps', kind: 'deployments'}},
  ])('404 is a NotFound Status ($name)', async ({path, message, details}) => {
    const {status, body} = await get(path);
    expect(status).toBe(404);
    expect(body).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', details, code: 404});
  });

  test('an unknown resource is 404', async () => {
    const {status, body} = await get('/api/v1/nothings');
    expect(status).toBe(404);
    expect(body).toMatchObject({reason: 'NotFound', message: 'the server could not find the requested resource'});
  });

  test('Table: columns, cells and metadata-only row objects', async () => {
    const {body} = await get('/api/v1/namespaces/team-a/pods', {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'});
    expect(body).toMatchObject({kind: 'Table', apiVersion: 'meta.k8s.io/v1'});
    expect(body.columnDefinitions.map((column: any) => column.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(body.rows[1].cells.slice(0, 4)).toEqual(['web-5d4f8b-x7k2p', '1/1', 'Running', '0']);
    expect(body.rows[1].object).toMatchObject({kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {name: 'web-5d4f8b-x7k2p'}});
    const full = await get('/api/v1/namespaces/team-a/pods?includeObject=Object', {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io'});
    expect(full.body.rows[0].object.kind).toBe('Pod');
  });

  test('Table for a CRD uses its additionalPrinterColumns', async () => {
    const {body} = await get('/apis/example.com/v1/widgets', {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io'});
    expect(body.columnDefinitions.map((column: any) => column.name)).toEqual(['Name', 'Size', 'Age']);
    expect(body.rows[0].cells.slice(0, 2)).toEqual(['sprocket', 'large']);
  });

  test('PartialObjectMetadataList and PartialObjectMetadata', async () => {
    const accept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
    const {body} = await get('/apis/apps/v1/replicasets', {accept});
    expect(body).toMatchObject({kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: {resourceVersion: expect.any(String)}});
    expect(body.items).toEqual([{kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: expect.objectContaining({name: 'web-5d4f8b', ownerReferences: expect.any(Array)})}]);
    expect(body.items[0].spec).toBeUndefined();
    const single = await get('/apis/apps/v1/namespaces/team-a/replicasets/web-5d4f8b', {accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1'});
    expect(single.body).toMatchObject({kind: 'PartialObjectMetadata', metadata: {name: 'web-5d4f8b'}});
    expect(single.body.spec).toBeUndefined();
  });

  test('protobuf only is 406', async () => {
    expect((await get('/api/v1/pods', {accept: 'application/vnd.kubernetes.protobuf'})).status).toBe(406);
  });

  test('paging: limit, opaque continue, remainingItemCount, one resourceVersion for all pages', async () => {
    const names: string[] = [];
    const remaining: (number | undefined)[] = [];
    const versions = new Set<string>();
    let token = '';
    do {
      const {body} = await get(`/api/v1/pods?limit=2${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      names.push(...body.items.map((item: any) => item.metadata.name));
      remaining.push(body.metadata.remainingItemCount);
      versions.add(body.metadata.resourceVersion);
      token = body.metadata.continue ?? '';
    } while (token);
    expect(names).toEqual(['batch-runner', 'web-5d4f8b-x7k2p', 'api-0', 'api-1', 'frontend']);
    expect(remaining).toEqual([3, 1, undefined]);
    expect(versions.size).toBe(1);
    const filtered = await get('/api/v1/pods?limit=1&labelSelector=tier%3Dbackend');
    expect(filtered.body.metadata.continue).toBeDefined();
    expect(filtered.body.metadata.remainingItemCount).toBeUndefined();
    const bad = await get('/api/v1/pods?limit=1&continue=garbage');
    expect(bad.status).toBe(400);
  });

  test('a bad label selector is a 400 BadRequest', async () => {
    const {status, body} = await get('/api/v1/pods?labelSelector=a%20in%20b');
    expect(status).toBe(400);
    expect(body.reason).toBe('BadRequest');
  });
});

describe('writing', () => {
  test('create, conflict, merge patch, JSON patch, update with a stale resourceVersion, delete', async () => {
    const path = '/api/v1/namespaces/default/configmaps';
    const created = await send('POST', path, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cm1'}, data: {a: '1'}});
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({name: 'cm1', namespace: 'default', uid: expect.any(String), resourceVersion: expect.any(String)});
    expect((await send('POST', path, {metadata: {name: 'cm1'}})).body).toMatchObject({code: 409, reason: 'AlreadyExists'});

    const merged = await send('PATCH', `${path}/cm1`, {data: {b: '2', a: null}}, 'application/merge-patch+json');
    expect(merged.body.data).toEqual({b: '2'});
    const patched = await send('PATCH', `${path}/cm1`, [{op: 'add', path: '/data/c', value: '3'}], 'application/json-patch+json');
    expect(patched.body.data).toEqual({b: '2', c: '3'});

    const stale = await send('PUT', `${path}/cm1`, {...patched.body, metadata: {...patched.body.metadata, resourceVersion: created.body.metadata.resourceVersion}});
    expect(stale.body).toMatchObject({code: 409, reason: 'Conflict'});
    const updated = await send('PUT', `${path}/cm1`, {...patched.body, data: {z: '26'}});
    expect(updated.status).toBe(200);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(Number(patched.body.metadata.resourceVersion));

    const deleted = await fetch(`${harness.cluster.url}${path}/cm1`, {method: 'DELETE', headers: harness.auth});
    expect(await deleted.json()).toMatchObject({kind: 'Status', status: 'Success', details: {name: 'cm1', kind: 'configmaps'}});
    expect((await get(`${path}/cm1`)).status).toBe(404);
  });

  test('generateName and a namespace mismatch', async () => {
    const created = await send('POST', '/api/v1/namespaces/team-a/pods', {metadata: {generateName: 'probe-'}, spec: {containers: []}});
    expect(created.body.metadata.name).toMatch(/^probe-[a-z0-9]{5}$/);
    const mismatch = await send('POST', '/api/v1/namespaces/team-a/pods', {metadata: {name: 'x', namespace: 'team-b'}});
    expect(mismatch.status).toBe(422);
    await fetch(`${harness.cluster.url}/api/v1/namespaces/team-a/pods/${created.body.metadata.name}`, {method: 'DELETE', headers: harness.auth});
  });
});

describe('watch', () => {
  const pods = () => harness.cluster.catalogue.resource('', 'v1', 'pods')!;
  const pod = (name: string, labels: Record<string, string> = {}) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'team-b', labels}, spec: {containers: []}});

  test('without a resourceVersion: synthetic ADDED for what exists, then changes', async () => {
    const {store} = harness.cluster;
    const events = await watchEvents('/api/v1/namespaces/team-b/pods?watch=true', 6, () => {
      store.create(pods(), pod('w1'));
      store.update(pods(), {...store.get(pods(), 'w1', 'team-b')!, status: {phase: 'Running'}});
      store.delete(pods(), 'w1', 'team-b');
    });
    expect(events.map((event) => `${event.type} ${event.object.metadata.name}`)).toEqual([
      'ADDED api-0', 'ADDED api-1', 'ADDED frontend', 'ADDED w1', 'MODIFIED w1', 'DELETED w1',
    ]);
    const versions = events.slice(3).map((event) => Number(event.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(3);
  });

  test('from a resourceVersion: only what changed after it', async () => {
    const {store} = harness.cluster;
    const list = await get('/api/v1/namespaces/team-b/pods');
    store.create(pods(), pod('w2'));
    store.delete(pods(), 'w2', 'team-b');
    const events = await watchEvents(`/api/v1/namespaces/team-b/pods?watch=1&resourceVersion=${list.body.metadata.resourceVersion}`, 2);
    expect(events.map((event) => `${event.type} ${event.object.metadata.name}`)).toEqual(['ADDED w2', 'DELETED w2']);
  });

  test('an object entering and leaving a label selector is ADDED and DELETED', async () => {
    const {store} = harness.cluster;
    store.create(pods(), pod('w3'));
    const events = await watchEvents('/api/v1/namespaces/team-b/pods?watch=true&labelSelector=stage%3Dlive', 2, () => {
      store.update(pods(), {...store.get(pods(), 'w3', 'team-b')!, metadata: {...store.get(pods(), 'w3', 'team-b')!.metadata, labels: {stage: 'live'}}});
      store.update(pods(), {...store.get(pods(), 'w3', 'team-b')!, metadata: {...store.get(pods(), 'w3', 'team-b')!.metadata, labels: {}}});
    });
    expect(events.map((event) => event.type)).toEqual(['ADDED', 'DELETED']);
    store.delete(pods(), 'w3', 'team-b');
  });

  test('watch events as Table rows for kubectl get --watch', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io';
    const events = await watchEvents('/api/v1/namespaces/team-b/pods?watch=true&fieldSelector=metadata.name%3Dapi-1', 1, undefined, {accept});
    expect(events[0].type).toBe('ADDED');
    expect(events[0].object).toMatchObject({kind: 'Table', rows: [{cells: expect.arrayContaining(['api-1'])}]});
  });

  test('sendInitialEvents ends the initial state with a bookmark', async () => {
    const events = await watchEvents('/api/v1/namespaces/team-a/services?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan', 2);
    expect(events[0]).toMatchObject({type: 'ADDED', object: {metadata: {name: 'web'}}});
    expect(events[1]).toMatchObject({type: 'BOOKMARK', object: {kind: 'Service', metadata: {annotations: {'k8s.io/initial-events-end': 'true'}}}});
  });

  test('timeoutSeconds ends the stream; closing the client frees the server side', async () => {
    const started = Date.now();
    const response = await fetch(`${harness.cluster.url}/api/v1/namespaces/default/pods?watch=true&timeoutSeconds=1`, {headers: harness.auth});
    expect(await response.text()).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(harness.cluster.openWatches()).toBe(0);
  });

  test('allowWatchBookmarks gets bookmarks with the current resourceVersion', async () => {
    const local = await startHarness({bookmarkIntervalMs: 50});
    try {
      const controller = new AbortController();
      const response = await fetch(`${local.cluster.url}/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${local.cluster.store.resourceVersion}`, {
        headers: local.auth,
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      const {value} = await reader.read();
      controller.abort();
      const event = JSON.parse(new TextDecoder().decode(value).split('\n')[0]);
      expect(event).toEqual({type: 'BOOKMARK', object: {kind: 'ConfigMap', apiVersion: 'v1', metadata: {resourceVersion: local.cluster.store.resourceVersion}}});
    } finally {
      await local.stop();
    }
  });

  test('a resourceVersion older than the kept history is 410 Expired', async () => {
    const local = await startHarness({watchHistory: 2});
    try {
      const pods = local.cluster.catalogue.resource('', 'v1', 'pods')!;
      const before = local.cluster.store.resourceVersion;
      for (const name of ['a', 'b', 'c']) local.cluster.store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name}});
      const response = await fetch(`${local.cluster.url}/api/v1/pods?watch=true&resourceVersion=${before}`, {headers: local.auth});
      const [line] = (await response.text()).trim().split('\n');
      expect(JSON.parse(line)).toMatchObject({type: 'ERROR', object: {kind: 'Status', reason: 'Expired', code: 410}});
    } finally {
      await local.stop();
    }
  });

  test('closing the server ends open watches', async () => {
    const local = await startHarness();
    const response = await fetch(`${local.cluster.url}/api/v1/pods?watch=true&resourceVersion=${local.cluster.store.resourceVersion}`, {headers: local.auth});
    const text = response.text();
    expect(local.cluster.openWatches()).toBe(1);
    await local.stop();
    expect(await text).toBe('');
  });
});

describe('routes added by capabilities', () => {
  // what a capability's own file would export, e.g. test/cluster/handlers/subject-access-review.ts
  const reviewRoute: Route = {
    name: 'subjectaccessreviews',
    async handle(context) {
      const request = context.resource;
      if (request?.resource !== 'subjectaccessreviews' || request.verb !== 'create') return false;
      const review = JSON.parse((await context.body()).toString());
      sendJson(context.response, 201, {...review, status: {allowed: review.spec.user === 'alice', reason: 'test route'}});
      return true;
    },
  };

  test('are tried before the built-in ones, after authentication and --forbid', async () => {
    const local = await startHarness({routes: [reviewRoute], forbid: ['secrets']});
    try {
      const review = {apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: {user: 'alice', resourceAttributes: {verb: 'get', resource: 'pods'}}};
      const response = await fetch(`${local.cluster.url}/apis/authorization.k8s.io/v1/subjectaccessreviews`, {
        method: 'POST',
        headers: {...local.auth, 'content-type': 'application/json'},
        body: JSON.stringify(review),
      });
      expect(response.status).toBe(201);
      expect(((await response.json()) as {status: unknown}).status).toEqual({allowed: true, reason: 'test route'});
      expect((await fetch(`${local.cluster.url}/apis/authorization.k8s.io/v1/subjectaccessreviews`, {method: 'POST', headers: {authorization: 'Bearer wrong'}})).status).toBe(401);
      // the rest of the API is unchanged
      expect((await fetch(`${local.cluster.url}/api/v1/namespaces/team-a/pods`, {headers: local.auth})).status).toBe(200);
      expect((await fetch(`${local.cluster.url}/api/v1/namespaces/team-a/secrets`, {headers: local.auth})).status).toBe(403);
    } finally {
      await local.stop();
    }
  });
});

test('aggregated ClusterRoles are served with the rules the aggregation controller would give them', async () => {
  const cluster = await startTestCluster({objects: [
    {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name: 'view-all'}, aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate: 'view'}}]}, rules: []},
    {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: {name: 'pods-view', labels: {aggregate: 'view'}}, rules: [{apiGroups: [''], resources: ['pods'], verbs: ['get']}]},
  ]});
  try {
    const response = await fetch(`${cluster.url}/apis/rbac.authorization.k8s.io/v1/clusterroles/view-all`, {headers: {authorization: `Bearer ${cluster.token}`}});
    expect(((await response.json()) as {rules: unknown}).rules).toEqual([{apiGroups: [''], resources: ['pods'], verbs: ['get']}]);
  } finally {
    await cluster.close();
  }
});

test('manifests load as if applied in order: later copies replace earlier ones, non-Kubernetes YAML is skipped', async () => {
  const {mkdtempSync, writeFileSync, rmSync} = await import('node:fs');
  const {tmpdir} = await import('node:os');
  const {join} = await import('node:path');
  const directory = mkdtempSync(join(tmpdir(), 'test-cluster-order-'));
  writeFileSync(join(directory, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata: {v: "1"}\n');
  writeFileSync(join(directory, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata: {v: "2"}\n');
  writeFileSync(join(directory, 'prometheus.yml'), 'global: {scrape_interval: 30s}\n');
  const cluster = await startTestCluster({manifests: directory});
  try {
    const response = await fetch(`${cluster.url}/api/v1/namespaces/x/configmaps/c`, {headers: {authorization: `Bearer ${cluster.token}`}});
    expect(((await response.json()) as {data: unknown}).data).toEqual({v: '2'});
  } finally {
    await cluster.close();
    rmSync(directory, {recursive: true, force: true});
  }
});
