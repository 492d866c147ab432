// `netpol matrix` and `netpol diff` without --port: a pair is allowed when some port of the
// protocol is allowed (declared, named by a policy, or any other port), checked against every
// one of the 65,535 ports; pods that declare no container ports are the common case.

import type {KubeObject} from '../../src/cluster/types.ts';
import {diffReachability} from '../../src/netpol/diff.ts';
import {Evaluator, resolvePort} from '../../src/netpol/evaluate.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {candidatePorts, type PortInterval} from '../../src/netpol/ports.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import type {Protocol} from '../../src/netpol/types.ts';
import {egressOnly, ingressOnly, networkPolicy} from './model.ts';

type Port = {containerPort: number; name?: string; protocol?: string};

function pod(name: string, ports: Port[] = []): KubeObject {
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'demo', labels: {app: name}},
    spec: {containers: [{name: 'c', image: 'busybox', ...(ports.length ? {ports} : {})}]}};
}

const namespace: KubeObject = {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'demo'}};
const from = (app: string) => [{podSelector: {matchLabels: {app}}}];
const to = (app: string) => ({matchLabels: {app}});
const anp = (name: string, spec: object): KubeObject => ({apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: {name}, spec: {priority: 1, ...spec}});
const everywhere = {namespaces: {}};

// name, destination's declared ports, policies, protocol, src -> dst allowed on some port
const cases: [string, Port[], KubeObject[], Protocol, boolean][] = [
  ['no declared ports, policy allows 80 from src (the reported case)', [], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src'), ports: [{port: 80}]}))], 'TCP', true],
  ['no declared ports, deny-all ingress', [], [networkPolicy('demo', 'p', to('dst'), ingressOnly())], 'TCP', false],
  ['no declared ports, a rule without ports from src: any other port', [], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src')}))], 'TCP', true],
  ['no declared ports, policy allows 80 from another pod only', [], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('other'), ports: [{port: 80}]}))], 'TCP', false],
  ['declares 8080, policy allows only 80: 80 counts though undeclared', [{containerPort: 8080}], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src'), ports: [{port: 80}]}))], 'TCP', true],
  ['policy names TCP 80, matrix asks about UDP', [], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src'), ports: [{port: 80}]}))], 'UDP', false],
  ['egress allows 80 only, ingress 81 only: no common port', [], [
    networkPolicy('demo', 'e', to('src'), egressOnly({ports: [{port: 80}]})),
    networkPolicy('demo', 'i', to('dst'), ingressOnly({ports: [{port: 81}]})),
  ], 'TCP', false],
  ['egress allows 80-90, ingress 85: inside the range', [], [
    networkPolicy('demo', 'e', to('src'), egressOnly({ports: [{port: 80, endPort: 90}]})),
    networkPolicy('demo', 'i', to('dst'), ingressOnly({ports: [{port: 85}]})),
  ], 'TCP', true],
  ['egress allows 85-95, ingress 80-90: ranges overlap from 85', [], [
    networkPolicy('demo', 'e', to('src'), egressOnly({ports: [{port: 85, endPort: 95}]})),
    networkPolicy('demo', 'i', to('dst'), ingressOnly({ports: [{port: 80, endPort: 90}]})),
  ], 'TCP', true],
  ['named port the destination declares', [{containerPort: 8080, name: 'http'}], [networkPolicy('demo', 'p', to('dst'), ingressOnly({ports: [{port: 'http'}]}))], 'TCP', true],
  ['named port the destination does not declare', [{containerPort: 8080, name: 'web'}], [networkPolicy('demo', 'p', to('dst'), ingressOnly({ports: [{port: 'http'}]}))], 'TCP', false],
  ['egress only to UDP 53, asking about TCP', [], [networkPolicy('demo', 'e', to('src'), egressOnly({ports: [{port: 53, protocol: 'UDP'}]}))], 'TCP', false],
  ['admin tier denies 80-85, NetworkPolicy allows 80-90: 86 gets through', [], [
    anp('deny-low', {subject: everywhere, ingress: [{action: 'Deny', from: [everywhere], ports: [{portRange: {protocol: 'TCP', start: 80, end: 85}}]}]}),
    networkPolicy('demo', 'i', to('dst'), ingressOnly({ports: [{port: 80, endPort: 90}]})),
  ], 'TCP', true],
  ['admin tier denies every TCP port', [], [
    anp('deny-all', {subject: everywhere, ingress: [{action: 'Deny', from: [everywhere], ports: [{portRange: {protocol: 'TCP', start: 1, end: 65535}}]}]}),
  ], 'TCP', false],
  ['admin tier denies 80, no NetworkPolicy: other ports open', [], [
    anp('deny-80', {subject: everywhere, ingress: [{action: 'Deny', from: [everywhere], ports: [{portNumber: {protocol: 'TCP', port: 80}}]}]}),
  ], 'TCP', true],
];

function build(destinationPorts: Port[], policies: KubeObject[]) {
  return buildSnapshot([namespace, pod('src'), pod('dst', destinationPorts), pod('other'), ...policies], {offline: true});
}

describe('matrix without a port: allowed when some port is', () => {
  test.each(cases)('%s', (_name, destinationPorts, policies, protocol, allowed) => {
    const snapshot = build(destinationPorts, policies);
    const evaluator = new Evaluator(snapshot);
    const matrix = new ReachabilityMatrix(evaluator, snapshot.pods, {protocol});
    const index = (id: string) => snapshot.pods.findIndex((item) => item.id === id);
    expect(matrix.allowed(index('demo/src'), index('demo/dst'))).toBe(allowed);
    // the same answer as trying each of the 65,535 ports, as `netpol test --port` would
    const source = snapshot.pods[index('demo/src')];
    const destination = snapshot.pods[index('demo/dst')];
    let some = false;
    for (let port = 1; port <= 65535 && !some; port++) some = evaluator.isAllowed(source, destination, resolvePort(destination, port, protocol));
    expect(some).toBe(allowed);
    // explain gives an allowed verdict exactly when the cell is allowed
    expect(matrix.explain(index('demo/src'), index('demo/dst')).some((verdict) => verdict.allowed)).toBe(allowed);
  });

  test('the JSON port is null and pods without ports are judged like test --port', () => {
    const snapshot = build([], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src'), ports: [{port: 80}]}))]);
    const matrix = new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {protocol: 'TCP'});
    const json = matrix.toJSON() as {port: unknown; entries: {from: string; to: string; allowed: boolean}[]};
    expect(json.port).toBeNull();
    expect(json.entries.filter((entry) => entry.to === 'demo/dst').map((entry) => [entry.from, entry.allowed]))
      .toEqual([['demo/dst', true], ['demo/other', false], ['demo/src', true]]);
  });

  test('probes try the ports the policies name when the destination declares none, never "any other port"', () => {
    const snapshot = build([], [networkPolicy('demo', 'p', to('dst'), ingressOnly({from: from('src'), ports: [{port: 80}]}))]);
    const matrix = new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {protocol: 'TCP'});
    const [source, destination] = [snapshot.pods.find((item) => item.name === 'src')!, snapshot.pods.find((item) => item.name === 'dst')!];
    expect(matrix.probeVerdicts(source, destination).map((verdict) => [verdict.port, verdict.allowed])).toEqual([[80, true]]);
    const open = build([], []);
    const plain = new ReachabilityMatrix(new Evaluator(open), open.pods, {protocol: 'TCP'});
    expect(plain.probeVerdicts(open.pods[2], open.pods[0]).map((verdict) => verdict.port)).toEqual([null]);
  });
});

describe('candidatePorts', () => {
  test.each([
    ['nothing named or declared: any port stands for all', [], [], [], 1],
    ['declared ports first, then named ones', [[80, 80]], [8080, 443], [8080, 443, 80], 1],
    ['a range by its first port', [[1000, 2000]], [], [1000], 1],
    ['the port after a range that ends inside another', [[80, 85], [80, 90]], [], [80, 86], 1],
    ['a declared range start: its neighbour stands for the rest of the range', [[80, 90]], [80], [80, 81], 1],
    ['port 1 taken: the next free port is "any other"', [[1, 100]], [101], [101, 1], 102],
    ['every port named: no "any other"', [[1, 65535]], [], [1], undefined],
  ] as [string, PortInterval[], number[], number[], number | undefined][])('%s', (_name, intervals, declared, named, other) => {
    expect(candidatePorts(intervals, declared)).toEqual(other === undefined ? {named} : {named, other});
  });
});

describe('diff without a port agrees with the matrix', () => {
  test.each(cases)('%s', (_name, destinationPorts, policies, protocol) => {
    const before = build(destinationPorts, []);
    const after = build(destinationPorts, policies);
    const answer = diffReachability(before, after, () => true, undefined, protocol);
    const cells = (snapshot: typeof before) => {
      const matrix = new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {protocol});
      return snapshot.pods.flatMap((source, row) => snapshot.pods.map((destination, column) => [`${source.id}>${destination.id}`, matrix.allowed(row, column)] as const));
    };
    const was = new Map(cells(before));
    const changedCells = cells(after).filter(([key, allowed]) => was.get(key) !== allowed).map(([key, allowed]) => `${key}:${allowed ? 'opened' : 'cut'}`);
    const reported = new Set(answer.changes.map((item) => `${item.example.from}>${item.example.to}:${item.change}`));
    // every matrix cell that changes shows in at least one row of the diff (one pod per workload here)
    for (const cell of changedCells) expect(reported).toContain(cell);
    expect(answer.ports.at(-1)).toEqual(expect.objectContaining({port: expect.anything(), protocol}));
  });

  test('"*" stands for any other port, with reasons that say so', () => {
    const before = build([], []);
    const after = build([], [networkPolicy('demo', 'deny', to('dst'), ingressOnly())]);
    const answer = diffReachability(before, after, () => true);
    expect(answer.ports).toEqual([{port: '*', protocol: 'TCP'}]);
    expect(answer.changes.map((item) => [item.change, item.from, item.to, item.port])).toEqual([['cut', 'demo/other', 'demo/dst', '*'], ['cut', 'demo/src', 'demo/dst', '*']]);
    expect(answer.changes[0].after.reason).toMatch(/no rule of it admits demo\/other on any other TCP port/);
  });
});
