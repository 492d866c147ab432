// The pure half of live probes: planning, the commands that reproduce each attempt, comparing
// observations with verdicts, and the truth tables. Marks and the comparison follow kubernetes
// test/e2e/network/netpol/truthtable.go (PrettyPrint: "." true, "X" false, "?" unset; Compare:
// true where both tables agree) and probe.go (each result keeps its command).

import {
  cellAgreement, cellKey, compareProbes, conclude, observedCells, planProbes, probeCommand, renderTruthTable, reproduceCommand,
  type ProbeFlow, type ProbeObservation, type ProbeResult, type ProbeSettings,
} from '../../src/netpol/probe.ts';
import type {ExternalEndpoint, PodEndpoint} from '../../src/netpol/types.ts';

function pod(id: string, ip?: string, extra: Partial<PodEndpoint> = {}): PodEndpoint {
  const [namespace, name] = id.split('/');
  return {kind: 'pod', id, namespace, name, labels: {app: name}, ports: [{containerPort: 80, protocol: 'TCP'}], ips: ip ? [ip] : [],
    hostNetwork: false, workload: `pod/${name}`, owners: [], ...extra};
}

const busybox: ProbeSettings = {image: 'busybox:1.36', mode: 'ephemeral', timeoutSeconds: 2};
const agnhost: ProbeSettings = {image: 'registry.k8s.io/e2e-test-images/agnhost:2.53', mode: 'ephemeral', timeoutSeconds: 1};

describe('probeCommand', () => {
  test.each([
    // name, image, protocol, address, port, expected command or skip
    ['busybox TCP uses nc -z with a timeout', 'busybox:1.36', 'TCP', '10.0.0.1', 80, ['nc', '-z', '-w', '2', '10.0.0.1', '80']],
    ['busybox UDP cannot tell open from dropped', 'busybox:1.36', 'UDP', '10.0.0.1', 53, 'skip'],
    ['busybox SCTP is not supported', 'busybox', 'SCTP', '10.0.0.1', 80, 'skip'],
    // upstream kubemanager.go probeConnectivity: agnhost connect HOST:PORT --timeout=Ns --protocol=P
    ['agnhost TCP', agnhost.image, 'TCP', '10.0.0.1', 80, ['/agnhost', 'connect', '10.0.0.1:80', '--timeout=2s', '--protocol=tcp']],
    ['agnhost UDP', agnhost.image, 'UDP', '10.0.0.1', 81, ['/agnhost', 'connect', '10.0.0.1:81', '--timeout=2s', '--protocol=udp']],
    ['agnhost SCTP', agnhost.image, 'SCTP', '10.0.0.1', 80, ['/agnhost', 'connect', '10.0.0.1:80', '--timeout=2s', '--protocol=sctp']],
    ['agnhost IPv6 joins host and port with brackets', agnhost.image, 'TCP', 'fd00::5', 80, ['/agnhost', 'connect', '[fd00::5]:80', '--timeout=2s', '--protocol=tcp']],
  ] as const)('%s', (_name, image, protocol, address, port, expected) => {
    const planned = probeCommand(image, protocol, address, port, 2);
    if (expected === 'skip') expect(planned).toHaveProperty('skip');
    else expect(planned).toEqual({command: expected});
  });
});

describe('planProbes', () => {
  const a = pod('x/a', '10.1.0.11');
  const b = pod('x/b', '10.1.0.12');
  const template = pod('x/deployment/web', undefined, {template: 'deployment/web'});
  const outside: ExternalEndpoint = {kind: 'external', id: '203.0.113.7', ip: '203.0.113.7'};
  test.each([
    ['a pod to a pod runs in the source', {from: a, to: b, port: 80, protocol: 'TCP', expected: true}, undefined],
    ['a pod to an outside host connects to its IP', {from: a, to: outside, port: 443, protocol: 'TCP', expected: true}, undefined],
    ['traffic cannot be sent from an outside host', {from: outside, to: a, port: 80, protocol: 'TCP', expected: true}, 'is not a pod'],
    ['a template pod does not run', {from: template, to: a, port: 80, protocol: 'TCP', expected: true}, 'pod template'],
    ['a destination without an IP', {from: a, to: template, port: 80, protocol: 'TCP', expected: false}, 'has no IP address'],
    ['a named port the destination lacks', {from: a, to: b, port: 'metrics', protocol: 'TCP', expected: false}, 'no port named metrics'],
  ] as [string, ProbeFlow, string | undefined][])('%s', (_name, flow, skip) => {
    const [job] = planProbes([flow], busybox);
    if (skip === undefined) {
      expect(job.skip).toBeUndefined();
      expect(job.command[0]).toBe('nc');
      expect(job).toMatchObject({namespace: 'x', pod: 'a', from: flow.from.id, to: flow.to.id});
    } else {
      expect(job.skip).toContain(skip);
      expect(job.command).toEqual([]);
    }
  });
});

describe('reproduceCommand', () => {
  const [job] = planProbes([{from: pod('shop/frontend', '10.0.0.1'), to: pod('shop/database', '10.0.0.2'), port: 5432, protocol: 'TCP', expected: false}], busybox);
  test.each([
    ['ephemeral: a new kubectl debug container', busybox, {}, 'kubectl debug -n shop frontend -i --image=busybox:1.36 -- nc -z -w 2 10.0.0.2 5432'],
    ['exec: the container used', {...busybox, mode: 'exec' as const}, {container: 'web'}, 'kubectl exec -n shop frontend -c web -- nc -z -w 2 10.0.0.2 5432'],
    ['pod: a pod with the same labels', {...busybox, mode: 'pod' as const}, {labels: {app: 'shop', tier: 'frontend'}},
      'kubectl run netpol-probe-manual -n shop --rm -i --restart=Never --image=busybox:1.36 --labels=app=shop,tier=frontend -- nc -z -w 2 10.0.0.2 5432'],
  ])('%s', (_name, settings, context, expected) => {
    expect(reproduceCommand(job, settings, context)).toBe(expected);
  });
});

describe('compareProbes and conclude', () => {
  const flows = (expected: boolean[]): ProbeFlow[] => expected.map((allowed, index) => ({
    from: pod('x/a', '10.1.0.11'), to: pod(`y/p${index}`, `10.2.0.${index + 1}`), port: 80, protocol: 'TCP', expected: allowed,
  }));
  const observe = (connected: (boolean | undefined)[]): ProbeObservation[] => connected.map((value) => ({connected: value, command: 'kubectl ...', ...(value === undefined ? {error: 'exec refused'} : {})}));

  test.each([
    // name, expected verdicts, observed, enforcement, pass, text in the first conclusion
    ['enforcing: denied flows blocked, allowed connect', [true, false], [true, false], 'enforced', true, 'matches the policies'],
    ['no enforcement: every denied flow connects', [true, false, false], [true, true, true], 'not-enforced', false, 'does not enforce NetworkPolicies: 2 flows'],
    ['partial enforcement', [false, false], [true, false], 'partly-enforced', false, 'does not enforce NetworkPolicies fully: 1 of 2'],
    ['an allowed flow blocked by something else', [true, false], [false, false], 'enforced', false, 'the policies allow did not connect'],
    ['nothing denied: enforcement unknown', [true, true], [true, true], 'unknown', true, 'matches the policies on all 2 flows'],
    ['unobserved flows fail the run', [true, false], [true, undefined], 'unknown', false, 'could not be probed: exec refused'],
  ] as [string, boolean[], (boolean | undefined)[], string, boolean, string][])('%s', (_name, expected, observed, enforcement, pass, text) => {
    const jobs = planProbes(flows(expected), busybox);
    const report = compareProbes(jobs, observe(observed), busybox);
    expect(report.enforcement).toBe(enforcement);
    expect(report.pass).toBe(pass);
    expect(report.conclusions.join('\n')).toContain(text);
    expect(report.matched + report.mismatched + report.unknown).toBe(expected.length);
  });

  test('statuses name the direction of each mismatch', () => {
    const jobs = planProbes(flows([true, false, true]), busybox);
    const report = compareProbes(jobs, observe([false, true, undefined]), busybox);
    expect(report.results.map((result) => result.status)).toEqual(['unexpected-deny', 'unexpected-allow', 'unknown']);
    expect(report.results[2].error).toBe('exec refused');
  });

  test('no results: nothing to probe', () => {
    expect(conclude([] as ProbeResult[])).toEqual({enforcement: 'unknown', conclusions: ['nothing to probe']});
  });
});

describe('truth tables', () => {
  test('observedCells: any connected port connects the cell; all blocked blocks it; otherwise unknown', () => {
    const a = pod('x/a', '10.1.0.11');
    const b = pod('x/b', '10.1.0.12');
    const c = pod('x/c', '10.1.0.13');
    const jobs = planProbes([
      {from: a, to: b, port: 80, protocol: 'TCP', expected: true, cell: cellKey('x/a', 'x/b')},
      {from: a, to: b, port: 81, protocol: 'TCP', expected: true, cell: cellKey('x/a', 'x/b')},
      {from: a, to: c, port: 80, protocol: 'TCP', expected: false, cell: cellKey('x/a', 'x/c')},
      {from: b, to: c, port: 80, protocol: 'TCP', expected: false, cell: cellKey('x/b', 'x/c')},
    ], busybox);
    const cells = observedCells(jobs, [{connected: false, command: ''}, {connected: true, command: ''}, {connected: false, command: ''}, {command: '', error: 'x'}]);
    expect([...cells]).toEqual([[cellKey('x/a', 'x/b'), true], [cellKey('x/a', 'x/c'), false], [cellKey('x/b', 'x/c'), undefined]]);
  });

  test('cellAgreement: a cell differs when any of its ports differs, even if another port matches', () => {
    const a = pod('x/a', '10.1.0.11');
    const b = pod('x/b', '10.1.0.12');
    const ab = cellKey('x/a', 'x/b');
    const ba = cellKey('x/b', 'x/a');
    const aa = cellKey('x/a', 'x/a');
    const jobs = planProbes([
      {from: a, to: b, port: 80, protocol: 'TCP', expected: true, cell: ab},
      {from: a, to: b, port: 81, protocol: 'TCP', expected: false, cell: ab},
      {from: b, to: a, port: 80, protocol: 'TCP', expected: true, cell: ba},
      {from: a, to: a, port: 80, protocol: 'TCP', expected: true, cell: aa},
    ], busybox);
    const report = compareProbes(jobs, [{connected: true, command: ''}, {connected: true, command: ''}, {command: '', error: 'x'}, {connected: true, command: ''}], busybox);
    expect([...cellAgreement(jobs, report)]).toEqual([[ab, false], [ba, undefined], [aa, true]]);
  });

  test('renderTruthTable marks ., X and ? as upstream PrettyPrint does', () => {
    const values: Record<string, boolean | undefined> = {'x/a>x/a': true, 'x/a>x/b': false, 'x/b>x/a': undefined, 'x/b>x/b': true};
    const text = renderTruthTable('t', ['x/a', 'x/b'], (from, to) => values[`${from}>${to}`]);
    expect(text.split('\n')).toEqual(['t', '      12', '1 x/a .X', '2 x/b ?.']);
  });
});
