// Cluster-wide tiers (kubernetes-sigs/network-policy-api: apis/v1alpha1 AdminNetworkPolicy and
// BaselineAdminNetworkPolicy, apis/v1alpha2 ClusterNetworkPolicy): admin tier first by priority,
// Pass hands over to NetworkPolicy, NetworkPolicy decides for the pods it isolates, baseline next.

import type {KubeObject} from '../../src/cluster/types.ts';
import {Evaluator} from '../../src/netpol/evaluate.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import {ingressOnly, modelObjects, networkPolicy} from './model.ts';
import {TruthTable} from './truth-table.ts';

const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
const ns = (name: string) => ({matchLabels: {'kubernetes.io/metadata.name': name}});
const anp = (name: string, priority: number, spec: object): KubeObject => ({apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: {name}, spec: {priority, ...spec}});
const banp = (spec: object): KubeObject => ({apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: {name: 'default'}, spec});
const cnp = (name: string, tier: string, priority: number, spec: object): KubeObject => ({apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: {name}, spec: {tier, priority, ...spec}});

const cases: [string, KubeObject[], (t: TruthTable) => void][] = [
  ['ANP Deny overrides a NetworkPolicy that allows', [
    anp('deny-y-to-x', 10, {subject: {namespaces: ns('x')}, ingress: [{action: 'Deny', from: [{namespaces: ns('y')}]}]}),
    networkPolicy('x', 'allow-all', {}, ingressOnly({})),
  ], (t) => t.expectPeer({namespace: 'y'}, {namespace: 'x'}, false)],
  ['ANP Allow overrides a NetworkPolicy default deny', [
    anp('allow-y-to-x', 10, {subject: {namespaces: ns('x')}, ingress: [{action: 'Allow', from: [{namespaces: ns('y')}]}]}),
    networkPolicy('x', 'deny', {}, ingressOnly()),
  ], (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x'}, false)],
  ['lower priority number wins', [
    anp('deny-later', 20, {subject: {namespaces: ns('x')}, ingress: [{action: 'Deny', from: [{namespaces: ns('y')}]}]}),
    anp('allow-first', 5, {subject: {namespaces: ns('x')}, ingress: [{action: 'Allow', from: [{namespaces: ns('y')}]}]}),
  ], () => {}],
  ['Pass hands over to NetworkPolicy, skipping later admin rules', [
    anp('pass', 1, {subject: {namespaces: ns('x')}, ingress: [{action: 'Pass', from: [{pods: {namespaceSelector: ns('y'), podSelector: {matchLabels: {pod: 'a'}}}}]}]}),
    anp('deny', 2, {subject: {namespaces: ns('x')}, ingress: [{action: 'Deny', from: [{namespaces: ns('y')}]}]}),
  ], (t) => t.expectPeer({namespace: 'y', pod: 'b'}, {namespace: 'x'}, false)],
  ['BANP applies only to pods no NetworkPolicy isolates', [
    banp({subject: {namespaces: {}}, ingress: [{action: 'Deny', from: [{namespaces: ns('y')}]}]}),
    networkPolicy('x', 'allow-to-a', {matchLabels: {pod: 'a'}}, ingressOnly({})),
  ], (t) => t.expectPeer({namespace: 'y'}, {namespace: 'y'}, false).expect('y/a', 'x/b', false).expect('y/b', 'x/b', false)],
  ['ANP ports: only the named protocol and port', [
    anp('deny-80', 1, {subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {pod: 'b'}}}}, ingress: [{action: 'Deny', from: [{namespaces: {}}], ports: [{portNumber: {protocol: 'TCP', port: 80}}]}]}),
  ], (t) => t.expectPeer({}, {pod: 'b'}, false)],
  ['ANP egress to networks', [
    anp('no-egress-to-y', 1, {subject: {namespaces: ns('x')}, egress: [{action: 'Deny', to: [{networks: ['10.2.0.0/16']}]}]}),
  ], (t) => t.expectPeer({namespace: 'x'}, {namespace: 'y'}, false)],
  ['ClusterNetworkPolicy Admin Accept and Baseline Deny', [
    cnp('accept-x-internal', 'Admin', 1, {subject: {namespaces: ns('x')}, ingress: [{action: 'Accept', from: [{namespaces: ns('x')}]}]}),
    cnp('baseline-deny', 'Baseline', 1, {subject: {namespaces: {}}, ingress: [{action: 'Deny', from: [{namespaces: {}}]}]}),
    networkPolicy('x', 'deny', {}, ingressOnly()),
  ], (t) => t.expectPeer({namespace: 'y'}, {}, false).expectPeer({namespace: 'x'}, {namespace: 'y'}, false)],
  ['ClusterNetworkPolicy protocols: tcp destinationPort range', [
    cnp('deny-range', 'Admin', 1, {subject: {namespaces: ns('y')}, ingress: [{action: 'Deny', from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 79, end: 80}}}}]}]}),
  ], (t) => t.expectPeer({}, {namespace: 'y'}, false)],
];

test.each(cases)('%s', (_name, policies, expectations) => {
  const snapshot = buildSnapshot([...modelObjects({pods, protocols: ['TCP']}), ...policies], {offline: true});
  const matrix = new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {port: 80, protocol: 'TCP'});
  const table = new TruthTable(pods, true);
  expectations(table);
  const index = new Map(snapshot.pods.map((pod, position) => [pod.id, position]));
  const diff = table.diff((from, to) => matrix.allowed(index.get(from)!, index.get(to)!));
  if (diff) throw new Error(diff);
  for (const from of snapshot.pods) {
    for (const to of snapshot.pods) {
      if (from !== to) expect(matrix.verdicts(from, to)[0].allowed).toBe(matrix.allowed(index.get(from.id)!, index.get(to.id)!));
    }
  }
});

test('the verdict names the deciding admin rule', () => {
  const snapshot = buildSnapshot([...modelObjects({pods, protocols: ['TCP']}),
    anp('deny-y-to-x', 10, {subject: {namespaces: ns('x')}, ingress: [{name: 'no-y', action: 'Deny', from: [{namespaces: ns('y')}]}]})], {offline: true});
  const evaluator = new Evaluator(snapshot);
  const [ya, xa] = [snapshot.pods.find((pod) => pod.id === 'y/a')!, snapshot.pods.find((pod) => pod.id === 'x/a')!];
  const verdict = evaluator.evaluate(ya, xa, {number: 80, protocol: 'TCP'});
  expect(verdict.ingress).toMatchObject({allowed: false, tier: 'admin', clusterRule: {policy: 'AdminNetworkPolicy/deny-y-to-x', rule: 0, name: 'no-y', action: 'Deny'}});
  expect(verdict.ingress.reason).toMatch(/rule 0 \(no-y\) of AdminNetworkPolicy\/deny-y-to-x \(admin tier\) denies it/);
});
