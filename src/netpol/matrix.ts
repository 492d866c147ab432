// The reachability matrix of a set of pods for one port and protocol, computed over classes
// of pods that no policy can tell apart (same namespace, labels, container ports, matching
// ipBlocks and, where host networking is involved, node), so the work grows with the number
// of distinct classes, not with the square of the pod count.
// Without a port, a pair counts as allowed when some port of the protocol is allowed: the
// destination's declared ports, the ports the policies name, or any other port (ports.ts).

import {Evaluator, resolvePort} from './evaluate.ts';
import {ipBlockContains, type IpBlockMatcher} from './ip.ts';
import {candidatePorts, clusterPolicyIntervals, declaredPortNumbers, networkPolicyIntervals, type PortCandidates, type PortInterval} from './ports.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {FlowPort, FlowVerdict, PodEndpoint, Protocol} from './types.ts';

export interface MatrixQuery {
  /** undefined: any port of `protocol` (declared, named by a policy, or any other; see ports.ts). */
  port?: number | string;
  protocol: Protocol;
  /** `port` is a number that stands for every port no policy names (diff's `*`). */
  otherPort?: boolean;
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
  /** Per source and destination namespace: the port intervals that can matter between them. */
  private readonly intervals = new Map<string, PortInterval[]>();
  private readonly candidates = new Map<string, PortCandidates>();

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
    return this.flowPorts(from, distinctTo).some((port) => this.evaluator.isAllowed(from, distinctTo, port));
  }

  /** The destination ports the matrix asks about for one pair: the given one, or the representatives of every port. */
  private flowPorts(from: PodEndpoint, to: PodEndpoint): FlowPort[] {
    const {port: given, protocol, otherPort} = this.query;
    if (given !== undefined) return [otherPort ? {...resolvePort(to, given, protocol), other: true} : resolvePort(to, given, protocol)];
    const {named, other} = this.portCandidates(from, to);
    const ports = named.map((port) => resolvePort(to, port, protocol));
    return other === undefined ? ports : [...ports, {...resolvePort(to, other, protocol), other: true}];
  }

  /** Only NetworkPolicies of the source's namespace (egress) and the destination's (ingress) and the cluster tiers can decide. */
  private portCandidates(from: PodEndpoint, to: PodEndpoint): PortCandidates {
    const protocol = this.query.protocol;
    const declared = declaredPortNumbers(to, protocol);
    const namespaces = `${from.namespace}\u0000${to.namespace}`;
    const key = `${namespaces}\u0000${declared.join(',')}`;
    let found = this.candidates.get(key);
    if (!found) {
      let intervals = this.intervals.get(namespaces);
      if (!intervals) {
        const snapshot = this.evaluator.snapshot;
        intervals = [
          ...snapshot.policies.filter((policy) => policy.namespace === from.namespace).flatMap((policy) => networkPolicyIntervals(policy, 'egress', protocol)),
          ...snapshot.policies.filter((policy) => policy.namespace === to.namespace).flatMap((policy) => networkPolicyIntervals(policy, 'ingress', protocol)),
          ...[...snapshot.adminPolicies, ...snapshot.baselinePolicies].flatMap((policy) => clusterPolicyIntervals(policy, protocol)),
        ];
        this.intervals.set(namespaces, intervals);
      }
      found = candidatePorts(intervals, declared);
      this.candidates.set(key, found);
    }
    return found;
  }

  /** The flows this matrix asks about between two pods: one per port it tries (see flowPorts). */
  verdicts(from: PodEndpoint, to: PodEndpoint): FlowVerdict[] {
    return this.flowPorts(from, to).map((port) => this.evaluator.evaluate(from, to, port));
  }

  /**
   * The flows worth trying on the wire: the given port, else the destination's declared ports,
   * else the ports the policies name; "any other port" has no number worth connecting to, so
   * it comes with port null (the probe reports it as not observed).
   */
  probeVerdicts(from: PodEndpoint, to: PodEndpoint): FlowVerdict[] {
    if (this.query.port !== undefined) return this.verdicts(from, to);
    const declared = declaredPortNumbers(to, this.query.protocol);
    const {named, other} = this.portCandidates(from, to);
    const ports = declared.length > 0 ? declared : named;
    if (ports.length > 0) return ports.map((port) => this.evaluator.evaluate(from, to, resolvePort(to, port, this.query.protocol)));
    if (other === undefined) return [];
    return [{...this.evaluator.evaluate(from, to, {...resolvePort(to, other, this.query.protocol), other: true}), port: null}];
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
