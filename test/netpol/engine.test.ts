// The engine beyond the e2e truth tables: the examples' tutorial, services and named target
// ports, workload template pods, host networking, outside IPs, pods and their own node,
// CNI-specific kinds, bad input, explain warnings and diff.

import {join} from 'node:path';
import type {KubeObject} from '../../src/cluster/types.ts';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import {InputError} from '../../src/errors.ts';
import {testConnectivity, type ConnectivityQuestion} from '../../src/netpol/connectivity.ts';
import {diffReachability, overlay} from '../../src/netpol/diff.ts';
import {explainPolicies} from '../../src/netpol/explain.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import {egressOnly, ingressOnly, modelObjects, networkPolicy} from './model.ts';

const tutorial = join(import.meta.dirname, '../../examples/netpol-tutorial');

function ask(objects: KubeObject[], question: ConnectivityQuestion, offline = true) {
  return testConnectivity(buildSnapshot(objects, {offline}), [question], 'default');
}

describe('examples/netpol-tutorial: frontend -> backend -> database', () => {
  const objects = ManifestSource.fromPaths([tutorial]).allObjects();
  test.each([
    ['frontend to backend (service, named targetPort)', 'shop/frontend', 'shop/svc/backend', undefined, true],
    ['frontend to backend pod on api', 'shop/frontend', 'shop/backend', 'api', true],
    ['backend to database', 'shop/backend', 'shop/database', 5432, true],
    ['frontend to database skips a tier', 'shop/frontend', 'shop/database', 5432, false],
    ['backend to frontend (reverse)', 'shop/backend', 'shop/frontend', 80, false],
    ['database to backend (reverse)', 'shop/database', 'shop/backend', 'api', false],
    ['outside host to frontend', '203.0.113.7', 'shop/frontend', 80, false],
  ] as const)('%s', (_name, from, to, port, allowed) => {
    const answer = ask(objects, {from, to, port});
    expect(answer.results.length).toBeGreaterThan(0);
    for (const result of answer.results) expect([result.from, result.to, result.allowed]).toEqual([result.from, result.to, allowed]);
  });

  test('reasons name the isolating policies and the admitting rule', () => {
    const [result] = ask(objects, {from: 'shop/frontend', to: 'shop/backend', port: 'api'}).results;
    expect(result.ingress.isolated).toBe(true);
    expect(result.ingress.policies).toContain('shop/default-deny-ingress');
    expect(result.ingress.matchedBy).toEqual([expect.objectContaining({policy: 'shop/allow-frontend-to-backend', rule: 0})]);
    expect(result.ingress.reason).toMatch(/rule 0 of shop\/allow-frontend-to-backend admits shop\/frontend/);
    const [denied] = ask(objects, {from: 'shop/frontend', to: 'shop/database', port: 5432}).results;
    expect(denied.ingress.reason).toMatch(/isolated for ingress by .*no rule/);
  });
});

describe('endpoints', () => {
  const base = modelObjects({pods: ['x/a', 'y/a'], protocols: ['TCP']});
  const denyX = networkPolicy('x', 'deny-all', {}, {ingress: [], egress: [], policyTypes: ['Ingress', 'Egress']});

  test('a pod always reaches itself, whatever the policies', () => {
    const [result] = ask([...base, denyX], {from: 'x/a', to: 'x/a', port: 80}).results;
    expect(result.allowed).toBe(true);
    expect(result.always).toMatch(/itself/);
  });

  test('a pod and its own node always talk', () => {
    const [out] = ask([...base, denyX], {from: 'x/a', to: '192.168.0.1', port: 10250}).results;
    expect(out.allowed).toBe(true);
    expect(out.always).toMatch(/node/);
    const [inbound] = ask([...base, denyX], {from: '192.168.0.1', to: 'x/a', port: 80}).results;
    expect(inbound.allowed).toBe(true);
  });

  test('outside IPs: only ipBlock peers admit them; their own egress is not governed', () => {
    const allowBlock = networkPolicy('x', 'from-office', {}, ingressOnly({from: [{ipBlock: {cidr: '203.0.113.0/24', except: ['203.0.113.128/25']}}]}));
    expect(ask([...base, allowBlock], {from: '203.0.113.5', to: 'x/a', port: 80}).results[0].allowed).toBe(true);
    expect(ask([...base, allowBlock], {from: '203.0.113.200', to: 'x/a', port: 80}).results[0].allowed).toBe(false);
    expect(ask([...base, allowBlock], {from: 'y/a', to: 'x/a', port: 80}).results[0].allowed).toBe(false);
    const [egress] = ask([...base, networkPolicy('x', 'egress-v6', {}, egressOnly({to: [{ipBlock: {cidr: '2001:db8::/32'}}]}))], {from: 'x/a', to: '2001:db8::10', port: 443}).results;
    expect(egress.allowed).toBe(true);
    expect(egress.egress.matchedBy[0]).toMatchObject({policy: 'x/egress-v6', rule: 0});
  });

  test('host-network pods are not subject to policies and not selected as pod peers', () => {
    const host: KubeObject = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'agent', namespace: 'y', labels: {pod: 'agent'}},
      spec: {hostNetwork: true, nodeName: 'node-2', containers: [{name: 'c', ports: [{containerPort: 80}]}]}, status: {phase: 'Running', hostIP: '192.168.0.2', podIP: '192.168.0.2'}};
    const onlyFromAgent = networkPolicy('x', 'only-agent', {}, ingressOnly({from: [{namespaceSelector: {}, podSelector: {matchLabels: {pod: 'agent'}}}]}));
    const objects = [...base, host, onlyFromAgent, networkPolicy('y', 'deny', {}, ingressOnly())];
    expect(ask(objects, {from: 'y/agent', to: 'x/a', port: 80}).results[0].allowed).toBe(false);
    const [toHost] = ask(objects, {from: 'x/a', to: 'y/agent', port: 80}).results;
    expect(toHost.allowed).toBe(true);
    expect(toHost.ingress.tier).toBe('exempt');
  });

  test('offline, a workload without pods stands for a template pod named NS/KIND/NAME', () => {
    const deployment: KubeObject = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'api', namespace: 'x'},
      spec: {template: {metadata: {labels: {pod: 'a', role: 'api'}}, spec: {containers: [{name: 'api', ports: [{name: 'http', containerPort: 8080}]}]}}}};
    const snapshot = buildSnapshot([deployment, denyX], {offline: true});
    expect(snapshot.pods.map((pod) => pod.id)).toEqual(['x/deployment/api']);
    expect(buildSnapshot([deployment], {offline: false}).pods).toEqual([]);
    const answer = testConnectivity(buildSnapshot([...base, deployment, networkPolicy('x', 'api-in', {matchLabels: {role: 'api'}}, ingressOnly({ports: [{port: 'http'}]}))], {offline: true}),
      [{from: 'y/a', to: 'x/deploy/api', port: 'http'}, {from: 'y/a', to: 'x/deployment/api', port: 9090}], 'default');
    expect(answer.results.map((result) => [result.to, result.port, result.allowed])).toEqual([['x/deployment/api', 8080, true], ['x/deployment/api', 9090, false]]);
  });

  test('a workload with pods stands for its pods, found through owner references', () => {
    const objects = ManifestSource.fromPaths([tutorial]).allObjects();
    const snapshot = buildSnapshot(objects, {offline: true});
    expect(() => testConnectivity(snapshot, [{from: 'shop/deploy/nothing', to: 'shop/frontend', port: 80}], 'default')).toThrow(/no pods/);
  });

  test('a service resolves to its pods and targetPort; A/B reads KIND/NAME when A is a kind', () => {
    expect(() => ask(base, {from: 'x/a', to: 'svc/s-y-a', port: 80})).toThrow('service "s-y-a" not found in namespace "default"');
    const answer = testConnectivity(buildSnapshot([...base, networkPolicy('y', 'only-81', {}, ingressOnly({ports: [{port: 'serve-81-tcp'}]}))], {offline: true}),
      [{from: 'x/a', to: 'svc/s-y-a'}], 'y');
    expect(answer.results.map((result) => [result.to, result.service, result.port, result.allowed])).toEqual([['y/a', 'y/s-y-a', 80, false], ['y/a', 'y/s-y-a', 81, true]]);
    expect(() => ask(base, {from: 'svc/s-y-a', to: 'x/a', port: 80})).toThrow(/--from cannot be a service/);
  });
});

describe('CNI-specific policies are reported, not evaluated', () => {
  test('every answer carries the note', () => {
    const cilium: KubeObject = {apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: {name: 'l7', namespace: 'x'}, spec: {}};
    const answer = ask([...modelObjects({pods: ['x/a', 'x/b'], protocols: ['TCP']}), cilium], {from: 'x/a', to: 'x/b', port: 80});
    expect(answer.notes?.[0]).toMatch(/CiliumNetworkPolicy x\/l7.*may change these verdicts/);
  });
});

describe('bad input is an InputError (exit 2) naming the field', () => {
  test.each([
    ['invalid selector operator', {podSelector: {matchExpressions: [{key: 'a', operator: 'Equal', values: ['b']}]}}, 'spec.podSelector.matchExpressions[0].operator'],
    ['unknown protocol', {podSelector: {}, ingress: [{ports: [{port: 80, protocol: 'ICMP'}]}]}, 'spec.ingress[0].ports[0].protocol'],
    ['endPort with a named port', {podSelector: {}, ingress: [{ports: [{port: 'http', endPort: 90}]}]}, 'spec.ingress[0].ports[0].endPort'],
    ['endPort below port', {podSelector: {}, egress: [{ports: [{port: 90, endPort: 80}]}]}, 'spec.egress[0].ports[0].endPort'],
    ['bad CIDR', {podSelector: {}, egress: [{to: [{ipBlock: {cidr: '10.0.0.0/33'}}]}]}, 'spec.egress[0].to[0].ipBlock.cidr'],
    ['except outside cidr', {podSelector: {}, egress: [{to: [{ipBlock: {cidr: '10.0.0.0/16', except: ['10.1.0.0/24']}}]}]}, 'spec.egress[0].to[0].ipBlock.except[0]'],
    ['ipBlock with a selector', {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: '10.0.0.0/8'}, podSelector: {}}]}]}, 'spec.ingress[0].from[0]'],
    ['bad policyType', {podSelector: {}, policyTypes: ['Inbound']}, 'spec.policyTypes[0]'],
  ])('%s', (_name, spec, field) => {
    const policy: KubeObject = {apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {name: 'bad', namespace: 'x'}, spec};
    const build = () => buildSnapshot([policy], {offline: true, locate: () => ({file: 'policy.yaml', document: 2})});
    expect(build).toThrow(InputError);
    expect(build).toThrow(`policy.yaml, document 2, field ${field}`);
  });
});

describe('policyTypes defaulting and empty versus absent', () => {
  const objects = modelObjects({pods: ['x/a', 'y/a'], protocols: ['TCP']});
  test.each([
    ['egress rules without policyTypes isolate egress too', {podSelector: {}, egress: [{ports: [{port: 81}]}]}, false],
    ['egress: [] without policyTypes isolates ingress only', {podSelector: {}, egress: []}, true],
    ['absent from admits everyone', {podSelector: {}, policyTypes: ['Egress'], egress: [{ports: [{port: 80}]}]}, true],
    ['empty to list admits everyone', {podSelector: {}, policyTypes: ['Egress'], egress: [{to: [], ports: []}]}, true],
  ])('%s', (_name, spec, allowed) => {
    const policy: KubeObject = {apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {name: 'p', namespace: 'x'}, spec};
    expect(ask([...objects, policy], {from: 'x/a', to: 'y/a', port: 80}).results[0].egress.allowed).toBe(allowed);
  });
});

describe('explain warnings', () => {
  const objects = [
    ...modelObjects({pods: ['x/a', 'x/b'], protocols: ['TCP']}),
    networkPolicy('x', 'selects-nothing', {matchLabels: {pod: 'zzz'}}, ingressOnly()),
    networkPolicy('x', 'ghost-peer', {}, ingressOnly({from: [{podSelector: {matchLabels: {pod: 'ghost'}}}]})),
    networkPolicy('x', 'bad-port-name', {}, ingressOnly({ports: [{port: 'https'}]})),
    networkPolicy('x', 'no-such-ns-label', {}, ingressOnly({from: [{namespaceSelector: {matchLabels: {team: 'blue'}}}]})),
    networkPolicy('x', 'egress-without-dns', {matchLabels: {pod: 'a'}}, egressOnly({to: [{podSelector: {}}], ports: [{port: 80}]})),
    networkPolicy('x', 'redundant', {}, ingressOnly({from: [{podSelector: {matchLabels: {pod: 'b'}}}], ports: [{port: 80}]}, {ports: [{port: 80}]})),
  ];
  const answer = explainPolicies(buildSnapshot(objects, {offline: true}), {namespace: 'x'});
  test.each([
    ['x/selects-nothing', 'selects-no-pod'],
    ['x/ghost-peer', 'peer-matches-nothing'],
    ['x/bad-port-name', 'named-port-missing'],
    ['x/no-such-ns-label', 'namespace-label-missing'],
    ['x/egress-without-dns', 'blocks-dns'],
    ['x/redundant', 'redundant-rule'],
  ])('%s: %s', (policy, kind) => {
    expect(answer.warnings).toContainEqual(expect.objectContaining({policy, kind}));
  });
  test('a clean policy has no warnings', () => {
    const clean = explainPolicies(buildSnapshot(ManifestSource.fromPaths([tutorial]).allObjects(), {offline: true}), {namespace: 'shop'});
    expect(clean.warnings).toEqual([]);
    expect(clean.policies.find((item) => item.policy === 'shop/default-deny-ingress')?.description.join('\n')).toMatch(/admits nothing/);
  });
});

describe('diff', () => {
  test('lists cut and opened flows by workload and port with reasons', () => {
    const base = modelObjects({pods: ['x/a', 'x/b', 'y/a'], protocols: ['TCP'], ports: [80]});
    const changed = [networkPolicy('x', 'deny', {}, ingressOnly({from: [{podSelector: {}}]}))];
    const before = buildSnapshot(base, {offline: true});
    const after = buildSnapshot(overlay(base, changed), {offline: true});
    const answer = diffReachability(before, after, () => true);
    // the declared port, then `*`: any other port (the policy's rule names no port)
    expect(answer.ports).toEqual([{port: 80, protocol: 'TCP'}, {port: '*', protocol: 'TCP'}]);
    expect(answer.changes.map((item) => [item.change, item.from, item.to, item.port, item.flows]))
      .toEqual([['cut', 'y/a', 'x/a', 80, 1], ['cut', 'y/a', 'x/a', '*', 1], ['cut', 'y/a', 'x/b', 80, 1], ['cut', 'y/a', 'x/b', '*', 1]]);
    expect(answer.changes[0].after.reason).toMatch(/isolated for ingress by x\/deny/);
    expect(answer.cut).toBe(4);
    const back = diffReachability(after, before, () => true);
    expect(back.opened).toBe(4);
    expect(back.cut).toBe(0);
  });
});
