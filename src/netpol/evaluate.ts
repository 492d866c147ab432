// Whether one flow (source, destination, port, protocol) is allowed, and why. Each direction is
// decided on its own: egress at the source, ingress at the destination; both must allow.
// Per direction: admin tier (first matching rule by priority decides; Pass moves on), then
// NetworkPolicy (isolated pods: allowed only if some rule of a selecting policy admits the
// peer on the port), then baseline tier, then the Kubernetes default (allow).

import type {ClusterPeer, ClusterPort, ClusterRule, CompiledClusterPolicy} from './admin-policy.ts';
import {ipBlockContains, parseIp, type IpAddress} from './ip.ts';
import type {CompiledNetworkPolicy, Peer, PolicyPort, PolicyRule} from './policy.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {DirectionVerdict, Endpoint, FlowPort, FlowVerdict, PodEndpoint, Protocol, RuleRef} from './types.ts';

export type Direction = 'ingress' | 'egress';

export interface MatchedRule extends RuleRef {
  /** The peer that matched, in words; and the port. */
  peer: string;
  port: string;
}

export interface DetailedDirectionVerdict extends DirectionVerdict {
  matchedBy: MatchedRule[];
}

const emptyLabels: Record<string, string> = {};

export class Evaluator {
  readonly snapshot: NetpolSnapshot;
  private readonly selecting = new Map<PodEndpoint, {ingress: CompiledNetworkPolicy[]; egress: CompiledNetworkPolicy[]}>();
  private readonly clusterSubjects = new Map<PodEndpoint, {admin: CompiledClusterPolicy[]; baseline: CompiledClusterPolicy[]}>();
  private readonly parsedIps = new Map<string, IpAddress | undefined>();

  constructor(snapshot: NetpolSnapshot) {
    this.snapshot = snapshot;
  }

  namespaceLabels(namespace: string): Record<string, string> {
    return this.snapshot.namespaces.get(namespace)?.labels ?? emptyLabels;
  }

  /** The NetworkPolicies that select a pod, per direction they isolate. */
  policiesSelecting(pod: PodEndpoint): {ingress: CompiledNetworkPolicy[]; egress: CompiledNetworkPolicy[]} {
    let found = this.selecting.get(pod);
    if (!found) {
      found = {ingress: [], egress: []};
      if (!pod.hostNetwork) {
        for (const policy of this.snapshot.policies) {
          if (policy.namespace !== pod.namespace || !policy.podSelector.matches(pod.labels)) continue;
          if (policy.ingress) found.ingress.push(policy);
          if (policy.egress) found.egress.push(policy);
        }
      }
      this.selecting.set(pod, found);
    }
    return found;
  }

  private clusterPoliciesFor(pod: PodEndpoint): {admin: CompiledClusterPolicy[]; baseline: CompiledClusterPolicy[]} {
    let found = this.clusterSubjects.get(pod);
    if (!found) {
      const applies = (policy: CompiledClusterPolicy) => !pod.hostNetwork &&
        policy.subject.namespaceSelector.matches(this.namespaceLabels(pod.namespace)) &&
        (policy.subject.podSelector === undefined || policy.subject.podSelector.matches(pod.labels));
      found = {admin: this.snapshot.adminPolicies.filter(applies), baseline: this.snapshot.baselinePolicies.filter(applies)};
      this.clusterSubjects.set(pod, found);
    }
    return found;
  }

  ipsOf(endpoint: Endpoint): IpAddress[] {
    const texts = endpoint.kind === 'pod' ? endpoint.ips : [endpoint.ip];
    const result: IpAddress[] = [];
    for (const text of texts) {
      let parsed = this.parsedIps.get(text);
      if (parsed === undefined && !this.parsedIps.has(text)) {
        parsed = parseIp(text);
        this.parsedIps.set(text, parsed);
      }
      if (parsed) result.push(parsed);
    }
    return result;
  }

  /** Whether a NetworkPolicy peer (of a policy in `namespace`) matches an endpoint. */
  peerMatches(peer: Peer, namespace: string, endpoint: Endpoint): boolean {
    if (peer.kind === 'ipBlock') return this.ipsOf(endpoint).some((ip) => ipBlockContains(peer, ip));
    if (endpoint.kind !== 'pod' || endpoint.hostNetwork) return false;
    if (peer.namespaceSelector) {
      if (!peer.namespaceSelector.matches(this.namespaceLabels(endpoint.namespace))) return false;
    } else if (endpoint.namespace !== namespace) {
      return false;
    }
    return peer.podSelector === undefined || peer.podSelector.matches(endpoint.labels);
  }

  ruleMatches(policy: CompiledNetworkPolicy, rule: PolicyRule, peer: Endpoint, destination: Endpoint, port: FlowPort): MatchedRule | undefined {
    let portText = 'any port';
    if (rule.ports) {
      const matched = rule.ports.find((policyPort) => policyPortMatches(policyPort, port, destination));
      if (!matched) return undefined;
      portText = matched.text;
    }
    let peerText = 'any peer';
    if (rule.peers) {
      const matched = rule.peers.find((candidate) => this.peerMatches(candidate, policy.namespace, peer));
      if (!matched) return undefined;
      peerText = matched.text;
    }
    return {policy: policy.ref, rule: rule.index, peer: peerText, port: portText};
  }

  clusterPeerMatches(peer: ClusterPeer, endpoint: Endpoint): boolean {
    switch (peer.kind) {
      case 'pods':
        return endpoint.kind === 'pod' && !endpoint.hostNetwork &&
          peer.namespaceSelector.matches(this.namespaceLabels(endpoint.namespace)) &&
          (peer.podSelector === undefined || peer.podSelector.matches(endpoint.labels));
      case 'nodes': {
        const nodeName = endpoint.kind === 'pod' ? (endpoint.hostNetwork ? endpoint.nodeName : undefined) : endpoint.nodeName;
        const node = nodeName ? this.snapshot.nodes.get(nodeName) : undefined;
        return node !== undefined && peer.nodeSelector.matches(node.labels);
      }
      case 'networks':
        return this.ipsOf(endpoint).some((ip) => peer.networks.some((cidr) => ipBlockContains({cidr, except: []}, ip)));
      case 'unsupported':
        return false;
    }
  }

  /** The first admin/baseline rule that matches, with fail-closed handling of unknown peers. */
  private firstClusterRule(policies: CompiledClusterPolicy[], direction: Direction, peer: Endpoint, destination: Endpoint, port: FlowPort):
    {policy: CompiledClusterPolicy; rule: ClusterRule; action: string} | undefined {
    for (const policy of policies) {
      for (const rule of policy[direction]) {
        if (rule.ports && !rule.ports.some((clusterPort) => clusterPortMatches(clusterPort, port, destination))) continue;
        if (rule.peers.some((candidate) => this.clusterPeerMatches(candidate, peer))) return {policy, rule, action: rule.action};
        // A peer of an unknown shape fails closed: Deny and Pass rules deny everything.
        if (rule.action !== 'Allow' && rule.peers.some((candidate) => candidate.kind === 'unsupported')) return {policy, rule, action: 'Deny'};
      }
    }
    return undefined;
  }

  /** Decides one direction for a pod subject (destination for ingress, source for egress). */
  decide(subject: PodEndpoint, peer: Endpoint, destination: Endpoint, port: FlowPort, direction: Direction): DetailedDirectionVerdict {
    const verdict = this.decideUnordered(subject, peer, destination, port, direction);
    // CONTRACT.md's field order: allowed, isolated, policies, matchedBy, then the rest.
    const {allowed, isolated, policies, matchedBy, tier, clusterRule, reason} = verdict;
    return {allowed, isolated, policies, matchedBy, tier, ...(clusterRule ? {clusterRule} : {}), reason};
  }

  private decideUnordered(subject: PodEndpoint, peer: Endpoint, destination: Endpoint, port: FlowPort, direction: Direction): DetailedDirectionVerdict {
    const selecting = this.policiesSelecting(subject)[direction];
    const policies = selecting.map((policy) => policy.ref);
    const isolated = selecting.length > 0;
    const cluster = this.clusterPoliciesFor(subject);
    const words = direction === 'ingress' ? 'ingress' : 'egress';
    const base = {isolated, policies, matchedBy: [] as MatchedRule[]};
    let passed: DetailedDirectionVerdict['clusterRule'];
    if (cluster.admin.length > 0) {
      const found = this.firstClusterRule(cluster.admin, direction, peer, destination, port);
      if (found) {
        const clusterRule = {policy: found.policy.ref, rule: found.rule.index, ...(found.rule.name ? {name: found.rule.name} : {}), action: found.rule.written};
        const label = `rule ${found.rule.index}${found.rule.name ? ` (${found.rule.name})` : ''} of ${found.policy.ref}`;
        if (found.action === 'Allow') {
          return {...base, allowed: true, tier: 'admin', clusterRule, reason: `${label} (admin tier) ${found.rule.written === 'Accept' ? 'accepts' : 'allows'} it; NetworkPolicies are not consulted for ${words}`};
        }
        if (found.action === 'Deny') {
          const failClosed = found.rule.action !== 'Deny' ? ' (a peer it cannot read fails closed)' : '';
          return {...base, allowed: false, tier: 'admin', clusterRule, reason: `${label} (admin tier) denies it${failClosed}`};
        }
        passed = clusterRule;
      }
    }
    const passText = passed ? `rule ${passed.rule} of ${passed.policy} passes it on; ` : '';
    if (isolated) {
      const matchedBy: MatchedRule[] = [];
      for (const policy of selecting) {
        for (const rule of policy[direction]!) {
          const matched = this.ruleMatches(policy, rule, peer, destination, port);
          if (matched) matchedBy.push(matched);
        }
      }
      const isolation = `${subject.id} is isolated for ${words} by ${policies.join(', ')}`;
      if (matchedBy.length > 0) {
        const first = matchedBy[0];
        const through = first.peer === 'any peer' ? 'which admits any peer' : `through ${first.peer}`;
        return {...base, matchedBy, allowed: true, tier: 'networkpolicy', ...(passed ? {clusterRule: passed} : {}),
          reason: `${passText}${isolation}; rule ${first.rule} of ${first.policy} admits ${peerName(peer)} ${through} on ${first.port}` +
            (matchedBy.length > 1 ? ` (and ${matchedBy.length - 1} more rule${matchedBy.length > 2 ? 's' : ''})` : '')};
      }
      return {...base, allowed: false, tier: 'networkpolicy', ...(passed ? {clusterRule: passed} : {}),
        reason: `${passText}${isolation}; no rule of ${selecting.length > 1 ? 'these policies' : 'it'} admits ${peerName(peer)} on ${portName(port)}`};
    }
    if (cluster.baseline.length > 0) {
      const found = this.firstClusterRule(cluster.baseline, direction, peer, destination, port);
      if (found && found.action !== 'Pass') {
        const clusterRule = {policy: found.policy.ref, rule: found.rule.index, ...(found.rule.name ? {name: found.rule.name} : {}), action: found.rule.written};
        const label = `rule ${found.rule.index}${found.rule.name ? ` (${found.rule.name})` : ''} of ${found.policy.ref}`;
        const allowed = found.action === 'Allow';
        return {...base, allowed, tier: 'baseline', clusterRule,
          reason: `${passText}no NetworkPolicy selects ${subject.id} for ${words}; ${label} (baseline tier) ${allowed ? 'allows' : 'denies'} it`};
      }
    }
    return {...base, allowed: true, tier: 'default', ...(passed ? {clusterRule: passed} : {}),
      reason: `${passText}no NetworkPolicy selects ${subject.id} for ${words}: not isolated`};
  }

  /**
   * The verdict alone, without reasons: the same decisions as `decide`/`evaluate`, with no
   * allocation, for the matrix's many class pairs. Tests hold the two paths equal.
   */
  isAllowed(source: Endpoint, destination: Endpoint, port: FlowPort): boolean {
    if (alwaysAllowed(source, destination) !== undefined) return true;
    if (source.kind === 'pod' && !source.hostNetwork && !this.directionAllowed(source, destination, destination, port, 'egress')) return false;
    if (destination.kind !== 'pod' || destination.hostNetwork) return true;
    if (port.number === undefined) return false;
    return this.directionAllowed(destination, source, destination, port, 'ingress');
  }

  private directionAllowed(subject: PodEndpoint, peer: Endpoint, destination: Endpoint, port: FlowPort, direction: Direction): boolean {
    const cluster = this.clusterPoliciesFor(subject);
    if (cluster.admin.length > 0) {
      const found = this.firstClusterRule(cluster.admin, direction, peer, destination, port);
      if (found?.action === 'Allow') return true;
      if (found?.action === 'Deny') return false;
    }
    const selecting = this.policiesSelecting(subject)[direction];
    if (selecting.length > 0) {
      for (const policy of selecting) {
        for (const rule of policy[direction]!) {
          if (rule.ports && !rule.ports.some((policyPort) => policyPortMatches(policyPort, port, destination))) continue;
          if (!rule.peers || rule.peers.some((candidate) => this.peerMatches(candidate, policy.namespace, peer))) return true;
        }
      }
      return false;
    }
    if (cluster.baseline.length > 0) {
      const found = this.firstClusterRule(cluster.baseline, direction, peer, destination, port);
      if (found?.action === 'Allow') return true;
      if (found?.action === 'Deny') return false;
    }
    return true;
  }

  /** Evaluates a flow. `port` must already be resolved against the destination (resolvePort). */
  evaluate(source: Endpoint, destination: Endpoint, port: FlowPort): FlowVerdict {
    const portLabel = port.number ?? port.name ?? null;
    const verdict = (egress: DirectionVerdict, ingress: DirectionVerdict, always?: string): FlowVerdict => ({
      from: source.id, to: destination.id, port: portLabel, protocol: port.protocol,
      allowed: always !== undefined || (egress.allowed && ingress.allowed), egress, ingress,
      ...(always !== undefined ? {always} : {}),
    });
    const always = alwaysAllowed(source, destination);
    const egress = source.kind === 'pod'
      ? (source.hostNetwork ? exempt(`${source.id} uses the host network: NetworkPolicies do not apply to it`) : this.decide(source, destination, destination, port, 'egress'))
      : exempt(`${source.id} is outside the pod network: no policy governs its egress`);
    let ingress: DirectionVerdict;
    if (destination.kind !== 'pod') ingress = exempt(`${destination.id} is outside the pod network: no policy governs its ingress`);
    else if (destination.hostNetwork) ingress = exempt(`${destination.id} uses the host network: NetworkPolicies do not apply to it`);
    else if (port.number === undefined) ingress = {allowed: false, isolated: false, policies: [], matchedBy: [], tier: 'default', reason: `${destination.id} has no ${port.protocol} container port named ${port.name}`};
    else ingress = this.decide(destination, source, destination, port, 'ingress');
    return verdict(egress, ingress, always);
  }
}

function exempt(reason: string): DirectionVerdict {
  return {allowed: true, isolated: false, policies: [], matchedBy: [], tier: 'exempt', reason};
}

/** Flows that no policy can block: a pod to itself, a pod and the node it runs on. */
export function alwaysAllowed(source: Endpoint, destination: Endpoint): string | undefined {
  if (source.kind === 'pod' && destination.kind === 'pod' && source.id === destination.id) {
    return 'a pod can always reach itself (NetworkPolicy cannot block a pod\'s traffic to itself; kubernetes#95879)';
  }
  const nodeOf = (endpoint: Endpoint): string | undefined => endpoint.kind === 'pod' ? (endpoint.hostNetwork ? endpoint.nodeName ?? endpoint.hostIP : undefined) : endpoint.nodeName ?? endpoint.ip;
  const hostOf = (endpoint: Endpoint): string | undefined => endpoint.kind === 'pod' && !endpoint.hostNetwork ? endpoint.nodeName ?? endpoint.hostIP : undefined;
  const sameNode = (pod: Endpoint, other: Endpoint) => {
    if (pod.kind !== 'pod' || pod.hostNetwork) return false;
    const node = nodeOf(other);
    if (!node) return false;
    return node === hostOf(pod) || (pod.hostIP !== undefined && (node === pod.hostIP || (other.kind === 'external' && other.ip === pod.hostIP)));
  };
  if (sameNode(source, destination) || sameNode(destination, source)) {
    return 'traffic between a pod and the node it runs on is always allowed';
  }
  return undefined;
}

export function policyPortMatches(policyPort: PolicyPort, port: FlowPort, destination: Endpoint): boolean {
  if (policyPort.protocol !== port.protocol) return false;
  if (policyPort.port === undefined) return true;
  if (port.number === undefined) return false;
  if (typeof policyPort.port === 'number') {
    return policyPort.endPort !== undefined
      ? port.number >= policyPort.port && port.number <= policyPort.endPort
      : port.number === policyPort.port;
  }
  // A named port is resolved against the destination pod's containers.
  return namedPortIs(destination, policyPort.port, port.number, policyPort.protocol);
}

function namedPortIs(destination: Endpoint, name: string, number: number, protocol: Protocol): boolean {
  return destination.kind === 'pod' &&
    destination.ports.some((containerPort) => containerPort.name === name && containerPort.protocol === protocol && containerPort.containerPort === number);
}

export function clusterPortMatches(clusterPort: ClusterPort, port: FlowPort, destination: Endpoint): boolean {
  if (port.number === undefined) return false;
  if (clusterPort.namedPort !== undefined) return namedPortIs(destination, clusterPort.namedPort, port.number, port.protocol);
  if (clusterPort.protocol !== undefined && clusterPort.protocol !== port.protocol) return false;
  if (clusterPort.start === undefined) return true;
  return port.number >= clusterPort.start && port.number <= (clusterPort.end ?? clusterPort.start);
}

/** Resolves `--port` (number or name) against the destination's container ports. */
export function resolvePort(destination: Endpoint, port: number | string | undefined, protocol: Protocol): FlowPort {
  if (port === undefined) return {protocol};
  if (typeof port === 'number') {
    const named = destination.kind === 'pod'
      ? destination.ports.find((containerPort) => containerPort.containerPort === port && containerPort.protocol === protocol && containerPort.name)
      : undefined;
    return {number: port, ...(named?.name ? {name: named.name} : {}), protocol};
  }
  const found = destination.kind === 'pod' ? destination.ports.find((containerPort) => containerPort.name === port && containerPort.protocol === protocol) : undefined;
  return found ? {number: found.containerPort, name: port, protocol} : {name: port, protocol};
}

function peerName(endpoint: Endpoint): string {
  return endpoint.id;
}

function portName(port: FlowPort): string {
  if (port.other) return `any other ${port.protocol} port`;
  return port.number !== undefined ? `${port.protocol} ${port.number}${port.name ? ` (${port.name})` : ''}` : `${port.protocol} ${port.name ?? 'any port'}`;
}
