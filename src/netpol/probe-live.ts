// Live probes, the half that touches the cluster: for each source pod it prepares a place to run
// connection attempts from the pod's network identity (an ephemeral container added as
// `kubectl debug` adds one; an existing container, as `kubectl exec`; or, when ephemeral
// containers are refused, a short-lived pod with the source's labels in its namespace), runs
// every attempt with a fixed pool of 3 workers (kubernetes test/e2e/network/netpol/probe.go
// uses 3, see kubernetes#97690, so that probing does not swamp the cluster), and always removes
// what it made: helper pods are deleted; ephemeral containers, which Kubernetes cannot remove,
// are told to exit (and would exit by themselves when their lifetime ends).
// A worker never fails the run: an attempt that cannot be made is an observation of "unknown".

import type {ExecRequest, ExecResult} from '../cluster/live-exec.ts';
import type {RawRequestOptions, RawResponse} from '../cluster/live.ts';
import type {KubeObject} from '../cluster/types.ts';
import type {ProbeJob, ProbeMode, ProbeObservation, ProbeSettings} from './probe.ts';
import {probeDoneFile, probeForAnnotation, probeNamePrefix, reproduceCommand} from './probe.ts';

/** What the runner needs of a live Source. */
export interface ProbeCluster {
  request(method: string, path: string, body?: unknown, options?: RawRequestOptions): Promise<RawResponse>;
  exec(request: ExecRequest): Promise<ExecResult>;
}

export interface ProbeRunOptions extends ProbeSettings {
  /** Attempts in flight at once (3, as upstream). */
  workers?: number;
  /** How long a probe container may take to start. */
  setupTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Seconds an ephemeral container or helper pod stays up at most, if never told to stop. */
  lifetimeSeconds?: number;
  /** Aborting stops new attempts; run() then returns what it has, and cleanup() still runs. */
  signal?: AbortSignal;
  /** Progress lines for stderr. */
  progress?: (line: string) => void;
  /** Names of what is created; random unless a test fixes them. */
  nameSuffix?: () => string;
}

export const defaultProbeWorkers = 3;

/** One place attempts run from, per source pod. */
interface ProbeSession {
  mode: ProbeMode;
  namespace: string;
  /** The pod the attempts run in (the source, or the helper pod). */
  pod: string;
  container: string;
  labels: Record<string, string>;
}

/** Something the run created, for clean-up. */
interface Created {
  kind: 'ephemeral' | 'pod';
  namespace: string;
  pod: string;
  container: string;
}

export class ProbeRun {
  private readonly cluster: ProbeCluster;
  private readonly options: ProbeRunOptions;
  private readonly sessions = new Map<string, Promise<ProbeSession>>();
  private readonly createdThings: Created[] = [];
  private cleaning?: Promise<string[]>;
  /** Notes for the report: fallbacks taken. */
  readonly notes: string[] = [];

  constructor(cluster: ProbeCluster, options: ProbeRunOptions) {
    this.cluster = cluster;
    this.options = options;
  }

  /** What was created, in words. */
  get created(): string[] {
    return this.createdThings.map(describeCreated);
  }

  /** Runs every job; the observations keep the jobs' order. */
  async run(jobs: readonly ProbeJob[]): Promise<ProbeObservation[]> {
    const observations: ProbeObservation[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    const probeable = jobs.filter((job) => !job.skip).length;
    const worker = async () => {
      for (;;) {
        const index = next++;
        if (index >= jobs.length) return;
        const job = jobs[index];
        observations[index] = await this.attempt(job);
        if (!job.skip) {
          done++;
          this.options.progress?.(`probed ${done}/${probeable}: ${job.from} -> ${job.to} ${job.protocol}/${job.port}: ${observations[index].connected === undefined ? 'unknown' : observations[index].connected ? 'connected' : 'blocked'}`);
        }
      }
    };
    const workers = Math.max(1, this.options.workers ?? defaultProbeWorkers);
    await Promise.all(Array.from({length: Math.min(workers, Math.max(1, jobs.length))}, worker));
    return observations;
  }

  private async attempt(job: ProbeJob): Promise<ProbeObservation> {
    const fallback = reproduceCommand(job, this.options);
    if (job.skip) return {command: job.command.length ? fallback : '', error: job.skip};
    if (this.options.signal?.aborted) return {command: fallback, error: 'interrupted'};
    let session: ProbeSession;
    try {
      session = await this.session(job.namespace!, job.pod!);
    } catch (error) {
      return {command: fallback, error: (error as Error).message};
    }
    const command = reproduceCommand(job, {...this.options, mode: session.mode}, {container: session.container, labels: session.labels});
    try {
      const result = await this.cluster.exec({
        namespace: session.namespace, pod: session.pod, container: session.container, command: job.command,
        timeoutMs: (this.options.timeoutSeconds + 10) * 1000, signal: this.options.signal,
      });
      const output = `${result.stdout}${result.stderr}`.trim();
      // 126/127: the image has no such command; that says nothing about the network
      if (result.exitCode === 126 || result.exitCode === 127) {
        return {command, exitCode: result.exitCode, output, error: `the probe image ${this.options.image} cannot run ${job.command[0]} (exit ${result.exitCode})`};
      }
      return {connected: result.exitCode === 0, command, exitCode: result.exitCode, ...(output ? {output} : {})};
    } catch (error) {
      return {command, error: (error as Error).message};
    }
  }

  /** The place to run attempts from for one source pod, prepared once. */
  private session(namespace: string, pod: string): Promise<ProbeSession> {
    const key = `${namespace}/${pod}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.prepare(namespace, pod);
      this.sessions.set(key, session);
    }
    return session;
  }

  private async prepare(namespace: string, name: string): Promise<ProbeSession> {
    const source = await this.cluster.request('GET', podPath(namespace, name), undefined, {action: `get pod ${namespace}/${name}`, allowStatus: [404]});
    if (source.status === 404) throw new Error(`pod ${namespace}/${name} no longer exists`);
    const pod = source.json<KubeObject>();
    const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
    // a pod that is not running cannot send: no probe container would start in it either
    if (pod.status?.phase !== 'Running') throw new Error(`pod ${namespace}/${name} is ${pod.status?.phase ?? 'not running'}: it cannot send traffic`);
    if (this.options.mode === 'exec') {
      const container = (pod.spec?.containers ?? [])[0]?.name as string | undefined;
      if (!container) throw new Error(`pod ${namespace}/${name} has no container to exec in`);
      return {mode: 'exec', namespace, pod: name, container, labels};
    }
    if (this.options.mode === 'ephemeral') {
      const refused = await this.addEphemeralContainer(namespace, pod);
      if (typeof refused !== 'string') return {...refused, labels};
      this.note(`ephemeral containers refused for ${namespace}/${name} (${refused}): probing from a short-lived pod with its labels instead`);
    }
    return this.startHelperPod(namespace, name, labels, pod);
  }

  /** Adds the idle probe container; returns why not when the server refuses ephemeral containers. */
  private async addEphemeralContainer(namespace: string, pod: KubeObject): Promise<Omit<ProbeSession, 'labels'> | string> {
    const name = pod.metadata.name;
    const container = this.newName();
    const existing = (pod.spec?.ephemeralContainers ?? []) as object[];
    const patch = {spec: {ephemeralContainers: [...existing, {
      name: container, image: this.options.image, imagePullPolicy: 'IfNotPresent',
      command: this.idleCommand(), stdin: false, tty: false, terminationMessagePolicy: 'File',
    }]}};
    const response = await this.cluster.request('PATCH', `${podPath(namespace, name)}/ephemeralcontainers`, patch, {
      contentType: 'application/strategic-merge-patch+json', allowStatus: [403, 404, 405, 422],
      action: `add ephemeral container ${container} to pod ${namespace}/${name}`,
    });
    if (response.status >= 400) return `${response.status}${serverSaid(response)}`;
    this.createdThings.push({kind: 'ephemeral', namespace, pod: name, container});
    this.progress(`added ephemeral container ${container} (${this.options.image}) to pod ${namespace}/${name}`);
    await this.waitRunning(namespace, name, container, 'ephemeralContainerStatuses');
    return {mode: 'ephemeral', namespace, pod: name, container};
  }

  private async startHelperPod(namespace: string, source: string, labels: Record<string, string>, sourcePod: KubeObject): Promise<ProbeSession> {
    const name = this.newName();
    const container = 'probe';
    // registered before the request: whatever happens next, clean-up tries to delete it
    this.createdThings.push({kind: 'pod', namespace, pod: name, container});
    const body = {
      apiVersion: 'v1', kind: 'Pod',
      // the source's labels give the helper the source's standing under every policy
      metadata: {name, namespace, labels, annotations: {[probeForAnnotation]: `${namespace}/${source}`}},
      spec: {
        containers: [{
          name: container, image: this.options.image, imagePullPolicy: 'IfNotPresent', command: this.idleCommand(),
          // never ready, so Services that select the borrowed labels never send it traffic
          readinessProbe: {exec: {command: ['false']}, initialDelaySeconds: this.lifetime(), periodSeconds: 3600},
        }],
        restartPolicy: 'Never', terminationGracePeriodSeconds: 0, automountServiceAccountToken: false, enableServiceLinks: false,
        ...(sourcePod.spec?.serviceAccountName ? {serviceAccountName: sourcePod.spec.serviceAccountName} : {}),
        activeDeadlineSeconds: this.lifetime(),
      },
    };
    await this.cluster.request('POST', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, body, {action: `create probe pod ${namespace}/${name}`});
    this.progress(`created probe pod ${namespace}/${name} (${this.options.image}) with the labels of ${namespace}/${source}`);
    await this.waitRunning(namespace, name, container, 'containerStatuses');
    return {mode: 'pod', namespace, pod: name, container, labels};
  }

  private async waitRunning(namespace: string, pod: string, container: string, field: 'containerStatuses' | 'ephemeralContainerStatuses'): Promise<void> {
    const deadline = Date.now() + (this.options.setupTimeoutMs ?? 120_000);
    const interval = this.options.pollIntervalMs ?? 500;
    let last = 'not started';
    for (;;) {
      if (this.options.signal?.aborted) throw new Error('interrupted');
      const response = await this.cluster.request('GET', podPath(namespace, pod), undefined, {action: `get pod ${namespace}/${pod}`});
      const object = response.json<KubeObject>();
      const status = ((object.status?.[field] ?? []) as {name: string; state?: Record<string, {reason?: string; message?: string; exitCode?: number}>}[])
        .find((item) => item.name === container);
      const state = status?.state ?? {};
      if (state.running && (field === 'ephemeralContainerStatuses' || object.status?.podIP)) return;
      if (state.terminated) throw new Error(`probe container ${container} in ${namespace}/${pod} stopped (${state.terminated.reason ?? `exit ${state.terminated.exitCode}`})`);
      if (state.waiting) {
        last = `${state.waiting.reason ?? 'waiting'}${state.waiting.message ? `: ${state.waiting.message}` : ''}`;
        if (/ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerError/.test(state.waiting.reason ?? '')) {
          throw new Error(`probe container ${container} in ${namespace}/${pod} cannot start: ${last}`);
        }
      }
      if (object.status?.phase === 'Failed') throw new Error(`probe pod ${namespace}/${pod} failed`);
      if (Date.now() > deadline) throw new Error(`probe container ${container} in ${namespace}/${pod} did not start in time (${last})`);
      await sleep(interval, this.options.signal);
    }
  }

  /**
   * Removes what the run created, once, whatever happened before: helper pods are deleted at
   * once; ephemeral containers cannot be removed from a pod, so each is told to exit (it also
   * exits by itself when its lifetime ends). Returns what was done, in words.
   */
  cleanup(): Promise<string[]> {
    this.cleaning ??= this.removeAll();
    return this.cleaning;
  }

  private async removeAll(): Promise<string[]> {
    // sessions still being prepared may yet create something: let them settle first
    await Promise.allSettled([...this.sessions.values()]);
    const lines = await Promise.all(this.createdThings.map(async (thing): Promise<string> => {
      try {
        if (thing.kind === 'pod') {
          const response = await this.cluster.request('DELETE', podPath(thing.namespace, thing.pod), {apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0}, {
            action: `delete probe pod ${thing.namespace}/${thing.pod}`, allowStatus: [404], query: {gracePeriodSeconds: 0},
          });
          return response.status === 404 ? `probe pod ${thing.namespace}/${thing.pod} was not there to delete` : `deleted probe pod ${thing.namespace}/${thing.pod}`;
        }
        await this.cluster.exec({namespace: thing.namespace, pod: thing.pod, container: thing.container, command: ['touch', probeDoneFile], timeoutMs: 10_000});
        return `stopped ephemeral container ${thing.container} in pod ${thing.namespace}/${thing.pod} (Kubernetes keeps its record until the pod is deleted)`;
      } catch (error) {
        return thing.kind === 'pod'
          ? `could not delete probe pod ${thing.namespace}/${thing.pod}: ${(error as Error).message}; delete it with: kubectl delete pod -n ${thing.namespace} ${thing.pod}`
          : `could not stop ephemeral container ${thing.container} in pod ${thing.namespace}/${thing.pod} (${(error as Error).message}); it exits by itself within ${this.lifetime()} s`;
      }
    }));
    return lines;
  }

  private idleCommand(): string[] {
    // waits for the done file or the end of its lifetime, so nothing outlives the run for long
    return ['sh', '-c', `i=0; while [ ! -e ${probeDoneFile} ] && [ $i -lt ${this.lifetime()} ]; do sleep 1; i=$((i+1)); done`];
  }

  private lifetime(): number {
    return this.options.lifetimeSeconds ?? 600;
  }

  private newName(): string {
    return probeNamePrefix + (this.options.nameSuffix?.() ?? randomSuffix());
  }

  private note(line: string): void {
    if (!this.notes.includes(line)) this.notes.push(line);
    this.progress(line);
  }

  private progress(line: string): void {
    this.options.progress?.(line);
  }
}

function podPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
}

function describeCreated(thing: Created): string {
  return thing.kind === 'pod' ? `pod ${thing.namespace}/${thing.pod}` : `ephemeral container ${thing.container} in pod ${thing.namespace}/${thing.pod}`;
}

function serverSaid(response: RawResponse): string {
  try {
    const message = (response.json<{message?: string}>()).message;
    return message ? `: ${message}` : '';
  } catch {
    return '';
  }
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let index = 0; index < 5; index++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return suffix;
}

function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, {once: true});
  });
}
