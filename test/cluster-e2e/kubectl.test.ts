// The machine's real kubectl (Google's dispatcher, which runs the kubectl matching the server's
// /version) against the test cluster over plain HTTP.

import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import type {Harness} from './helpers.ts';
import {collectOutput, startHarness, tableRows} from './helpers.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.stop();
});

describe('kubectl get', () => {
  test('kubectl version reports the server version the dispatcher matched', async () => {
    const {stdout, stderr} = await harness.kubectl(['version']);
    expect(stdout).toMatch(/Client Version: v1\.31\./);
    expect(stdout).toContain('Server Version: v1.31.6');
    expect(stderr).toBe('');
  });

  test('get pods -A prints the server-side table with a namespace column', async () => {
    const {stdout, stderr} = await harness.kubectl(['get', 'pods', '-A']);
    expect(stderr).toBe('');
    const rows = tableRows(stdout);
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows.slice(1).map((row) => `${row[0]}/${row[1]} ${row[3]}`)).toEqual([
      'team-a/batch-runner Succeeded',
      'team-a/web-5d4f8b-x7k2p Running',
      'team-b/api-0 Running',
      'team-b/api-1 Running',
      'team-b/frontend Pending',
    ]);
  });

  test('get deploy -o json returns the stored objects in a v1 List', async () => {
    const {stdout} = await harness.kubectl(['get', 'deploy', '-n', 'team-a', '-o', 'json']);
    const list = JSON.parse(stdout);
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(1);
    const [deployment] = list.items;
    expect(deployment).toMatchObject({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'team-a'}});
    expect(deployment.metadata.uid).toBe('11111111-0000-0000-0000-000000000001');
    expect(deployment.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(deployment.metadata.creationTimestamp).toMatch(/Z$/);
  });

  test('get of several kinds, custom resources by short name, and cluster-scoped kinds', async () => {
    const {stdout} = await harness.kubectl(['get', 'deploy,rs,svc,wdg', '-n', 'team-a']);
    expect(stdout).toContain('deployment.apps/web');
    expect(stdout).toContain('replicaset.apps/web-5d4f8b');
    expect(stdout).toContain('service/web');
    expect(stdout).toMatch(/widget\.example\.com\/sprocket\s+large/);
    const nodes = tableRows((await harness.kubectl(['get', 'nodes'])).stdout);
    expect(nodes.map((row) => row.slice(0, 3))).toEqual([
      ['NAME', 'STATUS', 'ROLES'],
      ['node-1', 'Ready', 'control-plane'],
      ['node-2', 'Ready', '<none>'],
    ]);
  });

  test('a missing object is the API server\'s NotFound', async () => {
    const {stderr, code} = await harness.kubectl(['get', 'pod', 'nope', '-n', 'team-a'], {allowFailure: true});
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
  });

  test('an empty namespace', async () => {
    const {stdout, stderr} = await harness.kubectl(['get', 'pods', '-n', 'empty']);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('No resources found in empty namespace.');
  });
});

describe('selectors and paging through kubectl', () => {
  test.each([
    {name: 'equality', selector: ['-l', 'app=api'], pods: ['api-0', 'api-1']},
    {name: 'set and inequality', selector: ['-l', 'tier in (backend),app!=batch'], pods: ['api-0', 'api-1']},
    {name: 'exists', selector: ['-l', 'pod-template-hash'], pods: ['web-5d4f8b-x7k2p']},
    {name: 'does not exist', selector: ['-l', '!tier'], pods: ['web-5d4f8b-x7k2p']},
    {name: 'notin', selector: ['-l', 'tier notin (backend)'], pods: ['frontend', 'web-5d4f8b-x7k2p']},
    {name: 'field spec.nodeName', selector: ['--field-selector', 'spec.nodeName=node-1'], pods: ['api-0', 'web-5d4f8b-x7k2p']},
    {name: 'field status.phase !=', selector: ['--field-selector', 'status.phase!=Running'], pods: ['batch-runner', 'frontend']},
    {name: 'fields combined', selector: ['--field-selector', 'spec.nodeName==node-2,metadata.namespace=team-b'], pods: ['api-1', 'frontend']},
    {name: 'label and field', selector: ['-l', 'tier=backend', '--field-selector', 'metadata.name=api-1'], pods: ['api-1']},
  ])('$name', async ({selector, pods}) => {
    const {stdout} = await harness.kubectl(['get', 'pods', '-A', ...selector, '-o', 'name']);
    expect(stdout.trim().split('\n').map((line) => line.replace('pod/', '')).sort()).toEqual(pods);
  });

  test('an unsupported field selector is a 400 from the server', async () => {
    const {stderr, code} = await harness.kubectl(['get', 'pods', '-A', '--field-selector', 'spec.bogus=x'], {allowFailure: true});
    expect(code).toBe(1);
    expect(stderr).toContain('field label not supported: spec.bogus');
  });

  test('--chunk-size=2 pages through limit/continue and prints every pod once', async () => {
    const {stdout, stderr} = await harness.kubectl(['get', 'pods', '-A', '--chunk-size=2', '-v=6']);
    const requests = stderr.split('\n').filter((line) => line.includes('GET') && line.includes('/api/v1/pods?'));
    expect(requests).toHaveLength(3);
    expect(requests[1]).toContain('continue=');
    expect(tableRows(stdout).slice(1).map((row) => row[1])).toEqual(['batch-runner', 'web-5d4f8b-x7k2p', 'api-0', 'api-1', 'frontend']);
  });
});

describe('kubectl get --watch', () => {
  test('sees a pod created, changed and deleted while it watches', async () => {
    const watcher = harness.spawnKubectl(['get', 'pods', '-n', 'team-b', '--watch']);
    const output = collectOutput(watcher);
    try {
      await output.waitFor((text) => text.includes('frontend'));
      const {store, catalogue} = harness.cluster;
      const pods = catalogue.resource('', 'v1', 'pods')!;
      store.create(pods, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name: 'newcomer', namespace: 'team-b'},
        spec: {containers: [{name: 'c', image: 'x'}]},
        status: {phase: 'Pending'},
      });
      const seen = await output.waitFor((text) => /newcomer\s+0\/1\s+Pending/.test(text));
      expect(tableRows(seen)[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      const current = store.get(pods, 'newcomer', 'team-b')!;
      store.update(pods, {...current, status: {phase: 'Running'}});
      await output.waitFor((text) => /newcomer\s+0\/1\s+Running/.test(text));
      store.delete(pods, 'newcomer', 'team-b');
    } finally {
      const exited = new Promise((resolve) => watcher.once('exit', resolve));
      watcher.kill('SIGTERM');
      await exited;
    }
    // the stream ended with the client: no watch is left open on the server
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.cluster.openWatches()).toBe(0);
  });
});

describe('kubectl api-resources', () => {
  test('lists built-in, operator and manifest kinds without errors', async () => {
    const {stdout, stderr} = await harness.kubectl(['api-resources']);
    expect(stderr).toBe('');
    const rows = tableRows(stdout);
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const byName = new Map(rows.map((row) => [`${row[0]} ${row[row.length - 3]}`, row]));
    expect(byName.get('pods v1')).toEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(byName.get('deployments apps/v1')).toEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(byName.get('networkpolicies networking.k8s.io/v1')).toEqual(['networkpolicies', 'netpol', 'networking.k8s.io/v1', 'true', 'NetworkPolicy']);
    expect(byName.get('clusterrolebindings rbac.authorization.k8s.io/v1')).toEqual(['clusterrolebindings', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRoleBinding']);
    expect(byName.get('servicemonitors monitoring.coreos.com/v1')).toEqual(['servicemonitors', 'smon', 'monitoring.coreos.com/v1', 'true', 'ServiceMonitor']);
    expect(byName.get('adminnetworkpolicies policy.networking.k8s.io/v1alpha1')).toEqual(['adminnetworkpolicies', 'anp', 'policy.networking.k8s.io/v1alpha1', 'false', 'AdminNetworkPolicy']);
    expect(byName.get('widgets example.com/v1')).toEqual(['widgets', 'wdg', 'example.com/v1', 'true', 'Widget']);
    expect(rows.length).toBeGreaterThan(60);
  });

  test('kubectl get all reads the "all" category', async () => {
    const {stdout} = await harness.kubectl(['get', 'all', '-n', 'team-a', '-o', 'name']);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'deployment.apps/web',
      'pod/batch-runner',
      'pod/web-5d4f8b-x7k2p',
      'replicaset.apps/web-5d4f8b',
      'service/web',
    ]);
  });
});

describe('kubectl writes', () => {
  test('apply, label, scale and delete change the cluster', async () => {
    const manifest = join(harness.directory, 'writes.yaml');
    await writeFile(
      manifest,
      [
        'apiVersion: example.com/v1',
        'kind: Widget',
        'metadata: {name: gear, namespace: team-a}',
        'spec: {size: small}',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: token, namespace: team-a}',
        'stringData: {password: hunter2}',
      ].join('\n'),
    );
    expect((await harness.kubectl(['apply', '-f', manifest])).stdout).toBe('widget.example.com/gear created\nsecret/token created\n');
    // stringData never comes back from the server, so a re-applied Secret is "configured", as on a real cluster
    expect((await harness.kubectl(['apply', '-f', manifest])).stdout).toBe('widget.example.com/gear unchanged\nsecret/token configured\n');
    // the API server folds stringData into data
    const secret = JSON.parse((await harness.kubectl(['get', 'secret', 'token', '-n', 'team-a', '-o', 'json'])).stdout);
    expect(secret.data).toEqual({password: Buffer.from('hunter2').toString('base64')});
    expect(secret.type).toBe('Opaque');

    await harness.kubectl(['label', 'widget', 'gear', '-n', 'team-a', 'color=red']);
    expect((await harness.kubectl(['get', 'wdg', '-n', 'team-a', '-l', 'color=red', '-o', 'name'])).stdout).toBe('widget.example.com/gear\n');

    expect((await harness.kubectl(['scale', 'deployment', 'web', '-n', 'team-a', '--replicas=3'])).stdout).toBe('deployment.apps/web scaled\n');
    expect((await harness.kubectl(['get', 'deploy', 'web', '-n', 'team-a', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('3');
    await harness.kubectl(['scale', 'deployment', 'web', '-n', 'team-a', '--replicas=1']);

    const deleted = await harness.kubectl(['delete', '-f', manifest]);
    expect(deleted.stdout).toBe('widget.example.com "gear" deleted\nsecret "token" deleted\n');
    expect((await harness.kubectl(['get', 'wdg', '-n', 'team-a', '-o', 'name'])).stdout).toBe('widget.example.com/sprocket\n');
  });
});
