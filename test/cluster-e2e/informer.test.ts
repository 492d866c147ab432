// An informer of @kubernetes/client-node (list, then watch from the list's resourceVersion) stays
// in sync with the test cluster as objects are added, changed and deleted.

import {afterAll, beforeAll, expect, test} from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import type {Harness} from './helpers.ts';
import {eventually, startHarness} from './helpers.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

test.each([
  {name: 'over HTTP', tls: false},
  {name: 'over TLS', tls: true},
])('an informer follows adds, updates and deletes $name', async ({tls}) => {
  const local = tls ? await startHarness({tls: true}) : harness;
  const kubeconfig = new k8s.KubeConfig();
  kubeconfig.loadFromString(local.cluster.kubeconfig);
  const core = kubeconfig.makeApiClient(k8s.CoreV1Api);
  const informer = k8s.makeInformer(kubeconfig, '/api/v1/namespaces/team-b/pods', () => core.listNamespacedPod({namespace: 'team-b'}));
  const events: string[] = [];
  informer.on('add', (pod) => events.push(`add ${pod.metadata?.name}`));
  informer.on('update', (pod) => events.push(`update ${pod.metadata?.name} ${pod.status?.phase}`));
  informer.on('delete', (pod) => events.push(`delete ${pod.metadata?.name}`));
  const names = () => informer.list().map((pod) => pod.metadata?.name).sort();
  try {
    await informer.start();
    expect(names()).toEqual(['api-0', 'api-1', 'frontend']);

    const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'informed', namespace: 'team-b'}, spec: {containers: [{name: 'c', image: 'x'}]}};
    await core.createNamespacedPod({namespace: 'team-b', body: pod});
    await eventually(() => names().includes('informed'));

    const {store, catalogue} = local.cluster;
    const pods = catalogue.resource('', 'v1', 'pods')!;
    store.update(pods, {...store.get(pods, 'informed', 'team-b')!, status: {phase: 'Running'}});
    await eventually(() => informer.get('informed', 'team-b')?.status?.phase === 'Running');

    await core.deleteNamespacedPod({name: 'api-0', namespace: 'team-b'});
    await eventually(() => !names().includes('api-0'));
    // a pod in another namespace is not this informer's business
    store.create(pods, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'elsewhere', namespace: 'team-a'}, spec: {containers: []}});

    await eventually(() => events.includes('delete api-0'));
    expect(names()).toEqual(['api-1', 'frontend', 'informed']);
    expect(events).toEqual(['add api-0', 'add api-1', 'add frontend', 'add informed', 'update informed Running', 'delete api-0']);
  } finally {
    await informer.stop();
    if (tls) await local.stop();
  }
  // restore the shared state for the other case
  if (!tls) {
    const pods = harness.cluster.catalogue.resource('', 'v1', 'pods')!;
    harness.cluster.store.delete(pods, 'informed', 'team-b');
    harness.cluster.store.delete(pods, 'elsewhere', 'team-a');
  }
});
