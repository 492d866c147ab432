// `netpol explain`: what each policy selects and allows, in plain words, and warnings for
// mistakes that bite: a policy selecting no pod, a peer matching nothing, a named port no
// pod exposes, a namespaceSelector on labels no namespace has, egress isolation that blocks
// DNS, and rules made redundant by others.

import type {CompiledSelector} from '../kube/selector.ts';
import {Evaluator, policyPortMatches} from './evaluate.ts';
import {cniNotes} from './matrix.ts';
import type {CompiledNetworkPolicy, Peer, PolicyRule} from './policy.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {PodEndpoint} from './types.ts';

export type WarningKind = 'selects-no-pod' | 'peer-matches-nothing' | 'named-port-missing' | 'namespace-label-missing' | 'blocks-dns' | 'redundant-rule';

export interface PolicyWarning {
  policy: string;
  kind: WarningKind;
  message: string;
}

export interface PolicyExplanation {
  policy: string;
  kind: string;
  /** Pods the policy selects (ids). */
  selects: string[];
  /** Plain-word lines: what it selects, isolates, and each rule. */
  description: string[];
  warnings: PolicyWarning[];
}

export interface ExplainAnswer {
  policies: PolicyExplanation[];
  warnings: PolicyWarning[];
  notes?: string[];
}

export function explainPolicies(snapshot: NetpolSnapshot, filter: {namespace?: string; name?: string} = {}): ExplainAnswer {
  const evaluator = new Evaluator(snapshot);
  const policies = snapshot.policies.filter((policy) =>
    (filter.namespace === undefined || policy.namespace === filter.namespace) && (filter.name === undefined || policy.name === filter.name));
  const explanations = policies.map((policy) => explainOne(snapshot, evaluator, policy));
  if (filter.namespace === undefined || filter.name === undefined) {
    for (const policy of [...snapshot.adminPolicies, ...snapshot.baselinePolicies]) {
      if (filter.name !== undefined && policy.name !== filter.name) continue;
      const selects = snapshot.pods.filter((pod) => !pod.hostNetwork && policy.subject.namespaceSelector.matches(evaluator.namespaceLabels(pod.namespace)) &&
        (policy.subject.podSelector === undefined || policy.subject.podSelector.matches(pod.labels))).map((pod) => pod.id);
      const description = [`${policy.tier} tier, priority ${policy.priority}: applies to ${policy.subject.podSelector ? `pods with ${policy.subject.podSelector.text} in ` : 'every pod of '}namespaces with ${policy.subject.namespaceSelector.text} (${count(selects.length, 'pod')})`];
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of policy[direction]) {
          description.push(`${direction} rule ${rule.index}${rule.name ? ` (${rule.name})` : ''}: ${rule.written} ${direction === 'ingress' ? 'from' : 'to'} ${rule.peers.map((peer) => peer.text).join(' or ')} on ${rule.ports ? rule.ports.map((port) => port.text).join(', ') : 'any port'}`);
        }
      }
      explanations.push({policy: policy.ref, kind: policy.kind, selects, description, warnings: selects.length === 0 ? [{policy: policy.ref, kind: 'selects-no-pod', message: `${policy.ref} applies to no pod`}] : []});
    }
  }
  const notes = cniNotes(snapshot);
  return {policies: explanations, warnings: explanations.flatMap((item) => item.warnings), ...(notes.length ? {notes} : {})};
}

function explainOne(snapshot: NetpolSnapshot, evaluator: Evaluator, policy: CompiledNetworkPolicy): PolicyExplanation {
  const warnings: PolicyWarning[] = [];
  const warn = (kind: WarningKind, message: string) => warnings.push({policy: policy.ref, kind, message});
  const selected = snapshot.pods.filter((pod) => !pod.hostNetwork && pod.namespace === policy.namespace && policy.podSelector.matches(pod.labels));
  const description: string[] = [];
  const who = policy.podSelector.matchesAll ? `every pod in ${policy.namespace}` : `pods with ${policy.podSelector.text} in ${policy.namespace}`;
  description.push(`selects ${who}: ${selected.length === 0 ? 'none right now' : listPods(selected)}`);
  if (selected.length === 0) warn('selects-no-pod', `${policy.ref} selects no pod (podSelector ${policy.podSelector.text})`);
  for (const direction of ['ingress', 'egress'] as const) {
    const rules = policy[direction];
    if (!rules) continue;
    if (rules.length === 0) {
      description.push(`isolates ${direction} and admits nothing: ${direction === 'ingress' ? 'no pod may connect to them' : 'they may connect nowhere'} unless another policy allows it`);
      continue;
    }
    description.push(`isolates ${direction}; admits only what these rules (or other policies selecting the same pods) allow:`);
    for (const rule of rules) {
      description.push(`  ${direction} rule ${rule.index}: ${direction === 'ingress' ? 'from' : 'to'} ${rule.peers ? rule.peers.map((peer) => peerWords(peer, policy.namespace)).join(', or ') : 'anywhere'} on ${rule.ports ? rule.ports.map((port) => port.text).join(', ') : 'any port'}`);
      checkPeers(snapshot, evaluator, policy, rule, direction, warn);
      checkNamedPorts(snapshot, evaluator, policy, rule, direction, selected, warn);
    }
    checkRedundant(policy, rules, direction, warn);
  }
  if (policy.egress) checkDns(snapshot, evaluator, policy, selected, warn);
  return {policy: policy.ref, kind: 'NetworkPolicy', selects: selected.map((pod) => pod.id), description, warnings};
}

function peerWords(peer: Peer, namespace: string): string {
  if (peer.kind === 'ipBlock') return peer.text;
  if (!peer.namespaceSelector) return peer.podSelector!.matchesAll ? `every pod in ${namespace}` : `pods with ${peer.podSelector!.text} in ${namespace}`;
  return peer.text;
}

function listPods(pods: PodEndpoint[]): string {
  const names = pods.slice(0, 5).map((pod) => pod.id).join(', ');
  return pods.length > 5 ? `${names} and ${pods.length - 5} more` : names;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

function checkPeers(snapshot: NetpolSnapshot, evaluator: Evaluator, policy: CompiledNetworkPolicy, rule: PolicyRule, direction: string,
  warn: (kind: WarningKind, message: string) => void): void {
  for (const [index, peer] of (rule.peers ?? []).entries()) {
    if (peer.kind !== 'pods') continue;
    const where = `${direction} rule ${rule.index} peer ${index}`;
    if (peer.namespaceSelector && !peer.namespaceSelector.matchesAll) {
      const namespaces = [...snapshot.namespaces.values()];
      if (!namespaces.some((namespace) => peer.namespaceSelector!.matches(namespace.labels))) {
        const missing = missingKeys(peer.namespaceSelector, namespaces.map((namespace) => namespace.labels));
        warn('namespace-label-missing', `${policy.ref} ${where}: namespaceSelector ${peer.namespaceSelector.text} matches no namespace${missing.length ? ` (no namespace has the label${missing.length > 1 ? 's' : ''} ${missing.join(', ')})` : ''}`);
        continue;
      }
    }
    if (!snapshot.pods.some((pod) => evaluator.peerMatches(peer, policy.namespace, pod))) {
      warn('peer-matches-nothing', `${policy.ref} ${where}: ${peerWords(peer, policy.namespace)} matches no pod`);
    }
  }
}

function missingKeys(selector: CompiledSelector, labelSets: Record<string, string>[]): string[] {
  return selector.requirements
    .filter((requirement) => requirement.operator === 'In' || requirement.operator === 'Exists')
    .map((requirement) => requirement.key)
    .filter((key) => !labelSets.some((labels) => Object.prototype.hasOwnProperty.call(labels, key)));
}

function checkNamedPorts(snapshot: NetpolSnapshot, evaluator: Evaluator, policy: CompiledNetworkPolicy, rule: PolicyRule, direction: 'ingress' | 'egress',
  selected: PodEndpoint[], warn: (kind: WarningKind, message: string) => void): void {
  for (const port of rule.ports ?? []) {
    if (typeof port.port !== 'string') continue;
    // Ingress: the selected pods are the destinations; egress: the pods the rule may reach.
    const destinations = direction === 'ingress' ? selected
      : snapshot.pods.filter((pod) => !rule.peers || rule.peers.some((peer) => evaluator.peerMatches(peer, policy.namespace, pod)));
    const exposes = destinations.some((pod) => pod.ports.some((containerPort) => containerPort.name === port.port && containerPort.protocol === port.protocol));
    if (!exposes) {
      warn('named-port-missing', `${policy.ref} ${direction} rule ${rule.index}: no ${direction === 'ingress' ? 'selected' : 'destination'} pod exposes a ${port.protocol} container port named "${port.port}", so this port admits nothing`);
    }
  }
}

/** A rule is redundant when another rule of the policy admits every peer and port it does. */
function checkRedundant(policy: CompiledNetworkPolicy, rules: PolicyRule[], direction: string, warn: (kind: WarningKind, message: string) => void): void {
  const covers = <T extends {text: string}>(wide: T[] | undefined, narrow: T[] | undefined) =>
    wide === undefined || (narrow !== undefined && narrow.every((item) => wide.some((other) => other.text === item.text)));
  for (const rule of rules) {
    const by = rules.find((other) => other !== rule && covers(other.peers, rule.peers) && covers(other.ports, rule.ports) &&
      // Identical rules: report only the later one.
      !(covers(rule.peers, other.peers) && covers(rule.ports, other.ports) && other.index > rule.index));
    if (by) warn('redundant-rule', `${policy.ref} ${direction} rule ${rule.index} is redundant: rule ${by.index} already admits every peer and port it does`);
  }
}

function checkDns(snapshot: NetpolSnapshot, evaluator: Evaluator, policy: CompiledNetworkPolicy, selected: PodEndpoint[], warn: (kind: WarningKind, message: string) => void): void {
  const dnsPods = snapshot.pods.filter((pod) => pod.labels['k8s-app'] === 'kube-dns' || pod.labels['k8s-app'] === 'coredns');
  const blocked = selected.filter((pod) => {
    if (dnsPods.length > 0) return !dnsPods.some((dns) => egressAllows(evaluator, pod, dns));
    // No DNS pods in the input: some egress rule must admit UDP 53 to a peer that can be the
    // cluster DNS, which lives in kube-system: not a podSelector confined to another namespace.
    return !evaluator.policiesSelecting(pod).egress.some((item) => item.egress!.some((rule) =>
      (!rule.ports || rule.ports.some((port) => policyPortMatches(port, {number: 53, protocol: 'UDP'}, {kind: 'external', id: 'dns', ip: '0.0.0.0'}))) &&
      (!rule.peers || item.namespace === 'kube-system' || rule.peers.some((peer) => peer.kind === 'ipBlock' || peer.namespaceSelector !== undefined))));
  });
  if (blocked.length > 0) {
    warn('blocks-dns', `${policy.ref} isolates egress of ${listPods(blocked)} and no egress rule of the policies selecting ${blocked.length === 1 ? 'it' : 'them'} admits DNS (UDP 53${dnsPods.length ? ` to ${dnsPods[0].namespace}/${dnsPods[0].labels['k8s-app']}` : ''}): name lookups will fail`);
  }
}

function egressAllows(evaluator: Evaluator, pod: PodEndpoint, dns: PodEndpoint): boolean {
  return evaluator.decide(pod, dns, dns, {number: 53, protocol: 'UDP'}, 'egress').allowed;
}
