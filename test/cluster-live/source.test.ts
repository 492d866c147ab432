// The live Source against the project's test cluster: paging, parallel and metadata-only lists,
// selectors, get, discovery with a CRD, forbidden kinds (optional and needed), bad tokens,
// TLS with the kubeconfig's CA or without verification, slow answers, and the -v 6 log.

import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import {builtinResourceTypes} from '../../src/cluster/builtin-types.ts';
import {connectLive} from '../../src/cluster/live.ts';
import type {LiveTuning} from '../../src/cluster/live.ts';
import type {LiveOptions} from '../../src/cluster/live-options.ts';
import type {KubeObject, ResourceType} from '../../src/cluster/types.ts';
import {ClusterError} from '../../src/errors.ts';
import {startTestCluster, type TestCluster} from '../cluster/server.ts';
import {logCollector, rejection, scratch, simpleKubeconfig, type Scratch} from './helpers.ts';

function builtin(plural: string, group = ''): ResourceType {
  const type = builtinResourceTypes.find((entry) => entry.plural === plural && entry.group === group);
  if (!type) throw new Error(`no built-in ${plural}`);
  return type;
}

const pods = builtin('pods');
const configMaps = builtin('configmaps');
const secrets = builtin('secrets');
const nodes = builtin('nodes');
const deployments = builtin('deployments', 'apps');

const widgetDefinition: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {name: 'widgets.example.com'},
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: {kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wd'], listKind: 'WidgetList'},
    versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}],
  },
};

function pod(namespace: string, name: string, labels: Record<string, string>, phase = 'Running'): KubeObject {
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, labels}, spec: {nodeName: 'node-1', containers: [{name: 'c', image: 'nginx'}]}, status: {phase}};
}

const manyConfigMaps: KubeObject[] = Array.from({length: 23}, (_, index) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `cm-${String(index).padStart(3, '0')}`, namespace: 'big'}, data: {index: String(index)},
}));

const objects: KubeObject[] = [
  widgetDefinition,
  {apiVersion: 'v1', kind: 'Node', metadata: {name: 'node-1'}},
  pod('x', 'web-1', {app: 'web', tier: 'front'}),
  pod('x', 'web-2', {app: 'web', tier: 'front'}, 'Pending'),
  pod('x', 'db-1', {app: 'db'}),
  pod('y', 'web-1', {app: 'web'}),
  {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'x'}, spec: {selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'c', image: 'nginx'}]}}}},
  {apiVersion: 'v1', kind: 'Secret', metadata: {name: 's', namespace: 'x'}, data: {k: 'dg=='}},
  {apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'w1', namespace: 'x'}, spec: {size: 3}},
  ...manyConfigMaps,
];

let cluster: TestCluster;
let files: Scratch;
let kubeconfig: string;

beforeAll(async () => {
  files = scratch();
  cluster = await startTestCluster({objects, forbid: ['secrets']});
  kubeconfig = files.file('kubeconfig.yaml', cluster.kubeconfig);
});
afterAll(async () => {
  await cluster?.close();
  files?.remove();
});

async function connect(options: LiveOptions = {}, tuning: LiveTuning = {}) {
  return connectLive({kubeconfig, ...options}, tuning);
}

const names = (items: KubeObject[]) => items.map((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`).sort();

describe('list', () => {
  test('pages with limit and continue until the last page, keeping every item once', async () => {
    const {lines, log} = logCollector();
    const source = await connect({verbosity: 6, log}, {pageSize: 5});
    const [result] = await source.list([{type: configMaps, namespace: 'big'}]);
    expect(result.items.map((item) => item.metadata.name)).toEqual(manyConfigMaps.map((item) => item.metadata.name));
    const requests = lines.filter((line) => line.startsWith('GET '));
    expect(requests).toHaveLength(5);
    expect(requests[0]).toMatch(/\/api\/v1\/namespaces\/big\/configmaps\?limit=5 200 OK in \d+ milliseconds$/);
    expect(requests[1]).toMatch(/limit=5&continue=/);
  });

  test('fills kind and apiVersion of list items from the type', async () => {
    const source = await connect();
    const [result] = await source.list([{type: deployments, namespace: 'x'}]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web'}});
  });

  test('runs many lists at once and answers in the order asked', async () => {
    const source = await connect({}, {pageSize: 3});
    const requests = [
      {type: pods, namespace: 'x'},
      {type: pods},
      {type: configMaps, namespace: 'big'},
      {type: nodes},
      {type: deployments},
      {type: pods, namespace: 'y'},
    ];
    const results = await source.list(requests);
    expect(results.map((result) => result.type.plural)).toEqual(['pods', 'pods', 'configmaps', 'nodes', 'deployments', 'pods']);
    expect(results.map((result) => result.items.length)).toEqual([3, 4, 23, 1, 1, 1]);
  });

  test('a namespace on a cluster-scoped type is ignored', async () => {
    const source = await connect();
    const [result] = await source.list([{type: nodes, namespace: 'x'}]);
    expect(names(result.items)).toEqual(['/node-1']);
  });

  test.each([
    {name: 'label equality', request: {labelSelector: 'app=web'}, expected: ['x/web-1', 'x/web-2', 'y/web-1']},
    {name: 'label set and namespace', request: {namespace: 'x', labelSelector: 'app in (web,db),tier!=front'}, expected: ['x/db-1']},
    {name: 'field selector', request: {fieldSelector: 'status.phase=Pending'}, expected: ['x/web-2']},
    {name: 'both selectors', request: {labelSelector: 'app=web', fieldSelector: 'metadata.namespace=y'}, expected: ['y/web-1']},
  ])('selectors: $name', async ({request, expected}) => {
    const source = await connect();
    const [result] = await source.list([{type: pods, ...request}]);
    expect(names(result.items)).toEqual(expected);
  });

  test('metadata only: PartialObjectMetadata items get the kind and apiVersion of the type', async () => {
    const source = await connect({}, {pageSize: 2});
    const [result] = await source.list([{type: pods, namespace: 'x', metadataOnly: true}]);
    expect(result.items).toHaveLength(3);
    for (const item of result.items) {
      expect(item.apiVersion).toBe('v1');
      expect(item.kind).toBe('Pod');
      expect(item.spec).toBeUndefined();
      expect(item.metadata.uid).toBeTruthy();
    }
  });

  test('an optional forbidden kind is skipped with a warning naming it', async () => {
    const source = await connect();
    const [podsResult, secretsResult] = await source.list([{type: pods, namespace: 'x'}, {type: secrets, namespace: 'x', optional: true}]);
    expect(podsResult.items).toHaveLength(3);
    expect(secretsResult).toEqual({type: secrets, items: [], skipped: 'forbidden'});
    expect(source.warnings).toHaveLength(1);
    expect(source.warnings[0]).toMatch(new RegExp(`^cannot list secrets in namespace "x" on ${cluster.url}: Forbidden \\(403\\): .*secrets.*; left out$`));
  });

  test('a needed forbidden kind is a ClusterError (exit 3) naming the server and the resource', async () => {
    const source = await connect();
    const error = await rejection(source.list([{type: pods}, {type: secrets, namespace: 'x'}]));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.exitCode).toBe(3);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(new RegExp(`^cannot list secrets in namespace "x" on ${cluster.url}: Forbidden \\(403\\): `));
    expect(error.hint).toBeTruthy();
  });

  test('a type the server does not serve: skipped when optional, exit 2 when needed', async () => {
    const source = await connect();
    const gadgets: ResourceType = {...pods, kind: 'Gadget', plural: 'gadgets', singular: 'gadget', group: 'example.com', version: 'v1', shortNames: []};
    const [result] = await source.list([{type: gadgets, optional: true}]);
    expect(result.skipped).toBe('not found');
    const error = await rejection(source.list([{type: gadgets}]));
    expect(error.message).toBe(`the server ${cluster.url} doesn't have a resource type "gadgets.example.com"`);
    expect(error.exitCode).toBe(2);
  });
});

describe('get', () => {
  test('one object, in the default namespace of the context when none is given', async () => {
    const nsConfig = files.kubeconfig('ns-y.yaml', simpleKubeconfig(cluster.url, {token: cluster.token, namespace: 'y'}));
    const source = await connectLive({kubeconfig: nsConfig});
    expect(source.defaultNamespace).toBe('y');
    expect((await source.get(pods, 'web-1'))?.metadata.labels).toEqual({app: 'web'});
    expect((await source.get(pods, 'web-1', 'x'))?.metadata.labels).toEqual({app: 'web', tier: 'front'});
    expect((await source.get(nodes, 'node-1'))?.kind).toBe('Node');
  });

  test('undefined when it does not exist', async () => {
    const source = await connect();
    expect(await source.get(pods, 'nope', 'x')).toBeUndefined();
  });

  test('forbidden is a ClusterError', async () => {
    const source = await connect();
    const error = await rejection(source.get(secrets, 's', 'x'));
    expect(error.message).toMatch(/^cannot get secrets "s" in namespace "x" on .*: Forbidden \(403\)/);
    expect(error.exitCode).toBe(3);
  });
});

describe('discovery', () => {
  test('extends the built-in catalogue with the CRDs the server serves', async () => {
    const source = await connect();
    const types = await source.resourceTypes();
    const widget = types.find((type) => type.kind === 'Widget');
    expect(widget).toEqual(expect.objectContaining({plural: 'widgets', singular: 'widget', shortNames: ['wd'], group: 'example.com', version: 'v1', namespaced: true}));
    expect(widget?.verbs).toContain('list');
    const podType = types.find((type) => type.plural === 'pods' && type.group === '');
    expect(podType?.shortNames).toEqual(['po']);
    expect(podType?.subresources).toEqual(expect.arrayContaining(['status', 'log']));
    expect(types.some((type) => type.plural.includes('/'))).toBe(false);
    const [result] = await source.list([{type: widget!, namespace: 'x'}]);
    expect(result.items[0]).toMatchObject({apiVersion: 'example.com/v1', kind: 'Widget', spec: {size: 3}});
  });

  test('asks once and caches the answer', async () => {
    const {lines, log} = logCollector();
    const source = await connect({verbosity: 6, log});
    await Promise.all([source.resourceTypes(), source.resourceTypes()]);
    const count = lines.length;
    await source.resourceTypes();
    expect(lines.length).toBe(count);
    expect(lines.filter((line) => line.includes('/api/v1 '))).toHaveLength(1);
  });
});

describe('credentials and connection', () => {
  test('a wrong token is a ClusterError naming the server (401)', async () => {
    const source = await connect({token: 'wrong'});
    const error = await rejection(source.list([{type: pods, namespace: 'x'}]));
    expect(error.message).toMatch(new RegExp(`^cannot list pods in namespace "x" on ${cluster.url}: Unauthorized \\(401\\)`));
    expect(error.exitCode).toBe(3);
    expect(error.hint).toMatch(/credentials/);
  });

  test('KUBECONFIG list and --context choose the cluster, user and namespace', async () => {
    const users = files.kubeconfig('users.yaml', {
      clusters: [{name: 'test', cluster: {server: cluster.url}}],
      users: [{name: 'good', user: {token: cluster.token}}, {name: 'stale', user: {token: 'expired'}}],
      contexts: [{name: 'good', context: {cluster: 'test', user: 'good', namespace: 'x'}}, {name: 'stale', context: {cluster: 'test', user: 'stale'}}],
    });
    const current = files.kubeconfig('current.yaml', {clusters: [], users: [], contexts: [], 'current-context': 'stale'});
    const env = {KUBECONFIG: `${current}:${users}`};
    const stale = await connectLive({}, {env});
    expect(stale.contextName).toBe('stale');
    expect((await rejection(stale.get(pods, 'db-1'))).message).toMatch(/Unauthorized \(401\)/);
    const good = await connectLive({context: 'good'}, {env});
    expect(good.defaultNamespace).toBe('x');
    expect((await good.get(pods, 'db-1'))?.metadata.namespace).toBe('x');
  });

  test('--server and --token alone reach the cluster', async () => {
    const empty = files.kubeconfig('empty.yaml', {clusters: [], users: [], contexts: []});
    const source = await connectLive({kubeconfig: empty, server: cluster.url, token: cluster.token, namespace: 'x'});
    expect(source.defaultNamespace).toBe('x');
    expect(await source.get(pods, 'db-1')).toBeDefined();
  });

  test('--request-timeout against a slow server is a ClusterError naming the server and the resource', async () => {
    const slow = await startTestCluster({objects, latencyMs: 800});
    try {
      const slowConfig = files.file('slow.yaml', slow.kubeconfig);
      const source = await connectLive({kubeconfig: slowConfig, requestTimeout: 100});
      const started = Date.now();
      const error = await rejection(source.list([{type: pods, namespace: 'x'}]));
      expect(Date.now() - started).toBeLessThan(700);
      expect(error.message).toBe(`cannot list pods in namespace "x" on ${slow.url}: no answer within 100ms (--request-timeout)`);
      expect(error.exitCode).toBe(3);
      const patient = await connectLive({kubeconfig: slowConfig, requestTimeout: 5000});
      expect((await patient.list([{type: pods, namespace: 'x'}]))[0].items).toHaveLength(3);
    } finally {
      await slow.close();
    }
  });

  test('-v 7 logs request headers with the token masked', async () => {
    const {lines, log} = logCollector();
    const source = await connect({verbosity: 7, log, impersonateUser: 'jane', impersonateGroups: ['a', 'b']});
    await source.get(pods, 'web-1', 'x');
    expect(lines).toContain('    Authorization: Bearer <masked>');
    expect(lines).toContain('    Impersonate-User: jane');
    expect(lines.join('\n')).not.toContain(cluster.token);
  });
});

describe('TLS', () => {
  let secure: TestCluster;
  beforeAll(async () => {
    secure = await startTestCluster({objects, tls: true});
  });
  afterAll(async () => {
    await secure?.close();
  });

  test('trusts the CA in the kubeconfig', async () => {
    const config = files.file('tls.yaml', secure.kubeconfig);
    const source = await connectLive({kubeconfig: config});
    expect(source.server).toMatch(/^https:/);
    expect((await source.list([{type: pods, namespace: 'x'}]))[0].items).toHaveLength(3);
  });

  test('without the CA the certificate is refused, with a hint', async () => {
    const config = files.kubeconfig('tls-no-ca.yaml', simpleKubeconfig(secure.url, {token: secure.token}));
    const source = await connectLive({kubeconfig: config});
    const error = await rejection(source.list([{type: pods, namespace: 'x'}]));
    expect(error.message).toMatch(new RegExp(`^cannot reach the cluster at ${secure.url}: x509: certificate signed by unknown authority`));
    expect(error.exitCode).toBe(3);
    expect(error.hint).toMatch(/insecure-skip-tls-verify/);
  });

  test('--insecure-skip-tls-verify connects without the CA', async () => {
    const config = files.kubeconfig('tls-insecure.yaml', simpleKubeconfig(secure.url, {token: secure.token}));
    const source = await connectLive({kubeconfig: config, insecureSkipTlsVerify: true});
    expect((await source.list([{type: pods, namespace: 'x'}]))[0].items).toHaveLength(3);
  });

  test('a CA that did not sign the certificate is refused', async () => {
    const other = await startTestCluster({tls: true});
    try {
      const config = files.kubeconfig('tls-wrong-ca.yaml', simpleKubeconfig(secure.url, {token: secure.token, ca: other.caCertificate}));
      const source = await connectLive({kubeconfig: config});
      const error = await rejection(source.get(pods, 'web-1', 'x'));
      expect(error.message).toMatch(/x509/);
    } finally {
      await other.close();
    }
  });
});
