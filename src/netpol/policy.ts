// NetworkPolicy (networking.k8s.io/v1) validated and compiled once, as the API server would
// accept it and as staging/src/k8s.io/api/networking/v1/types.go defines its meaning:
// - policyTypes, when omitted, is Ingress plus Egress if spec.egress has at least one rule;
// - a rule's absent or empty `from`/`to` matches every peer, absent or empty `ports` every port;
// - podSelector and namespaceSelector in one peer are ANDed; separate peers are ORed;
// - a peer's podSelector alone means pods in the policy's namespace;
// - protocol defaults to TCP; endPort needs a numeric port.

import {InputError, type InputLocation} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';
import {compileLabelSelector, type CompiledSelector} from '../kube/selector.ts';
import {cidrContainsCidr, parseCidr, type IpBlockMatcher} from './ip.ts';
import {protocols, type Protocol} from './types.ts';

export interface PodsPeer {
  kind: 'pods';
  /** undefined: every pod of the selected namespaces. */
  podSelector?: CompiledSelector;
  /** undefined: the policy's own namespace only. */
  namespaceSelector?: CompiledSelector;
  text: string;
}

export interface IpBlockPeer extends IpBlockMatcher {
  kind: 'ipBlock';
  text: string;
}

export type Peer = PodsPeer | IpBlockPeer;

export interface PolicyPort {
  protocol: Protocol;
  /** undefined: every port of this protocol. */
  port?: number | string;
  endPort?: number;
  text: string;
}

export interface PolicyRule {
  index: number;
  /** undefined: every peer (absent or empty list). */
  peers?: Peer[];
  /** undefined: every port (absent or empty list). */
  ports?: PolicyPort[];
}

export interface CompiledNetworkPolicy {
  /** `ns/name` */
  ref: string;
  namespace: string;
  name: string;
  podSelector: CompiledSelector;
  /** Set when the policy isolates for ingress (policyTypes), with its rules (maybe none). */
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

const portNamePattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function compileNetworkPolicy(object: KubeObject, location: InputLocation = {}): CompiledNetworkPolicy {
  const namespace = object.metadata.namespace ?? 'default';
  const name = object.metadata.name;
  const spec = object.spec ?? {};
  const at = (field: string): InputLocation => ({...location, field});
  if (spec.podSelector === undefined || spec.podSelector === null) {
    // The API requires podSelector; kubectl users write `{}` for all pods.
    throw new InputError('spec.podSelector is required (use {} to select every pod in the namespace)', at('spec.podSelector'));
  }
  const podSelector = compileLabelSelector(spec.podSelector, at('spec.podSelector'));
  const ingressRules = listOf(spec.ingress, at('spec.ingress'));
  const egressRules = listOf(spec.egress, at('spec.egress'));
  let types: string[];
  if (spec.policyTypes === undefined || spec.policyTypes === null || (Array.isArray(spec.policyTypes) && spec.policyTypes.length === 0)) {
    types = ['Ingress', ...(egressRules.length > 0 ? ['Egress'] : [])];
  } else {
    types = listOf(spec.policyTypes, at('spec.policyTypes')) as string[];
    types.forEach((type, index) => {
      if (type !== 'Ingress' && type !== 'Egress') {
        throw new InputError(`unsupported value "${type}": supported values: "Ingress", "Egress"`, at(`spec.policyTypes[${index}]`));
      }
    });
  }
  const compiled: CompiledNetworkPolicy = {ref: `${namespace}/${name}`, namespace, name, podSelector};
  // Rules are compiled even for a direction the policy does not isolate, to validate them;
  // they have no effect there (the API keeps them, the data path ignores them).
  const ingress = ingressRules.map((rule, index) => compileRule(rule, index, 'from', at(`spec.ingress[${index}]`)));
  const egress = egressRules.map((rule, index) => compileRule(rule, index, 'to', at(`spec.egress[${index}]`)));
  if (types.includes('Ingress')) compiled.ingress = ingress;
  if (types.includes('Egress')) compiled.egress = egress;
  return compiled;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function listOf(value: unknown, location: InputLocation): any[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError('must be a list', location);
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compileRule(rule: any, index: number, peerField: 'from' | 'to', location: InputLocation): PolicyRule {
  if (rule === null || typeof rule !== 'object') return {index};
  const field = location.field!;
  const peers = listOf(rule[peerField], {...location, field: `${field}.${peerField}`})
    .map((peer, peerIndex) => compilePeer(peer, {...location, field: `${field}.${peerField}[${peerIndex}]`}));
  const ports = listOf(rule.ports, {...location, field: `${field}.ports`})
    .map((port, portIndex) => compilePort(port, {...location, field: `${field}.ports[${portIndex}]`}));
  return {index, peers: peers.length > 0 ? peers : undefined, ports: ports.length > 0 ? ports : undefined};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compilePeer(peer: any, location: InputLocation): Peer {
  const field = location.field!;
  if (peer === null || typeof peer !== 'object') throw new InputError('a peer must be a mapping', location);
  const hasSelectors = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock != null) {
    if (hasSelectors) throw new InputError('may not specify more than 1 peer type (ipBlock with a selector)', location);
    return {kind: 'ipBlock', ...compileIpBlock(peer.ipBlock, {...location, field: `${field}.ipBlock`})};
  }
  if (!hasSelectors) throw new InputError('must specify a peer (podSelector, namespaceSelector or ipBlock)', location);
  const podSelector = peer.podSelector != null ? compileLabelSelector(peer.podSelector, {...location, field: `${field}.podSelector`}) : undefined;
  const namespaceSelector = peer.namespaceSelector != null ? compileLabelSelector(peer.namespaceSelector, {...location, field: `${field}.namespaceSelector`}) : undefined;
  return {kind: 'pods', podSelector, namespaceSelector, text: podsPeerText(podSelector, namespaceSelector)};
}

/** One peer in words: its selectors are ANDed, so one phrase ("pods with app=a in every namespace"). */
export function podsPeerText(podSelector: CompiledSelector | undefined, namespaceSelector: CompiledSelector | undefined): string {
  const which = podSelector && !podSelector.matchesAll ? `pods with ${podSelector.text}` : undefined;
  if (!namespaceSelector) return which ?? 'every pod in the policy\'s namespace';
  const where = namespaceSelector.matchesAll ? 'every namespace' : `namespaces with ${namespaceSelector.text}`;
  return `${which ?? 'pods'} in ${where}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function compileIpBlock(block: any, location: InputLocation): IpBlockMatcher & {text: string} {
  const field = location.field!;
  if (typeof block !== 'object' || typeof block.cidr !== 'string') throw new InputError('cidr is required', {...location, field: `${field}.cidr`});
  const cidr = parseCidr(block.cidr);
  if (!cidr) throw new InputError(`invalid CIDR address: ${block.cidr}`, {...location, field: `${field}.cidr`});
  const except = listOf(block.except, {...location, field: `${field}.except`}).map((text, index) => {
    const at = {...location, field: `${field}.except[${index}]`};
    const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
    if (!parsed) throw new InputError(`invalid CIDR address: ${text}`, at);
    if (!cidrContainsCidr(cidr, parsed)) throw new InputError(`must be a strict subset of \`cidr\` ${block.cidr}`, at);
    return parsed;
  });
  const text = `ipBlock ${cidr.text}${except.length ? ` except ${except.map((item) => item.text).join(', ')}` : ''}`;
  return {cidr, except, text};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function compilePort(port: any, location: InputLocation): PolicyPort {
  const field = location.field!;
  if (port === null || typeof port !== 'object') throw new InputError('a port must be a mapping', location);
  const protocol = compileProtocol(port.protocol, {...location, field: `${field}.protocol`});
  const compiled: PolicyPort = {protocol, text: ''};
  if (port.port !== undefined && port.port !== null) {
    compiled.port = compilePortValue(port.port, {...location, field: `${field}.port`});
  }
  if (port.endPort !== undefined && port.endPort !== null) {
    const at = {...location, field: `${field}.endPort`};
    if (typeof compiled.port !== 'number') throw new InputError('may not be specified when `port` is not a number', at);
    if (!Number.isInteger(port.endPort) || port.endPort < 1 || port.endPort > 65535) throw new InputError('must be between 1 and 65535, inclusive', at);
    if (port.endPort < compiled.port) throw new InputError('must be greater than or equal to `port`', at);
    compiled.endPort = port.endPort;
  }
  compiled.text = compiled.port === undefined ? `any ${protocol} port`
    : compiled.endPort !== undefined ? `${protocol} ${compiled.port}-${compiled.endPort}` : `${protocol} ${compiled.port}`;
  return compiled;
}

export function compileProtocol(value: unknown, location: InputLocation): Protocol {
  if (value === undefined || value === null) return 'TCP';
  if (typeof value !== 'string' || !protocols.includes(value as Protocol)) {
    throw new InputError(`unsupported value ${JSON.stringify(value)}: supported values: "SCTP", "TCP", "UDP"`, location);
  }
  return value as Protocol;
}

/** A port as an int-or-string: a number 1-65535 or an IANA service name (a container port name). */
export function compilePortValue(value: unknown, location: InputLocation): number | string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new InputError('must be between 1 and 65535, inclusive', location);
    return value;
  }
  if (typeof value === 'string') {
    if (/^[0-9]+$/.test(value)) return compilePortValue(Number(value), location);
    if (value.length > 15 || !portNamePattern.test(value) || !/[a-z]/.test(value) || value.includes('--')) {
      throw new InputError(`"${value}" is not a valid port name (IANA_SVC_NAME: at most 15 lower-case alphanumerics or '-', with a letter)`, location);
    }
    return value;
  }
  throw new InputError('must be a port number or name', location);
}
