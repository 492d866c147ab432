// What the live Source does when the server misbehaves, against a scripted fake API server:
// retries with backoff on 429/5xx and broken connections (client-go retries connection resets and
// honours Retry-After; rest/request.go, rest/with_retry.go), gives up with a ClusterError, times
// out, reports an unreachable server, bounds concurrency, restarts an expired paged list
// (client-go tools/pager), and the generic request().

import {afterEach, describe, expect, test} from '@jest/globals';
import {gzipSync} from 'node:zlib';
import {builtinResourceTypes} from '../../src/cluster/builtin-types.ts';
import {connectLive} from '../../src/cluster/live.ts';
import type {LiveTuning} from '../../src/cluster/live.ts';
import type {LiveOptions} from '../../src/cluster/live-options.ts';
import {ClusterError} from '../../src/errors.ts';
import {closedPort, fastRetries, logCollector, rejection, scratch, sendJson, sendStatus, simpleKubeconfig, startFakeApi, type FakeApi, type FakeHandler} from './helpers.ts';

const pods = builtinResourceTypes.find((type) => type.plural === 'pods' && type.group === '')!;
const files = scratch();
let api: FakeApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

function podList(names: string[], continueToken?: string): object {
  return {
    kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: '1', ...(continueToken ? {continue: continueToken} : {})},
    items: names.map((name) => ({metadata: {name, namespace: 'x'}})),
  };
}

async function connectTo(handler: FakeHandler, options: LiveOptions = {}, tuning: LiveTuning = fastRetries) {
  api = await startFakeApi(handler);
  const kubeconfig = files.kubeconfig(`fake-${Math.random()}.yaml`, simpleKubeconfig(api.url, {token: 'secret-token'}));
  return connectLive({kubeconfig, ...options}, tuning);
}

const listPodsInX = [{type: pods, namespace: 'x'}];

describe('retries', () => {
  test.each([
    {name: '429 Too Many Requests', statuses: [429], attempts: 2},
    {name: '503 twice', statuses: [503, 503], attempts: 3},
    {name: '500, 502, 504', statuses: [500, 502, 504], attempts: 4},
  ])('$name, then success', async ({statuses, attempts}) => {
    let calls = 0;
    const source = await connectTo((_request, response) => {
      const status = statuses[calls++];
      if (status) sendStatus(response, status, 'TooManyRequests', 'slow down');
      else sendJson(response, 200, podList(['a']));
    });
    const [result] = await source.list(listPodsInX);
    expect(result.items.map((item) => item.metadata.name)).toEqual(['a']);
    expect(api!.requests).toHaveLength(attempts);
  });

  test('honours Retry-After', async () => {
    let calls = 0;
    const source = await connectTo((_request, response) => {
      if (calls++ === 0) sendStatus(response, 429, 'TooManyRequests', 'slow down', {'Retry-After': '1'});
      else sendJson(response, 200, podList(['a']));
    }, {}, {retryBaseMilliseconds: 1, maxRetryAfterMilliseconds: 150});
    const started = Date.now();
    await source.list(listPodsInX);
    // Retry-After: 1 asks for a second; the cap of the test tuning makes it 150 ms, not the 1 ms backoff
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('backs off exponentially', async () => {
    const times: number[] = [];
    const source = await connectTo((_request, response) => {
      times.push(Date.now());
      if (times.length < 4) sendStatus(response, 503, 'ServiceUnavailable', 'busy');
      else sendJson(response, 200, podList([]));
    }, {}, {retryBaseMilliseconds: 40});
    await source.list(listPodsInX);
    const gaps = times.slice(1).map((time, index) => time - times[index]);
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(158);
  });

  test('gives up after the last attempt with a ClusterError naming server, resource and status', async () => {
    const source = await connectTo((_request, response) => sendStatus(response, 503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
    const error = await rejection(source.list(listPodsInX));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(`cannot list pods in namespace "x" on ${api!.url}: Service Unavailable (503): the server is currently unable to handle the request`);
    expect(error.exitCode).toBe(3);
    expect(api!.requests).toHaveLength(4);
  });

  test('a connection reset is retried', async () => {
    let calls = 0;
    const source = await connectTo((_request, response, raw) => {
      if (calls++ === 0) raw.socket.destroy();
      else sendJson(response, 200, podList(['a']));
    });
    const [result] = await source.list(listPodsInX);
    expect(result.items).toHaveLength(1);
    expect(calls).toBe(2);
  });

  test('a POST is not retried on 503 (it may have been done), but is on 429', async () => {
    const statuses = [503, 429, 201];
    let calls = 0;
    const source = await connectTo((_request, response) => {
      const status = statuses[calls++];
      if (status === 201) sendJson(response, 201, {kind: 'Pod'});
      else sendStatus(response, status, 'X', 'not now');
    });
    const error = await rejection(source.request('POST', '/api/v1/namespaces/x/pods', {kind: 'Pod'}));
    expect(error.message).toMatch(/Service Unavailable \(503\)/);
    expect(calls).toBe(1);
    const created = await source.request('POST', '/api/v1/namespaces/x/pods', {kind: 'Pod'});
    expect(created.status).toBe(201);
    expect(calls).toBe(3);
  });

  test('a POST on a kept-alive connection that the server dropped is sent again', async () => {
    const served = new WeakMap<object, number>();
    const source = await connectTo((_request, response, raw) => {
      const count = (served.get(raw.socket) ?? 0) + 1;
      served.set(raw.socket, count);
      // the second request on a connection finds it closed, as after the server's idle timeout
      if (count === 2) raw.socket.destroy();
      else sendJson(response, 201, {kind: 'Pod'});
    });
    expect((await source.request('POST', '/api/v1/namespaces/x/pods', {kind: 'Pod'})).status).toBe(201);
    expect((await source.request('POST', '/api/v1/namespaces/x/pods', {kind: 'Pod'})).status).toBe(201);
    expect(api!.requests).toHaveLength(3);
  });

  test('-v 6 logs every attempt and the retry', async () => {
    let calls = 0;
    const {lines, log} = logCollector();
    const source = await connectTo((_request, response) => {
      if (calls++ === 0) sendStatus(response, 429, 'TooManyRequests', 'slow down', {'Retry-After': '0'});
      else sendJson(response, 200, podList([]));
    }, {verbosity: 6, log});
    await source.list(listPodsInX);
    expect(lines).toEqual([
      expect.stringMatching(/^Config loaded from .*\.yaml, context "test"$/),
      expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/x\/pods\?limit=500 429 Too Many Requests in \d+ milliseconds$/),
      'retrying in 0 milliseconds after: 429 Too Many Requests',
      expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/x\/pods\?limit=500 200 OK in \d+ milliseconds$/),
    ]);
  });
});

describe('no answer', () => {
  test('an unreachable server (closed port) is a ClusterError with a hint about the context', async () => {
    const port = await closedPort();
    const kubeconfig = files.kubeconfig('closed.yaml', simpleKubeconfig(`http://127.0.0.1:${port}`, {token: 't'}));
    const source = await connectLive({kubeconfig}, fastRetries);
    const error = await rejection(source.list(listPodsInX));
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.message).toBe(`cannot reach the cluster at http://127.0.0.1:${port}: connection refused`);
    expect(error.exitCode).toBe(3);
    expect(error.hint).toMatch(/context "test" from .*closed\.yaml.*--context/);
  });

  test('a connection that never becomes ready (TLS handshake) gives up after the connect timeout, without retrying', async () => {
    const {createServer} = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const {port} = silent.address() as import('node:net').AddressInfo;
    try {
      const kubeconfig = files.kubeconfig('silent.yaml', simpleKubeconfig(`https://127.0.0.1:${port}`, {token: 't'}));
      const source = await connectLive({kubeconfig, insecureSkipTlsVerify: true}, {...fastRetries, connectTimeoutMilliseconds: 100});
      const error = await rejection(source.list(listPodsInX));
      expect(error.message).toBe(`cannot reach the cluster at https://127.0.0.1:${port}: TLS handshake timeout`);
      expect(error.exitCode).toBe(3);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('a server that never answers times out after --request-timeout, without retrying', async () => {
    const source = await connectTo(() => {
      // never answers
    }, {requestTimeout: 150});
    const started = Date.now();
    const error = await rejection(source.list(listPodsInX));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toBe(`cannot list pods in namespace "x" on ${api!.url}: no answer within 150ms (--request-timeout)`);
    expect(error.exitCode).toBe(3);
    expect(api!.requests).toHaveLength(1);
  });

  test('a timeout counts the whole answer, body included', async () => {
    const source = await connectTo((_request, response) => {
      response.writeHead(200, {'Content-Type': 'application/json'});
      response.write('{"items":[');
      // the rest never comes
    }, {requestTimeout: 150});
    const error = await rejection(source.list(listPodsInX));
    expect(error.message).toMatch(/no answer within 150ms/);
  });

  test('an answer that is not JSON is a ClusterError', async () => {
    const source = await connectTo((_request, response) => {
      response.writeHead(200, {'Content-Type': 'text/html'});
      response.end('<html>login page</html>');
    });
    const error = await rejection(source.list(listPodsInX));
    expect(error.message).toMatch(/^cannot list pods in namespace "x" on .*: the answer is not JSON \(text\/html\)/);
  });
});

describe('paging and parallelism', () => {
  test('keeps at most `concurrency` requests in flight, and does run them in parallel', async () => {
    const source = await connectTo(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      sendJson(response, 200, podList(['a']));
    }, {}, {...fastRetries, concurrency: 4});
    const results = await source.list(Array.from({length: 20}, (_, index) => ({type: pods, namespace: `ns-${index}`})));
    expect(results).toHaveLength(20);
    expect(api!.maxInFlight()).toBe(4);
  });

  test('an expired continue token (410) restarts with one unpaged list, as client-go\'s pager does', async () => {
    const source = await connectTo((request, response) => {
      const url = new URL(request.url, 'http://x');
      if (url.searchParams.get('continue') === 'page-2') sendStatus(response, 410, 'Expired', 'The provided continue parameter is too old');
      else if (url.searchParams.has('limit')) sendJson(response, 200, podList(['a', 'b'], 'page-2'));
      else sendJson(response, 200, podList(['a', 'b', 'c', 'd']));
    });
    const [result] = await source.list(listPodsInX);
    expect(result.items.map((item) => item.metadata.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(api!.requests.map((request) => request.url)).toEqual([
      '/api/v1/namespaces/x/pods?limit=500',
      '/api/v1/namespaces/x/pods?limit=500&continue=page-2',
      '/api/v1/namespaces/x/pods',
    ]);
  });

  test('reads gzip answers', async () => {
    const source = await connectTo((request, response) => {
      expect(request.headers['accept-encoding']).toContain('gzip');
      response.writeHead(200, {'Content-Type': 'application/json', 'Content-Encoding': 'gzip'});
      response.end(gzipSync(JSON.stringify(podList(['zipped']))));
    });
    const [result] = await source.list(listPodsInX);
    expect(result.items[0].metadata.name).toBe('zipped');
  });

  test('metadata-only lists ask for PartialObjectMetadataList, falling back to JSON', async () => {
    const source = await connectTo((_request, response) => sendJson(response, 200, podList(['a'])));
    await source.list([{type: pods, metadataOnly: true}]);
    expect(api!.requests[0].headers.accept).toBe('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json');
  });
});

describe('request()', () => {
  test('POSTs JSON with credentials and impersonation, and parses the answer', async () => {
    const source = await connectTo((request, response) => {
      const review = JSON.parse(request.body);
      sendJson(response, 201, {...review, status: {allowed: true, reason: 'fake'}});
    }, {impersonateUser: 'jane', impersonateGroups: ['dev', 'ops']});
    const review = {apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: {user: 'bob', resourceAttributes: {verb: 'get', resource: 'pods'}}};
    const response = await source.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', review);
    expect(response.status).toBe(201);
    expect(response.json<{status: {allowed: boolean}}>().status.allowed).toBe(true);
    const seen = api!.requests[0];
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers.authorization).toBe('Bearer secret-token');
    expect(seen.headers['impersonate-user']).toBe('jane');
    // two header lines, joined by Node's parser
    expect(seen.headers['impersonate-group']).toBe('dev, ops');
  });

  test('GETs text with query parameters, and hands back allowed error statuses', async () => {
    const source = await connectTo((request, response) => {
      if (request.url.startsWith('/api/v1/namespaces/m/pods/exporter:9100/proxy/metrics?')) {
        response.writeHead(200, {'Content-Type': 'text/plain'});
        response.end('up 1\n');
      } else {
        sendStatus(response, 503, 'ServiceUnavailable', 'no endpoints available');
      }
    });
    const metrics = await source.request('GET', '/api/v1/namespaces/m/pods/exporter:9100/proxy/metrics', undefined, {accept: 'text/plain', query: {'name[]': 'up'}});
    expect(metrics.text()).toBe('up 1\n');
    expect(api!.requests[0].url).toBe('/api/v1/namespaces/m/pods/exporter:9100/proxy/metrics?name%5B%5D=up');
    const down = await source.request('GET', '/api/v1/namespaces/m/pods/other:9100/proxy/metrics', undefined, {retry: false, allowStatus: [503]});
    expect(down.status).toBe(503);
    expect(api!.requests).toHaveLength(2);
    const error = await rejection(source.request('GET', '/api/v1/namespaces/m/pods/other:9100/proxy/metrics', undefined, {retry: false, action: 'scrape m/other'}));
    expect(error.message).toBe(`cannot scrape m/other on ${api!.url}: Service Unavailable (503): no endpoints available`);
  });
});

describe('exec credential plugins', () => {
  test('client-node runs the plugin once for many parallel requests and sends its token', async () => {
    const counter = files.file('exec-count', '');
    const plugin = files.file('plugin.mjs', `
      import {appendFileSync} from 'node:fs';
      appendFileSync(${JSON.stringify(counter)}, 'x');
      process.stdout.write(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
        status: {token: 'from-plugin', expirationTimestamp: new Date(Date.now() + 3600_000).toISOString()}}));
    `);
    api = await startFakeApi((request, response) => {
      if (request.headers.authorization === 'Bearer from-plugin') sendJson(response, 200, podList(['a']));
      else sendStatus(response, 401, 'Unauthorized', 'Unauthorized');
    });
    const kubeconfig = files.kubeconfig('exec.yaml', {
      clusters: [{name: 'c', cluster: {server: api.url}}],
      users: [{name: 'u', user: {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never'}}}],
      contexts: [{name: 'c', context: {cluster: 'c', user: 'u'}}],
      'current-context': 'c',
    });
    const source = await connectLive({kubeconfig});
    const results = await source.list(Array.from({length: 8}, (_, index) => ({type: pods, namespace: `ns-${index}`})));
    expect(results.every((result) => result.items.length === 1)).toBe(true);
    const {readFileSync} = await import('node:fs');
    expect(readFileSync(counter, 'utf8')).toBe('x');
  });

  test('a failing plugin is a ClusterError naming the user', async () => {
    api = await startFakeApi((_request, response) => sendJson(response, 200, podList([])));
    const kubeconfig = files.kubeconfig('exec-fail.yaml', {
      clusters: [{name: 'c', cluster: {server: api.url}}],
      users: [{name: 'sso', user: {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'console.error("login expired"); process.exit(1)']}}}],
      contexts: [{name: 'c', context: {cluster: 'c', user: 'sso'}}],
      'current-context': 'c',
    });
    const source = await connectLive({kubeconfig});
    const error = await rejection(source.list(listPodsInX));
    expect(error.message).toBe('cannot get credentials for kubeconfig user "sso": login expired');
    expect(error.exitCode).toBe(3);
  });
});

describe('proxies from the environment', () => {
  test.each([
    {name: 'no proxy variable', env: {}, expected: undefined},
    {name: 'HTTPS_PROXY, loopback never proxied', env: {HTTPS_PROXY: 'http://proxy:3128'},
      expected: {HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost,127.0.0.1,::1', no_proxy: 'localhost,127.0.0.1,::1'}},
    {name: 'NO_PROXY kept', env: {http_proxy: 'http://proxy:3128', no_proxy: '.internal'},
      expected: {http_proxy: 'http://proxy:3128', NO_PROXY: '.internal,localhost,127.0.0.1,::1', no_proxy: '.internal,localhost,127.0.0.1,::1'}},
  ])('$name', async ({env, expected}) => {
    const {proxyEnvironment} = await import('../../src/cluster/live-proxy.ts');
    expect(proxyEnvironment(env)).toEqual(expected);
  });

  test('HTTP_PROXY carries requests to a remote server; a loopback server is reached directly', async () => {
    const proxy = await startFakeApi((request, response) => {
      // a forward proxy sees the absolute URL; this one answers for the server itself
      expect(request.url).toBe('http://kube.invalid:6443/api/v1/namespaces/x/pods?limit=500');
      sendJson(response, 200, podList(['via-proxy']));
    });
    try {
      const env = {HTTP_PROXY: proxy.url};
      const remote = files.kubeconfig('remote.yaml', simpleKubeconfig('http://kube.invalid:6443', {token: 't'}));
      const source = await connectLive({kubeconfig: remote}, {...fastRetries, env});
      expect((await source.list(listPodsInX))[0].items[0].metadata.name).toBe('via-proxy');
      const local = await connectTo((_request, response) => sendJson(response, 200, podList(['direct'])), {}, {...fastRetries, env});
      expect((await local.list(listPodsInX))[0].items[0].metadata.name).toBe('direct');
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
