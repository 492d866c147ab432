// The reachability matrix of a set of pods for one port and protocol, computed over classes
// of pods that no policy can tell apart (same namespace, labels, container ports, matching
// ipBlocks and, where host networking is involved, node), so the work grows with the number
// of distinct classes, not with the square of the pod count.

import {Evaluator, resolvePort} from './evaluate.ts';
import {ipBlockContains, type IpBlockMatcher} from './ip.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {FlowPort, FlowVerdict, PodEndpoint, Protocol} from './types.ts';

export interface MatrixQuery {
  /** undefined: any of the destination's declared container ports (of `protocol`). */
  port?: number | string;
  protocol: Protocol;
}

export interface MatrixEntry {
  from: string;
  to: string;
  allowed: boolean;
}

export class ReachabilityMatrix {
  readonly port: number | string | null;
  readonly protocol: Protocol;
  readonly pods: readonly PodEndpoint[];
  readonly classCount: number;
  readonly notes: string[];
  /** Class index per pod. */
  private readonly podClass: Int32Array;
  /** 1 allowed, 0 denied; row = source class. */
  private readonly classAllowed: Uint8Array;
  private readonly representatives: PodEndpoint[];
  private readonly evaluator: Evaluator;
  private readonly query: MatrixQuery;

  constructor(evaluator: Evaluator, pods: readonly PodEndpoint[], query: MatrixQuery) {
    this.evaluator = evaluator;
    this.query = query;
    this.port = query.port ?? null;
    this.protocol = query.protocol;
    this.pods = pods;
    this.notes = cniNotes(evaluator.snapshot);
    const {podClass, representatives} = classify(evaluator.snapshot, pods);
    this.podClass = podClass;
    this.representatives = representatives;
    const count = representatives.length;
    this.classCount = count;
    this.classAllowed = new Uint8Array(count * count);
    for (let source = 0; source < count; source++) {
      for (let destination = 0; destination < count; destination++) {
        this.classAllowed[source * count + destination] = this.evaluateClasses(source, destination) ? 1 : 0;
      }
    }
  }

  private evaluateClasses(source: number, destination: number): boolean {
    const from = this.representatives[source];
    const to = this.representatives[destination];
    // Two pods of one class: never the same pod here (the diagonal is answered per pod).
    const distinctTo = source === destination ? {...to, id: `${to.id}\u0000other`} : to;
    return this.flowPorts(distinctTo).some((port) => this.evaluator.isAllowed(from, distinctTo, port));
  }

  /** The destination ports the matrix asks about for one destination. */
  private flowPorts(to: PodEndpoint): FlowPort[] {
    if (this.query.port !== undefined) return [resolvePort(to, this.query.port, this.query.protocol)];
    const ports = [...new Set(to.ports.filter((port) => port.protocol === this.query.protocol).map((port) => port.containerPort))].sort((a, b) => a - b);
    // A pod that declares no port: only rules that do not name ports can admit it (port 0 matches none).
    if (ports.length === 0) return [{number: 0, protocol: this.query.protocol}];
    return ports.map((port) => resolvePort(to, port, this.query.protocol));
  }

  /** The flows this matrix asks about between two pods: one, or one per declared port. */
  verdicts(from: PodEndpoint, to: PodEndpoint): FlowVerdict[] {
    return this.flowPorts(to).map((port) => this.evaluator.evaluate(from, to, port));
  }

  allowed(fromIndex: number, toIndex: number): boolean {
    if (fromIndex === toIndex) return true;
    const count = this.classCount;
    return this.classAllowed[this.podClass[fromIndex] * count + this.podClass[toIndex]] === 1;
  }

  /** The pod ids' flow verdict with reasons (the representative pair of their classes). */
  explain(fromIndex: number, toIndex: number): FlowVerdict[] {
    return this.verdicts(this.pods[fromIndex], this.pods[toIndex]);
  }

  *entries(): Generator<MatrixEntry> {
    const count = this.pods.length;
    for (let from = 0; from < count; from++) {
      for (let to = 0; to < count; to++) {
        yield {from: this.pods[from].id, to: this.pods[to].id, allowed: this.allowed(from, to)};
      }
    }
  }

  deniedCount(): number {
    let denied = 0;
    const count = this.pods.length;
    for (let from = 0; from < count; from++) {
      for (let to = 0; to < count; to++) if (!this.allowed(from, to)) denied++;
    }
    return denied;
  }

  /** CONTRACT.md's `netpol matrix -o json` shape. */
  toJSON(): object {
    return {
      port: this.port,
      protocol: this.protocol,
      pods: this.pods.map((pod) => pod.id),
      entries: [...this.entries()],
      classes: this.classCount,
      ...(this.notes.length ? {notes: this.notes} : {}),
    };
  }
}

/** Groups pods into classes no policy in the snapshot can tell apart. */
export function classify(snapshot: NetpolSnapshot, pods: readonly PodEndpoint[]): {podClass: Int32Array; representatives: PodEndpoint[]} {
  const ipMatchers = collectIpMatchers(snapshot);
  const nodeMatters = pods.some((pod) => pod.hostNetwork);
  const evaluatorForIps = new Evaluator(snapshot);
  const classIndex = new Map<string, number>();
  const representatives: PodEndpoint[] = [];
  const podClass = new Int32Array(pods.length);
  pods.forEach((pod, index) => {
    const labels = Object.keys(pod.labels).sort().map((key) => `${key}=${pod.labels[key]}`).join('\u0001');
    const ports = pod.ports.map((port) => `${port.name ?? ''}:${port.containerPort}/${port.protocol}`).sort().join(',');
    let ipBits = '';
    if (ipMatchers.length > 0) {
      const ips = evaluatorForIps.ipsOf(pod);
      ipBits = ipMatchers.map((matcher) => (ips.some((ip) => ipBlockContains(matcher, ip)) ? '1' : '0')).join('');
    }
    const node = nodeMatters ? `${pod.nodeName ?? ''}|${pod.hostIP ?? ''}` : '';
    const key = `${pod.namespace}\u0002${pod.hostNetwork ? 'h' : 'p'}\u0002${labels}\u0002${ports}\u0002${ipBits}\u0002${node}`;
    let found = classIndex.get(key);
    if (found === undefined) {
      found = representatives.length;
      classIndex.set(key, found);
      representatives.push(pod);
    }
    podClass[index] = found;
  });
  return {podClass, representatives};
}

function collectIpMatchers(snapshot: NetpolSnapshot): IpBlockMatcher[] {
  const matchers: IpBlockMatcher[] = [];
  const seen = new Set<string>();
  const add = (matcher: IpBlockMatcher) => {
    const key = `${matcher.cidr.text}|${matcher.except.map((cidr) => cidr.text).join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    matchers.push(matcher);
  };
  for (const policy of snapshot.policies) {
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') add(peer);
    }
  }
  for (const policy of [...snapshot.adminPolicies, ...snapshot.baselinePolicies]) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) if (peer.kind === 'networks') for (const cidr of peer.networks) add({cidr, except: []});
    }
  }
  return matchers;
}

/** The sentence every answer carries when CNI-specific policies are present. */
export function cniNotes(snapshot: NetpolSnapshot): string[] {
  if (snapshot.cniPolicies.length === 0) return [];
  const shown = snapshot.cniPolicies.slice(0, 5).join(', ');
  const more = snapshot.cniPolicies.length > 5 ? ` and ${snapshot.cniPolicies.length - 5} more` : '';
  return [`not evaluated: ${snapshot.cniPolicies.length} CNI-specific polic${snapshot.cniPolicies.length === 1 ? 'y' : 'ies'} (${shown}${more}) may change these verdicts`];
}
