// Probing the upstream e2e model (kubernetes test/e2e/network/netpol/model.go: namespaces x, y,
// pods a, b, agnhost containers serving 80 and 81 over TCP, UDP and SCTP) with one of
// network_policy.go's scenarios, "should enforce policy to allow traffic only from a different
// namespace, based on NamespaceSelector": only namespace y may reach x/a. As upstream, every
// ordered pair is probed with agnhost connect (kubemanager.go probeConnectivity), by 3 workers.

import type {KubeObject} from '../../src/cluster/types.ts';
import {requireBuild} from '../integration/helpers.ts';
import {ingressOnly, modelObjects, networkPolicy} from '../netpol/model.ts';
import {leftovers, startProbeCluster} from './helpers.ts';

beforeAll(() => requireBuild('netpol'));

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const model = (): KubeObject[] => [
  ...modelObjects({namespaces: ['x', 'y'], podNames: ['a', 'b']}),
  networkPolicy('x', 'allow-client-a-via-ns-selector', {matchLabels: {pod: 'a'}},
    ingressOnly({from: [{namespaceSelector: {matchLabels: {'kubernetes.io/metadata.name': 'y'}}}]})),
];
// rows send, columns receive: x/a admits only namespace y (and itself); nothing else is isolated
const expectedGrid = ['1 x/a ....', '2 x/b X...', '3 y/a ....', '4 y/b ....'];

test.each([
  ['UDP', '81'],
  ['SCTP', '80'],
])('enforcing: %s/%s with agnhost, every pair as expected; exit 0', async (protocol, port) => {
  const cluster = await startProbeCluster({default: 'policies'}, {objects: model()});
  try {
    const run = await cluster.netpol(['matrix', '-A', '--port', port, '--protocol', protocol, '--probe', '--probe-image', agnhost]);
    expect(run.status).toBe(0);
    const [expected, observed, comparison] = run.stdout.split('\n\n');
    expect(expected.split('\n').slice(2)).toEqual(expectedGrid);
    expect(observed.split('\n').slice(2)).toEqual(expectedGrid);
    expect(comparison.split('\n').slice(2).join('\n')).not.toMatch(/[X?]/);
    expect(cluster.execLog.filter((record) => record.command[0] === '/agnhost')).toHaveLength(16);
    expect(cluster.execLog[0].command).toEqual(['/agnhost', 'connect', expect.stringMatching(/^10\.\d\.0\.\d+:\d+$/), '--timeout=2s', `--protocol=${protocol.toLowerCase()}`]);
    expect(leftovers(cluster.pods())).toEqual([]);
  } finally {
    await cluster.close();
  }
});

test('no enforcement: the flows into x/a from outside y connect; exit 1', async () => {
  const cluster = await startProbeCluster({default: 'allow'}, {objects: model()});
  try {
    const run = await cluster.netpol(['matrix', '-A', '--port', '80', '--probe', '--probe-image', agnhost, '-o', 'json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.probe.results.filter((item: {status: string}) => item.status === 'unexpected-allow').map((item: {from: string; to: string}) => `${item.from}>${item.to}`))
      .toEqual(['x/b>x/a']);
    expect(result.probe.enforcement).toBe('not-enforced');
  } finally {
    await cluster.close();
  }
});

test('busybox cannot probe UDP: "?" in the observed grid, the reason, exit 1', async () => {
  const cluster = await startProbeCluster({default: 'policies'}, {objects: model()});
  try {
    const run = await cluster.netpol(['matrix', '-n', 'x', '--port', '81', '--protocol', 'UDP', '--probe']);
    expect(run.status).toBe(1);
    const observed = run.stdout.split('\n\n')[1];
    expect(observed).toContain('1 x/a ??');
    expect(run.stdout).toContain('4 flows could not be probed: UDP needs an answering probe: use --probe-image registry.k8s.io/e2e-test-images/agnhost:2.53');
    expect(cluster.execLog).toEqual([]);
  } finally {
    await cluster.close();
  }
});
