// The cluster-wide tiers of the network-policy-api project (kubernetes-sigs/network-policy-api):
// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2: tier Admin or Baseline, Accept/Deny/Pass)
// and its predecessors AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1: Allow/Deny/Pass).
// Evaluation order (apis/v1alpha2/clusternetworkpolicy_types.go): admin tier by priority (lower
// first), rules in written order, first match decides; Pass hands over to NetworkPolicy; then
// baseline. Host-network pods are never subjects nor pods/namespaces peers.

import {InputError, type InputLocation} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';
import {compileLabelSelector, type CompiledSelector} from '../kube/selector.ts';
import {parseCidr, type Cidr} from './ip.ts';
import {compileProtocol, compilePortValue} from './policy.ts';
import type {Protocol} from './types.ts';

export type ClusterAction = 'Allow' | 'Deny' | 'Pass';

export interface ClusterSubject {
  namespaceSelector: CompiledSelector;
  /** undefined: every pod of the selected namespaces. */
  podSelector?: CompiledSelector;
}

export type ClusterPeer =
  | {kind: 'pods'; namespaceSelector: CompiledSelector; podSelector?: CompiledSelector; text: string}
  | {kind: 'nodes'; nodeSelector: CompiledSelector; text: string}
  | {kind: 'networks'; networks: Cidr[]; text: string}
  /** A peer the engine cannot evaluate (domainNames, unknown fields): fail closed. */
  | {kind: 'unsupported'; text: string};

export interface ClusterPort {
  protocol?: Protocol;
  /** undefined with protocol set: every port of it. */
  start?: number;
  end?: number;
  namedPort?: string;
  text: string;
}

export interface ClusterRule {
  index: number;
  name?: string;
  /** Normalised: Accept becomes Allow. `written` keeps the spelling of the source. */
  action: ClusterAction;
  written: string;
  peers: ClusterPeer[];
  /** undefined: every port and protocol. */
  ports?: ClusterPort[];
}

export interface CompiledClusterPolicy {
  /** `AdminNetworkPolicy/name`, `BaselineAdminNetworkPolicy/default`, `ClusterNetworkPolicy/name`. */
  ref: string;
  kind: string;
  name: string;
  tier: 'admin' | 'baseline';
  priority: number;
  subject: ClusterSubject;
  ingress: ClusterRule[];
  egress: ClusterRule[];
}

export function isClusterPolicy(object: KubeObject): boolean {
  return object.apiVersion.startsWith('policy.networking.k8s.io/') &&
    ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'].includes(object.kind);
}

export function compileClusterPolicy(object: KubeObject, location: InputLocation = {}): CompiledClusterPolicy {
  const spec = object.spec ?? {};
  const at = (field: string): InputLocation => ({...location, field});
  const kind = object.kind;
  let tier: 'admin' | 'baseline';
  let priority = 0;
  if (kind === 'ClusterNetworkPolicy') {
    if (spec.tier !== 'Admin' && spec.tier !== 'Baseline') throw new InputError(`unsupported value ${JSON.stringify(spec.tier)}: supported values: "Admin", "Baseline"`, at('spec.tier'));
    tier = spec.tier === 'Admin' ? 'admin' : 'baseline';
    priority = checkPriority(spec.priority, at('spec.priority'));
  } else if (kind === 'AdminNetworkPolicy') {
    tier = 'admin';
    priority = checkPriority(spec.priority, at('spec.priority'));
  } else {
    tier = 'baseline';
  }
  const actions = kind === 'ClusterNetworkPolicy' ? ['Accept', 'Deny', 'Pass'] : kind === 'AdminNetworkPolicy' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  const subject = compileSubject(spec.subject, at('spec.subject'));
  const compileRules = (direction: 'ingress' | 'egress') => {
    const rules = spec[direction] ?? [];
    if (!Array.isArray(rules)) throw new InputError('must be a list', at(`spec.${direction}`));
    return rules.map((rule, index) => compileRule(rule, index, direction, actions, kind, at(`spec.${direction}[${index}]`)));
  };
  return {
    ref: `${kind}/${object.metadata.name}`, kind, name: object.metadata.name, tier, priority, subject,
    ingress: compileRules('ingress'), egress: compileRules('egress'),
  };
}

function checkPriority(value: unknown, location: InputLocation): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) throw new InputError('priority must be an integer from 0 to 1000', location);
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileSubject(subject: any, location: InputLocation): ClusterSubject {
  const field = location.field!;
  if (!subject || typeof subject !== 'object') throw new InputError('subject is required', location);
  if (subject.namespaces != null && subject.pods == null) {
    return {namespaceSelector: compileLabelSelector(subject.namespaces, {...location, field: `${field}.namespaces`})};
  }
  if (subject.pods != null && subject.namespaces == null) {
    return {
      namespaceSelector: compileLabelSelector(subject.pods.namespaceSelector ?? {}, {...location, field: `${field}.pods.namespaceSelector`}),
      podSelector: compileLabelSelector(subject.pods.podSelector ?? {}, {...location, field: `${field}.pods.podSelector`}),
    };
  }
  throw new InputError('exactly one of namespaces or pods must be set', location);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileRule(rule: any, index: number, direction: 'ingress' | 'egress', actions: string[], kind: string, location: InputLocation): ClusterRule {
  const field = location.field!;
  if (!actions.includes(rule?.action)) {
    throw new InputError(`unsupported value ${JSON.stringify(rule?.action)}: supported values: ${actions.map((a) => `"${a}"`).join(', ')}`, {...location, field: `${field}.action`});
  }
  const peerField = direction === 'ingress' ? 'from' : 'to';
  const rawPeers = rule[peerField];
  if (!Array.isArray(rawPeers) || rawPeers.length === 0) throw new InputError('must contain at least one peer', {...location, field: `${field}.${peerField}`});
  const peers = rawPeers.map((peer, peerIndex) => compilePeer(peer, direction, {...location, field: `${field}.${peerField}[${peerIndex}]`}));
  const portsField = kind === 'ClusterNetworkPolicy' ? 'protocols' : 'ports';
  let ports: ClusterPort[] | undefined;
  if (rule[portsField] != null) {
    if (!Array.isArray(rule[portsField])) throw new InputError('must be a list', {...location, field: `${field}.${portsField}`});
    ports = rule[portsField].map((port: unknown, portIndex: number) => {
      const at = {...location, field: `${field}.${portsField}[${portIndex}]`};
      return kind === 'ClusterNetworkPolicy' ? compileProtocolMatch(port, at) : compileAdminPort(port, at);
    });
  }
  const action = rule.action === 'Accept' ? 'Allow' : rule.action as ClusterAction;
  return {index, name: typeof rule.name === 'string' && rule.name ? rule.name : undefined, action, written: rule.action, peers, ports};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compilePeer(peer: any, direction: 'ingress' | 'egress', location: InputLocation): ClusterPeer {
  const field = location.field!;
  if (!peer || typeof peer !== 'object') throw new InputError('a peer must be a mapping', location);
  const set = Object.keys(peer).filter((key) => peer[key] != null);
  if (set.length !== 1) {
    if (set.length === 0) return {kind: 'unsupported', text: 'an empty peer (an unknown field?)'};
    throw new InputError('exactly one of the peer fields must be set', location);
  }
  const key = set[0];
  if (key === 'namespaces') {
    const namespaceSelector = compileLabelSelector(peer.namespaces, {...location, field: `${field}.namespaces`});
    return {kind: 'pods', namespaceSelector, text: namespaceSelector.matchesAll ? 'pods in every namespace' : `pods in namespaces with ${namespaceSelector.text}`};
  }
  if (key === 'pods') {
    const namespaceSelector = compileLabelSelector(peer.pods.namespaceSelector ?? {}, {...location, field: `${field}.pods.namespaceSelector`});
    const podSelector = compileLabelSelector(peer.pods.podSelector ?? {}, {...location, field: `${field}.pods.podSelector`});
    return {kind: 'pods', namespaceSelector, podSelector, text: `pods with ${podSelector.text} in namespaces with ${namespaceSelector.text}`};
  }
  if (key === 'nodes' && direction === 'egress') {
    const nodeSelector = compileLabelSelector(peer.nodes, {...location, field: `${field}.nodes`});
    return {kind: 'nodes', nodeSelector, text: `nodes with ${nodeSelector.text}`};
  }
  if (key === 'networks' && direction === 'egress') {
    if (!Array.isArray(peer.networks)) throw new InputError('must be a list', {...location, field: `${field}.networks`});
    const networks = peer.networks.map((text: unknown, index: number) => {
      const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
      if (!parsed) throw new InputError(`invalid CIDR address: ${text}`, {...location, field: `${field}.networks[${index}]`});
      return parsed;
    });
    return {kind: 'networks', networks, text: `networks ${networks.map((cidr: Cidr) => cidr.text).join(', ')}`};
  }
  return {kind: 'unsupported', text: `${key} (not evaluated offline)`};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileAdminPort(port: any, location: InputLocation): ClusterPort {
  const field = location.field!;
  if (port?.portNumber) {
    const protocol = compileProtocol(port.portNumber.protocol, {...location, field: `${field}.portNumber.protocol`});
    const number = compilePortValue(port.portNumber.port, {...location, field: `${field}.portNumber.port`});
    if (typeof number !== 'number') throw new InputError('must be a number', {...location, field: `${field}.portNumber.port`});
    return {protocol, start: number, end: number, text: `${protocol} ${number}`};
  }
  if (port?.namedPort) {
    const name = compilePortValue(port.namedPort, {...location, field: `${field}.namedPort`});
    return {namedPort: String(name), text: `port ${name}`};
  }
  if (port?.portRange) {
    return compileRange(port.portRange, compileProtocol(port.portRange.protocol, {...location, field: `${field}.portRange.protocol`}), {...location, field: `${field}.portRange`});
  }
  throw new InputError('exactly one of portNumber, namedPort or portRange must be set', location);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileProtocolMatch(match: any, location: InputLocation): ClusterPort {
  const field = location.field!;
  if (match?.destinationNamedPort) {
    const name = compilePortValue(match.destinationNamedPort, {...location, field: `${field}.destinationNamedPort`});
    return {namedPort: String(name), text: `port ${name}`};
  }
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const entry = match?.[protocol.toLowerCase()];
    if (entry == null) continue;
    const destination = entry.destinationPort;
    if (destination == null) return {protocol, text: `any ${protocol} port`};
    if (destination.range) return compileRange(destination.range, protocol, {...location, field: `${field}.${protocol.toLowerCase()}.destinationPort.range`});
    const number = compilePortValue(destination.number, {...location, field: `${field}.${protocol.toLowerCase()}.destinationPort.number`});
    if (typeof number !== 'number') throw new InputError('must be a number', location);
    return {protocol, start: number, end: number, text: `${protocol} ${number}`};
  }
  throw new InputError('exactly one of tcp, udp, sctp or destinationNamedPort must be set', location);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileRange(range: any, protocol: Protocol, location: InputLocation): ClusterPort {
  const start = compilePortValue(range.start, {...location, field: `${location.field}.start`});
  const end = compilePortValue(range.end, {...location, field: `${location.field}.end`});
  if (typeof start !== 'number' || typeof end !== 'number' || end < start) throw new InputError('start and end must be port numbers with start <= end', location);
  return {protocol, start, end, text: `${protocol} ${start}-${end}`};
}
