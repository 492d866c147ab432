// The live runner against a fake cluster: the fixed pool of 3 workers (kubernetes
// test/e2e/network/netpol/probe.go, numberOfWorkers := 3), workers that report instead of
// failing, the fallback to a pod with the source's labels, and clean-up whatever happens.

import type {ExecRequest, ExecResult} from '../../src/cluster/live-exec.ts';
import type {RawRequestOptions, RawResponse} from '../../src/cluster/live.ts';
import {ProbeRun, type ProbeCluster} from '../../src/netpol/probe-live.ts';
import {planProbes, probeDoneFile, type ProbeFlow, type ProbeSettings} from '../../src/netpol/probe.ts';
import type {PodEndpoint} from '../../src/netpol/types.ts';

function pod(id: string, ip: string): PodEndpoint {
  const [namespace, name] = id.split('/');
  return {kind: 'pod', id, namespace, name, labels: {app: name}, ports: [], ips: [ip], hostNetwork: false, workload: `pod/${name}`, owners: []};
}

function response(status: number, body: unknown = {}): RawResponse {
  const buffer = Buffer.from(JSON.stringify(body));
  return {status, statusText: '', headers: {}, body: buffer, text: () => buffer.toString(), json: <T>() => JSON.parse(buffer.toString()) as T};
}

/** Pods that exist, ephemeral containers that start at once, exec answered by `connect`. */
class FakeCluster implements ProbeCluster {
  readonly calls: string[] = [];
  readonly pods = new Map<string, Record<string, unknown>>();
  inFlight = 0;
  maxInFlight = 0;
  refuseEphemeral = false;
  execDelayMs = 5;
  connect: (command: string[]) => boolean = () => true;

  constructor(ids: string[]) {
    for (const id of ids) this.pods.set(id, {metadata: {name: id.split('/')[1], namespace: id.split('/')[0], labels: {app: id.split('/')[1]}}, spec: {containers: [{name: 'main'}]}, status: {phase: 'Running'}});
  }

  async request(method: string, path: string, body?: unknown, _options?: RawRequestOptions): Promise<RawResponse> {
    this.calls.push(`${method} ${path}`);
    const match = path.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods(?:\/([^/]+))?(?:\/(ephemeralcontainers))?$/);
    if (!match) return response(404);
    const [, namespace, name, subresource] = match;
    const key = `${namespace}/${name}`;
    if (method === 'POST') {
      const object = body as {metadata: {name: string}; spec: {containers: {name: string}[]}};
      this.pods.set(`${namespace}/${object.metadata.name}`, {...object, status: {phase: 'Running', podIP: '10.9.9.9', containerStatuses: [{name: 'probe', state: {running: {}}}]}});
      return response(201, object);
    }
    const current = this.pods.get(key);
    if (!current) return response(404, {message: `pods "${name}" not found`});
    if (method === 'DELETE') {
      this.pods.delete(key);
      return response(200);
    }
    if (subresource === 'ephemeralcontainers') {
      if (this.refuseEphemeral) return response(404, {message: 'the server could not find the requested resource'});
      const containers = (body as {spec: {ephemeralContainers: {name: string}[]}}).spec.ephemeralContainers;
      current.spec = {...(current.spec as object), ephemeralContainers: containers};
      current.status = {...(current.status as object), ephemeralContainerStatuses: containers.map((container) => ({name: container.name, state: {running: {}}}))};
      return response(200, current);
    }
    return response(200, current);
  }

  async exec(request: ExecRequest): Promise<ExecResult> {
    this.calls.push(`exec ${request.namespace}/${request.pod} ${request.container} ${request.command.join(' ')}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.execDelayMs));
      if (request.signal?.aborted) throw new Error('interrupted');
      return {exitCode: this.connect(request.command) ? 0 : 1, stdout: '', stderr: ''};
    } finally {
      this.inFlight--;
    }
  }
}

const settings: ProbeSettings = {image: 'busybox:1.36', mode: 'ephemeral', timeoutSeconds: 1};
const ids = ['x/a', 'x/b', 'x/c'];
const endpoints = ids.map((id, index) => pod(id, `10.1.0.${index + 1}`));
const flows: ProbeFlow[] = endpoints.flatMap((from) => endpoints.map((to) => ({from, to, port: 80, protocol: 'TCP' as const, expected: true})));

test('runs at most 3 attempts at once and keeps the jobs\' order', async () => {
  const cluster = new FakeCluster(ids);
  cluster.connect = (command) => command.includes('10.1.0.2');
  const run = new ProbeRun(cluster, {...settings, pollIntervalMs: 1});
  const jobs = planProbes(flows, settings);
  const observations = await run.run(jobs);
  await run.cleanup();
  expect(cluster.maxInFlight).toBe(3);
  expect(observations.map((observation) => observation.connected)).toEqual(jobs.map((job) => job.to === 'x/b'));
  expect(observations[0].command).toMatch(/^kubectl debug -n x a -i --image=busybox:1\.36 -- nc -z -w 1 10\.1\.0\.1 80$/);
  // one ephemeral container per source pod, each told to stop at the end
  expect(cluster.calls.filter((call) => call.startsWith('PATCH'))).toHaveLength(3);
  expect(cluster.calls.filter((call) => call.endsWith(`touch ${probeDoneFile}`))).toHaveLength(3);
});

test('ephemeral containers refused: a pod with the source\'s labels, deleted afterwards', async () => {
  const cluster = new FakeCluster(['x/a', 'x/b']);
  cluster.refuseEphemeral = true;
  const run = new ProbeRun(cluster, {...settings, pollIntervalMs: 1, nameSuffix: () => 'fixed'});
  const observations = await run.run(planProbes([flows[1]], settings));
  expect(observations[0]).toMatchObject({connected: true});
  expect(observations[0].command).toContain('kubectl run netpol-probe-manual -n x');
  const created = cluster.pods.get('x/netpol-probe-fixed') as {metadata: {labels: object; annotations: object}};
  expect(created.metadata.labels).toEqual({app: 'a'});
  expect(created.metadata.annotations).toEqual({'kubesleuth.io/probe-for': 'x/a'});
  expect(run.notes.join()).toContain('ephemeral containers refused for x/a');
  expect(await run.cleanup()).toEqual(['deleted probe pod x/netpol-probe-fixed']);
  expect(cluster.pods.has('x/netpol-probe-fixed')).toBe(false);
});

test('a failed setup is an unknown observation, not a failed run', async () => {
  const cluster = new FakeCluster(['x/b']);
  const run = new ProbeRun(cluster, {...settings, pollIntervalMs: 1});
  const observations = await run.run(planProbes([flows[1]], settings));
  expect(observations[0].connected).toBeUndefined();
  expect(observations[0].error).toBe('pod x/a no longer exists');
  expect(await run.cleanup()).toEqual([]);
});

test('aborting stops new attempts and clean-up still removes the helper pod', async () => {
  const cluster = new FakeCluster(ids);
  cluster.refuseEphemeral = true;
  cluster.execDelayMs = 50;
  const controller = new AbortController();
  const run = new ProbeRun(cluster, {...settings, pollIntervalMs: 1, signal: controller.signal, workers: 1});
  const running = run.run(planProbes(flows, settings));
  setTimeout(() => controller.abort(), 20);
  const observations = await running;
  expect(observations.filter((observation) => observation.error === 'interrupted').length).toBeGreaterThan(5);
  const lines = await run.cleanup();
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((line) => line.startsWith('deleted probe pod'))).toBe(true);
  expect([...cluster.pods.keys()].filter((key) => key.includes('netpol-probe-'))).toEqual([]);
});

test('a source pod that is not running is an unknown observation, and nothing is created in it', async () => {
  const cluster = new FakeCluster(['x/a', 'x/b']);
  (cluster.pods.get('x/a') as {status: object}).status = {phase: 'Pending'};
  const run = new ProbeRun(cluster, {...settings, pollIntervalMs: 1});
  const observations = await run.run(planProbes([flows[1]], settings));
  expect(observations[0].error).toBe('pod x/a is Pending: it cannot send traffic');
  expect(cluster.calls.filter((call) => !call.startsWith('GET'))).toEqual([]);
});
