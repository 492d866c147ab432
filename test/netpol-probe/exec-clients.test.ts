// The test cluster's exec (test/cluster/handlers/exec.ts) with the clients users have: the real
// kubectl (WebSocket, v5.channel.k8s.io) and @kubernetes/client-node's Exec, answered from the
// connectivity file: here an enforcing network over the examples' tutorial.

import {PassThrough} from 'node:stream';
import {Exec, KubeConfig} from '@kubernetes/client-node';
import type {V1Status} from '@kubernetes/client-node';
import {kubectlAsync} from '../integration/helpers.ts';
import {startProbeCluster, type ProbeCluster} from './helpers.ts';

let cluster: ProbeCluster;
beforeAll(async () => { cluster = await startProbeCluster({default: 'policies'}); });
afterAll(() => cluster.close());

const kubectl = (args: string[]) => kubectlAsync(args, {env: {KUBECONFIG: cluster.kubeconfigPath}});

test.each([
  ['backend -> database is allowed: exit 0', 'backend', 0, ''],
  ['frontend -> database is denied: nc times out, exit 1', 'frontend', 1, 'Connection timed out'],
])('kubectl exec: %s', async (_name, pod, status, stderr) => {
  const run = await kubectl(['exec', '-n', 'shop', pod, '--', 'nc', '-z', '-w', '2', '10.244.2.20', '5432']);
  expect(run.status).toBe(status);
  expect(run.stderr).toContain(stderr);
});

test('kubectl exec: a command the cluster cannot run is "not found", exit 127', async () => {
  const run = await kubectl(['exec', '-n', 'shop', 'backend', '--', 'curl', 'http://10.244.2.20']);
  expect(run.status).toBe(127);
  expect(run.stderr).toContain('curl: not found');
});

test('kubectl exec into a missing container: refused before the upgrade', async () => {
  const run = await kubectl(['exec', '-n', 'shop', 'backend', '-c', 'nope', '--', 'nc', '-z', '10.244.2.20', '5432']);
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('container nope is not valid for pod backend');
});

test('client-node Exec: the status callback carries the exit code', async () => {
  const config = new KubeConfig();
  config.loadFromFile(cluster.kubeconfigPath);
  const exec = new Exec(config);
  const statusOf = (pod: string, container: string) => new Promise<V1Status>((resolve, reject) => {
    exec.exec('shop', pod, container, ['nc', '-z', '-w', '2', '10.244.2.20', '5432'], new PassThrough(), new PassThrough(), null, false, resolve)
      .catch(reject);
  });
  // the tutorial's containers: frontend's is "web", backend's "api"
  expect(await statusOf('frontend', 'web')).toMatchObject({status: 'Failure', reason: 'NonZeroExitCode', details: {causes: [{reason: 'ExitCode', message: '1'}]}});
  const allowed = await statusOf('backend', 'api');
  expect(allowed.status).toBe('Success');
});
