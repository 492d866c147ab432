// Live probes, the pure half: which connection attempts to make for a set of flows (and the
// command that reproduces each), and what the observed traffic says when set beside the static
// verdicts. The way of stating it follows kubernetes test/e2e/network/netpol (probe.go,
// reachability.go, truthtable.go): expected and observed truth tables, compared into a third,
// printed with `.` (allowed / same), `X` (denied / differs) and `?` (no observation).
// Running the attempts is probe-live.ts's job; nothing here does I/O.

import type {Palette} from '../output/colour.ts';
import type {Endpoint, Protocol} from './types.ts';

/** Where the connection attempt runs: an ephemeral container in the source pod (kubectl debug),
 * an existing container of the source pod (kubectl exec), or a short-lived pod with the source's labels. */
export type ProbeMode = 'ephemeral' | 'exec' | 'pod';

export interface ProbeSettings {
  image: string;
  mode: ProbeMode;
  /** Seconds a single connection attempt may take (nc -w, agnhost --timeout). */
  timeoutSeconds: number;
}

export const defaultProbeImage = 'busybox:1.36';
export const defaultProbeTimeoutSeconds = 2;
/** Name prefix of everything a probe creates (ephemeral containers, helper pods). */
export const probeNamePrefix = 'netpol-probe-';
/** Annotation on helper pods: the pod whose network identity they borrow. */
export const probeForAnnotation = 'kubesleuth.io/probe-for';
/** The ephemeral container idles until this file exists (or its lifetime ends), then exits. */
export const probeDoneFile = '/tmp/netpol-probe-done';

/** One flow to check on the wire, with the engine's verdict. */
export interface ProbeFlow {
  from: Endpoint;
  to: Endpoint;
  /** The destination port as the verdict gives it (a number once resolved). */
  port: number | string | null;
  protocol: Protocol;
  expected: boolean;
  /** Which matrix cell the flow belongs to (matrix --probe), as `from\u0000to` pod ids. */
  cell?: string;
}

export interface ProbeJob {
  index: number;
  from: string;
  to: string;
  /** The source pod: where the attempt runs. */
  namespace?: string;
  pod?: string;
  address?: string;
  port: number | string | null;
  protocol: Protocol;
  expected: boolean;
  cell?: string;
  /** The connection attempt, run inside the probe container. */
  command: string[];
  /** Why the flow cannot be probed, when it cannot. */
  skip?: string;
}

/** What one attempt observed; `connected` is undefined when the attempt itself failed. */
export interface ProbeObservation {
  connected?: boolean;
  /** Why there is no observation (exec refused, timed out, setup failed). */
  error?: string;
  /** A kubectl command line that repeats the attempt. */
  command: string;
  exitCode?: number;
  output?: string;
}

export type ProbeStatus = 'match' | 'unexpected-allow' | 'unexpected-deny' | 'unknown';

export interface ProbeResult {
  from: string;
  to: string;
  port: number | string | null;
  protocol: Protocol;
  expected: 'allowed' | 'denied';
  observed: 'connected' | 'blocked' | 'unknown';
  status: ProbeStatus;
  command: string;
  error?: string;
}

export type Enforcement = 'enforced' | 'not-enforced' | 'partly-enforced' | 'unknown';

export interface ProbeReport {
  mode: ProbeMode;
  image: string;
  results: ProbeResult[];
  matched: number;
  mismatched: number;
  unknown: number;
  /** True when every flow was observed and every observation matched the verdict. */
  pass: boolean;
  /** What the denied flows say about the network plugin. */
  enforcement: Enforcement;
  /** Conclusions in plain words, most important first. */
  conclusions: string[];
  /** What the probe created in the cluster and whether it was removed. */
  created: string[];
  cleanup: string[];
}

/** The connection attempt for one destination, by image: agnhost's `connect`, else nc (busybox). */
export function probeCommand(image: string, protocol: Protocol, address: string, port: number, timeoutSeconds: number): {command: string[]} | {skip: string} {
  if (isAgnhost(image)) {
    const host = address.includes(':') ? `[${address}]` : address;
    return {command: ['/agnhost', 'connect', `${host}:${port}`, `--timeout=${timeoutSeconds}s`, `--protocol=${protocol.toLowerCase()}`]};
  }
  if (protocol === 'TCP') return {command: ['nc', '-z', '-w', String(timeoutSeconds), address, String(port)]};
  // nc cannot tell a UDP or SCTP port that answers from one that drops: an honest "?" beats a guess.
  return {skip: `${protocol} needs an answering probe: use --probe-image registry.k8s.io/e2e-test-images/agnhost:2.53 (agnhost connect --protocol=${protocol.toLowerCase()})`};
}

export function isAgnhost(image: string): boolean {
  return /(^|\/)agnhost(:|@|$)/.test(image);
}

/** The jobs for a list of flows, in order; flows that cannot be probed carry `skip`. */
export function planProbes(flows: readonly ProbeFlow[], settings: ProbeSettings): ProbeJob[] {
  return flows.map((flow, index) => {
    const base = {index, from: flow.from.id, to: flow.to.id, port: flow.port, protocol: flow.protocol, expected: flow.expected, ...(flow.cell ? {cell: flow.cell} : {})};
    if (flow.from.kind !== 'pod') return {...base, command: [], skip: `${flow.from.id} is not a pod: traffic can only be sent from a pod`};
    if (flow.from.template) return {...base, command: [], skip: `${flow.from.id} stands for a pod template: no such pod runs`};
    const at = {namespace: flow.from.namespace, pod: flow.from.name};
    const address = flow.to.kind === 'pod' ? flow.to.ips[0] : flow.to.ip;
    if (!address) return {...base, ...at, command: [], skip: `${flow.to.id} has no IP address${flow.to.kind === 'pod' && flow.to.template ? ' (a pod template)' : ''}`};
    if (typeof flow.port !== 'number' || flow.port <= 0) {
      return {...base, ...at, address, command: [], skip: `no port number to connect to${typeof flow.port === 'string' ? ` (${flow.to.id} has no port named ${flow.port})` : ''}`};
    }
    const planned = probeCommand(settings.image, flow.protocol, address, flow.port, settings.timeoutSeconds);
    if ('skip' in planned) return {...base, ...at, address, command: [], skip: planned.skip};
    return {...base, ...at, address, command: planned.command};
  });
}

/**
 * A kubectl command line that makes the same attempt by hand. The ephemeral container a run adds
 * stops when the run ends, so its flows are repeated with `kubectl debug` (a new one).
 */
export function reproduceCommand(job: ProbeJob, settings: ProbeSettings, context: {container?: string; labels?: Record<string, string>} = {}): string {
  const attempt = job.command.map(shellQuote).join(' ');
  const namespace = shellQuote(job.namespace ?? '');
  const pod = shellQuote(job.pod ?? '');
  switch (settings.mode) {
    case 'exec':
      return `kubectl exec -n ${namespace} ${pod}${context.container ? ` -c ${shellQuote(context.container)}` : ''} -- ${attempt}`;
    case 'pod': {
      const labels = Object.entries(context.labels ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
      return `kubectl run ${probeNamePrefix}manual -n ${namespace} --rm -i --restart=Never --image=${shellQuote(settings.image)}${labels ? ` --labels=${shellQuote(labels)}` : ''} -- ${attempt}`;
    }
    default:
      return `kubectl debug -n ${namespace} ${pod} -i --image=${shellQuote(settings.image)} -- ${attempt}`;
  }
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Sets each observation beside its verdict and says what the differences mean. */
export function compareProbes(jobs: readonly ProbeJob[], observations: readonly ProbeObservation[], settings: ProbeSettings,
  bookkeeping: {created?: string[]; cleanup?: string[]} = {}): ProbeReport {
  const results: ProbeResult[] = jobs.map((job, index) => {
    const observation = observations[index];
    const observed = observation?.connected === undefined ? 'unknown' : observation.connected ? 'connected' : 'blocked';
    const status: ProbeStatus = observed === 'unknown' ? 'unknown'
      : (observed === 'connected') === job.expected ? 'match'
        : job.expected ? 'unexpected-deny' : 'unexpected-allow';
    const error = job.skip ?? observation?.error;
    return {
      from: job.from, to: job.to, port: job.port, protocol: job.protocol,
      expected: job.expected ? 'allowed' : 'denied', observed, status,
      command: observation?.command ?? '',
      ...(observed === 'unknown' && error ? {error} : {}),
    };
  });
  const count = (status: ProbeStatus) => results.filter((result) => result.status === status).length;
  const matched = count('match');
  const unknown = count('unknown');
  const mismatched = results.length - matched - unknown;
  const {enforcement, conclusions} = conclude(results);
  return {
    mode: settings.mode, image: settings.image, results, matched, mismatched, unknown,
    pass: mismatched === 0 && unknown === 0, enforcement, conclusions,
    created: bookkeeping.created ?? [], cleanup: bookkeeping.cleanup ?? [],
  };
}

/** What the observed traffic says: above all, whether the network plugin enforces policies. */
export function conclude(results: readonly ProbeResult[]): {enforcement: Enforcement; conclusions: string[]} {
  const deniedObserved = results.filter((result) => result.expected === 'denied' && result.observed !== 'unknown');
  const leaked = deniedObserved.filter((result) => result.observed === 'connected');
  const blocked = results.filter((result) => result.status === 'unexpected-deny');
  const unknown = results.filter((result) => result.status === 'unknown');
  const conclusions: string[] = [];
  const enforcement: Enforcement = deniedObserved.length === 0 ? 'unknown' : leaked.length === 0 ? 'enforced' : leaked.length === deniedObserved.length ? 'not-enforced' : 'partly-enforced';
  if (enforcement === 'not-enforced') {
    conclusions.push(`the network plugin does not enforce NetworkPolicies: ${plural(leaked.length, 'flow')} the policies deny connected anyway ` +
      '(a cluster without an enforcing CNI silently allows everything; install or enable one that enforces NetworkPolicy, such as Calico or Cilium)');
  } else if (enforcement === 'partly-enforced') {
    conclusions.push(`the network plugin does not enforce NetworkPolicies fully: ${leaked.length} of ${plural(deniedObserved.length, 'flow')} the policies deny connected anyway ` +
      '(check the plugin\'s policy support, e.g. for ports, named ports, SCTP or ipBlock, and any CNI-specific policies that allow them)');
  }
  if (blocked.length > 0) {
    conclusions.push(`${plural(blocked.length, 'flow')} the policies allow did not connect: nothing may listen on the port, or something else blocks it ` +
      '(CNI-specific or admin network policies, a node firewall); repeat the attempt with the command shown');
  }
  if (unknown.length > 0) {
    const reasons = [...new Set(unknown.map((result) => result.error ?? 'no observation'))];
    conclusions.push(`${plural(unknown.length, 'flow')} could not be probed: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? `; and ${reasons.length - 3} more reasons` : ''}`);
  }
  if (conclusions.length === 0) {
    conclusions.push(results.length === 0 ? 'nothing to probe' : `observed traffic matches the policies on all ${plural(results.length, 'flow')}` +
      (enforcement === 'enforced' ? ', denied flows included: the network plugin enforces them' : ''));
  }
  return {enforcement, conclusions};
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Per matrix cell: connected when any of its ports connected, blocked when all were blocked, else unknown. */
export function observedCells(jobs: readonly ProbeJob[], observations: readonly ProbeObservation[]): Map<string, boolean | undefined> {
  const cells = new Map<string, boolean | undefined>();
  const seen = new Map<string, {connected: boolean; unknown: boolean}>();
  jobs.forEach((job, index) => {
    if (!job.cell) return;
    const state = seen.get(job.cell) ?? {connected: false, unknown: false};
    const connected = observations[index]?.connected;
    if (connected === true) state.connected = true;
    else if (connected === undefined) state.unknown = true;
    seen.set(job.cell, state);
  });
  for (const [cell, state] of seen) cells.set(cell, state.connected ? true : state.unknown ? undefined : false);
  return cells;
}

/**
 * Per matrix cell, whether the wire agreed with the verdicts on every port probed: false when any
 * flow of the cell differs, undefined when none differs but some went unobserved.
 */
export function cellAgreement(jobs: readonly ProbeJob[], report: ProbeReport): Map<string, boolean | undefined> {
  const cells = new Map<string, boolean | undefined>();
  jobs.forEach((job, index) => {
    if (!job.cell) return;
    const status = report.results[index].status;
    const before = cells.has(job.cell) ? cells.get(job.cell) : true;
    if (before === false || status === 'unexpected-allow' || status === 'unexpected-deny') cells.set(job.cell, false);
    else cells.set(job.cell, status === 'unknown' ? undefined : before);
  });
  return cells;
}

export function cellKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

type Marks = Pick<Palette, 'ok' | 'bad' | 'warn' | 'dim'>;
const plainMarks: Marks = {ok: (text) => text, bad: (text) => text, warn: (text) => text, dim: (text) => text};

/**
 * A truth table over pods as a grid (rows from, columns to, numbered like `netpol matrix`):
 * `.` true, `X` false, `?` no value, as upstream's TruthTable.PrettyPrint marks them.
 */
export function renderTruthTable(title: string, ids: readonly string[], value: (from: string, to: string) => boolean | undefined, palette: Marks = plainMarks): string {
  const lines = [title];
  const width = String(ids.length).length;
  const nameWidth = Math.max(0, ...ids.map((id) => id.length));
  for (let digit = 0; digit < width; digit++) {
    let header = ' '.repeat(width + 1 + nameWidth + 1);
    for (let column = 0; column < ids.length; column++) header += String(column + 1).padStart(width)[digit];
    lines.push(header);
  }
  ids.forEach((from, row) => {
    const cells = ids.map((to) => {
      const mark = value(from, to);
      return mark === undefined ? palette.warn('?') : mark ? palette.ok('.') : palette.bad('X');
    });
    lines.push(`${String(row + 1).padStart(width)} ${from.padEnd(nameWidth)} ${cells.join('')}`);
  });
  return lines.join('\n');
}
