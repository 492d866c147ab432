// `kubectl netpol test|matrix --probe` through the real kubectl and the built plugin, against the
// test cluster with the examples' tutorial (shop: frontend -> backend -> database) and a
// simulated network: "policies" is a plugin that enforces them, "allow" one that does not.

import {requireBuild} from '../integration/helpers.ts';
import {leftovers, spawnPlugin, startProbeCluster, tutorial, waitFor, type ProbeCluster} from './helpers.ts';

beforeAll(() => requireBuild('netpol'));

const frontendToDatabase = ['test', '--from', 'shop/frontend', '--to', 'shop/database', '--port', '5432', '--probe'];

describe('a cluster whose network plugin does not enforce policies', () => {
  let cluster: ProbeCluster;
  beforeAll(async () => { cluster = await startProbeCluster({default: 'allow'}); });
  afterAll(() => cluster.close());

  test('test --probe: the denied frontend -> database flow connects; the output says the CNI does not enforce policies; exit 1', async () => {
    const run = await cluster.netpol(frontendToDatabase);
    expect(run.stderr).toContain('added ephemeral container netpol-probe-');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('shop/frontend -> shop/database TCP/5432: denied');
    expect(run.stdout).toMatch(/shop\/frontend\s+shop\/database\s+TCP\/5432\s+denied\s+connected\s+MISMATCH/);
    expect(run.stdout).toContain('Conclusion: the network plugin does not enforce NetworkPolicies');
    expect(run.stdout).toMatch(/repeat: kubectl debug -n shop frontend -i --image=busybox:1\.36 -- nc -z -w 2 10\.244\.2\.20 5432/);
    expect(leftovers(cluster.pods())).toEqual([]);
    // the attempt ran in the ephemeral container, then the container was told to stop
    const execs = cluster.execLog.filter((record) => record.pod === 'frontend');
    expect(execs.map((record) => record.command[0])).toEqual(['nc', 'touch']);
    expect(execs[0].container).toMatch(/^netpol-probe-/);
  });

  test('matrix --probe: expected, observed and comparison grids; exit 1', async () => {
    const run = await cluster.netpol(['matrix', '-n', 'shop', '--probe']);
    expect(run.status).toBe(1);
    const [expected, observed, comparison] = run.stdout.split('\n\n');
    expect(expected).toContain('3 shop/frontend .X.');
    expect(observed).toContain('3 shop/frontend ...');
    expect(comparison).toContain('3 shop/frontend .X.');
    expect(run.stdout).toContain('the network plugin does not enforce NetworkPolicies: 4 flows the policies deny connected anyway');
    expect(leftovers(cluster.pods())).toEqual([]);
  });

  test('matrix --probe -o json: the matrix plus observed entries and the probe report', async () => {
    const run = await cluster.netpol(['matrix', '-n', 'shop', '--probe', '-o', 'json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.pods).toEqual(['shop/backend', 'shop/database', 'shop/frontend']);
    expect(result.observed.every((entry: {allowed: boolean}) => entry.allowed)).toBe(true);
    expect(result.probe).toMatchObject({enforcement: 'not-enforced', pass: false, mismatched: 4, matched: 5, unknown: 0});
  });
});

describe('a cluster whose network plugin enforces policies', () => {
  let cluster: ProbeCluster;
  beforeAll(async () => { cluster = await startProbeCluster({default: 'policies'}); });
  afterAll(() => cluster.close());

  test('test --probe: observed matches expected, exit 0 (the denial itself is not a failure)', async () => {
    const run = await cluster.netpol(frontendToDatabase);
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/denied\s+blocked\s+ok/);
    expect(run.stdout).toContain('Conclusion: observed traffic matches the policies on all 1 flow, denied flows included');
    expect(leftovers(cluster.pods())).toEqual([]);
  });

  test('matrix --probe: all three grids agree, exit 0', async () => {
    const run = await cluster.netpol(['matrix', '-n', 'shop', '--probe']);
    expect(run.status).toBe(0);
    const comparison = run.stdout.split('\n\n')[2];
    expect(comparison).toMatch(/1 shop\/backend {2}\.\.\.\n2 shop\/database \.\.\.\n3 shop\/frontend \.\.\./);
    expect(run.stdout).toContain('probe: 9 matched, 0 mismatched, 0 not observed');
  });

  test('test --probe through a service, with --expect: the service resolves to its pod and targetPort', async () => {
    const run = await cluster.netpol(['test', '--from', 'shop/frontend', '--to', 'svc/backend', '-n', 'shop', '--probe', '--expect', 'allow', '-o', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.probe.results).toEqual([expect.objectContaining({from: 'shop/frontend', to: 'shop/backend', port: 8080, expected: 'allowed', observed: 'connected', status: 'match'})]);
  });

  test('--probe-exec runs nc in the source pod\'s own first container', async () => {
    cluster.execLog.length = 0;
    const run = await cluster.netpol([...frontendToDatabase, '--probe-exec']);
    expect(run.status).toBe(0);
    expect(cluster.execLog.map((record) => `${record.pod}/${record.container}: ${record.command.join(' ')}`)).toEqual(['frontend/web: nc -z -w 2 10.244.2.20 5432']);
    expect(run.stdout).toContain('exec in the source pods');
  });

  test('--dry-run shows what would be created and creates nothing', async () => {
    cluster.execLog.length = 0;
    const before = JSON.stringify(cluster.pods());
    const run = await cluster.netpol([...frontendToDatabase, '--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('would add an ephemeral container netpol-probe-<random suffix> (busybox:1.36) to pod shop/frontend');
    expect(run.stdout).toContain('would run in shop/frontend: nc -z -w 2 10.244.2.20 5432');
    expect(cluster.execLog).toEqual([]);
    expect(JSON.stringify(cluster.pods())).toBe(before);
  });

  test('--probe with -f is bad usage: a probe needs a live cluster (exit 2)', async () => {
    const run = await cluster.netpol([...frontendToDatabase, '-f', tutorial]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--probe sends real traffic, so it needs a live cluster');
  });
});

test('an allowed flow that does not connect: blocked by something other than the policies, exit 1', async () => {
  const cluster = await startProbeCluster({default: 'policies', flows: [{from: 'shop/frontend', to: 'shop/backend', result: 'deny'}]});
  try {
    const run = await cluster.netpol(['test', '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '8080', '--probe']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('blocked although the policies allow it');
    expect(run.stdout).toContain('1 flow the policies allow did not connect');
  } finally {
    await cluster.close();
  }
});

test('ephemeral containers refused: a pod with the source\'s labels probes instead, and is deleted', async () => {
  const cluster = await startProbeCluster({default: 'allow', ephemeralContainers: false});
  try {
    const run = await cluster.netpol(frontendToDatabase);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ephemeral containers refused for shop/frontend');
    expect(run.stderr).toMatch(/created probe pod shop\/netpol-probe-\w+ \(busybox:1\.36\) with the labels of shop\/frontend/);
    expect(run.stderr).toMatch(/cleanup: deleted probe pod shop\/netpol-probe-\w+/);
    expect(cluster.execLog[0].pod).toMatch(/^netpol-probe-/);
    expect(run.stdout).toContain('does not enforce NetworkPolicies');
    expect(leftovers(cluster.pods())).toEqual([]);
  } finally {
    await cluster.close();
  }
});

describe('Ctrl-C while probing', () => {
  test.each([
    ['a helper pod is deleted', ['--probe-via', 'pod'], (cluster: ProbeCluster) => cluster.pods().some((pod) => pod.metadata.name.startsWith('netpol-probe-'))],
    ['an ephemeral container is stopped', [], (cluster: ProbeCluster) => cluster.pods().some((pod) => (pod.status?.ephemeralContainerStatuses ?? []).length > 0)],
  ] as [string, string[], (cluster: ProbeCluster) => boolean][])('%s; exit 130', async (_name, extra, created) => {
    // attempts hang for a while, so the interrupt lands mid-probe
    const cluster = await startProbeCluster({default: 'allow', execDelayMs: 20_000});
    try {
      const plugin = spawnPlugin(['matrix', '-n', 'shop', '--probe', ...extra], cluster.kubeconfigPath);
      await waitFor(() => created(cluster) && cluster.execLog.length === 0 && plugin.stderr().includes('probe'));
      plugin.child.kill('SIGINT');
      const run = await plugin.done;
      expect(run.stderr).toContain('interrupted: stopping the probes and removing what they created');
      expect(run.status).toBe(130);
      expect(leftovers(cluster.pods())).toEqual([]);
    } finally {
      await cluster.close();
    }
  });
});

test('over HTTPS with a bearer token: exec upgrades with the kubeconfig\'s CA and credentials', async () => {
  const cluster = await startProbeCluster({default: 'allow'}, {tls: true});
  try {
    const run = await cluster.netpol(frontendToDatabase);
    expect(run.stderr).not.toContain('cannot exec');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('does not enforce NetworkPolicies');
    expect(cluster.execLog.map((record) => record.command[0])).toEqual(['nc', 'touch']);
  } finally {
    await cluster.close();
  }
});
