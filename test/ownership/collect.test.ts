// Reading for the tree through a Source: one metadata-only list per type in scope, full objects
// only for the kinds in the tree, forbidden types as one warning, the root unreadable as exit 3,
// the root not there as exit 2.

import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {builtinResourceTypes} from '../../src/cluster/builtin-types.ts';
import {ClusterError, UsageError} from '../../src/errors.ts';
import {answerTree} from '../../src/ownership/answer.ts';
import {collectTreeSnapshot, parseTreeTarget, typesToList} from '../../src/ownership/collect.ts';
import type {OwnerNode, TreeNode} from '../../src/ownership/types.ts';
import {FakeSource} from './fake-source.ts';
import {NOW, obj, ownedBy, ref} from './fixtures.ts';

const catalog = new ResourceCatalog();
const type = (name: string) => catalog.resolve(name);

const deploy = obj('apps/v1', 'Deployment', 'shop/web', 'd1', {status: {conditions: [{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'}]}});
const rs = obj('apps/v1', 'ReplicaSet', 'shop/web-1', 'rs1', {owners: [ownedBy(deploy)], spec: {replicas: 1}, status: {readyReplicas: 1}});
const pods = Array.from({length: 12}, (_, i) => obj('v1', 'Pod', `shop/web-1-${String(i).padStart(2, '0')}`, `p${i}`, {owners: [ownedBy(rs)],
  status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{ready: true, state: {running: {}}}]}}));
const elsewhere = obj('v1', 'Pod', 'other/web-1-x', 'px', {owners: [ownedBy(rs)]});
const unrelated = obj('v1', 'ConfigMap', 'shop/settings', 'cm');
const everything = [deploy, rs, ...pods, elsewhere, unrelated];

describe('parseTreeTarget', () => {
  test.each([
    {name: 'KIND NAME', args: ['deployment', 'web'], kind: 'Deployment', object: 'web'},
    {name: 'KIND/NAME', args: ['deploy/web'], kind: 'Deployment', object: 'web'},
    {name: 'qualified resource', args: ['deployments.apps/web'], kind: 'Deployment', object: 'web'},
    {name: 'short name', args: ['rs', 'web-1'], kind: 'ReplicaSet', object: 'web-1'},
  ])('$name', ({args, kind, object}) => {
    const target = parseTreeTarget(args, catalog);
    expect(target.type.kind).toBe(kind);
    expect(target.name).toBe(object);
  });

  test.each([
    {name: 'nothing', args: []},
    {name: 'a kind alone', args: ['deploy']},
    {name: 'KIND/NAME and a name', args: ['deploy/web', 'web']},
    {name: 'three words', args: ['deploy', 'web', 'extra']},
    {name: 'an empty name', args: ['deploy/']},
  ])('usage error: $name', ({args}) => {
    expect(() => parseTreeTarget(args, catalog)).toThrow(UsageError);
  });

  test('an unknown kind is a usage error', () => {
    expect(() => parseTreeTarget(['frobnicator/x'], catalog)).toThrow(/doesn't have a resource type "frobnicator"/);
  });
});

describe('typesToList', () => {
  test('a namespaced root: listable namespaced types only, events once', () => {
    const types = typesToList(builtinResourceTypes, type('deploy'));
    expect(types.every((t) => t.namespaced && t.verbs.includes('list'))).toBe(true);
    expect(types.filter((t) => t.plural === 'events')).toHaveLength(1);
    expect(types.some((t) => t.plural === 'pods')).toBe(true);
  });
  test('a cluster-scoped root: every listable type', () => {
    const types = typesToList(builtinResourceTypes, type('node'));
    expect(types.some((t) => t.plural === 'nodes')).toBe(true);
    expect(types.some((t) => t.plural === 'leases')).toBe(true);
    expect(types.some((t) => t.verbs.length > 0 && !t.verbs.includes('list'))).toBe(false);
  });
});

describe('collectTreeSnapshot (live)', () => {
  test('lists metadata only, in the root\'s namespace, then full objects for the kinds in the tree', async () => {
    const source = new FakeSource(everything);
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop'});
    const metadata = source.lists.filter((request) => request.metadataOnly);
    expect(metadata.length).toBe(typesToList(builtinResourceTypes, type('deploy')).length);
    expect(metadata.every((request) => request.namespace === 'shop' && request.optional)).toBe(true);
    // 12 pods: one full list; the single ReplicaSet: one get; the ConfigMap is not in the tree.
    const full = source.lists.filter((request) => !request.metadataOnly).map((request) => request.type.plural);
    expect(full).toEqual(['pods']);
    expect(source.gets).toEqual(['deployments.apps/shop/web', 'replicasets.apps/shop/web-1']);
    const tree = answerTree(snapshot, {now: NOW}) as TreeNode;
    expect(tree.children[0]).toMatchObject({kind: 'ReplicaSet', ready: 'True', status: 'Ready: 1/1'});
    expect(tree.children[0]!.children).toHaveLength(12);
    expect(tree.children[0]!.children[0]).toMatchObject({kind: 'Pod', apiVersion: 'v1', ready: 'True', status: 'Running'});
  });

  test('forbidden types: one warning naming them, the rest of the tree shown', async () => {
    const source = new FakeSource(everything, {forbid: ['secrets', 'configmaps']});
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop'});
    expect(snapshot.warnings).toEqual(['cannot list configmaps, secrets (forbidden); the tree may miss objects of these types']);
    expect((answerTree(snapshot) as TreeNode).children[0]!.children).toHaveLength(12);
  });

  test('the pods forbidden: the tree stops at the ReplicaSet', async () => {
    const source = new FakeSource(everything, {forbid: ['pods']});
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop'});
    expect(snapshot.warnings[0]).toMatch(/^cannot list pods \(forbidden\)/);
    expect((answerTree(snapshot) as TreeNode).children[0]!.children).toEqual([]);
  });

  test('the root not found is a UsageError (exit 2), worded as kubectl words it', async () => {
    const source = new FakeSource(everything);
    const read = collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'nope', namespace: 'shop'});
    await expect(read).rejects.toBeInstanceOf(UsageError);
    await expect(read).rejects.toThrow('deployments.apps "nope" not found in namespace "shop"');
  });

  test('the root forbidden is a ClusterError (exit 3)', async () => {
    const source = new FakeSource(everything, {forbid: ['deployments.apps']});
    await expect(collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop'})).rejects.toBeInstanceOf(ClusterError);
  });

  test('a cluster-scoped root lists every namespace', async () => {
    const node = obj('v1', 'Node', 'worker-1', 'n1', {status: {conditions: [{type: 'Ready', status: 'True'}]}});
    const lease = obj('coordination.k8s.io/v1', 'Lease', 'kube-node-lease/worker-1', 'l1', {owners: [ownedBy(node, false)]});
    const source = new FakeSource([node, lease, ...everything]);
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('node'), name: 'worker-1', namespace: 'default'});
    expect(source.lists.every((request) => request.namespace === undefined)).toBe(true);
    const tree = answerTree(snapshot) as TreeNode;
    expect(tree).toMatchObject({kind: 'Node', ready: 'True', status: 'Ready'});
    expect(tree.children.map((child) => `${child.kind}/${child.namespace}/${child.name}`)).toEqual(['Lease/kube-node-lease/worker-1']);
  });

  describe('-A: the root is looked for in every namespace', () => {
    const otherWeb = obj('apps/v1', 'Deployment', 'other/web', 'd2');
    const api = obj('apps/v1', 'Deployment', 'other/api', 'd3');

    test('found in exactly one namespace: that one, and its dependents listed there', async () => {
      const source = new FakeSource([...everything, api]);
      const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'default', allNamespaces: true});
      expect(snapshot.root.metadata).toMatchObject({namespace: 'shop', name: 'web'});
      expect(source.lists[0]!.namespace).toBeUndefined();
      expect(source.lists[0]).toMatchObject({fieldSelector: 'metadata.name=web', metadataOnly: true});
      expect(source.lists.filter((request) => request.metadataOnly).slice(1).every((request) => request.namespace === 'shop')).toBe(true);
      expect((answerTree(snapshot) as TreeNode).children[0]!.children).toHaveLength(12);
    });

    test('in several namespaces: a usage error naming them', async () => {
      const source = new FakeSource([...everything, otherWeb]);
      await expect(collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'default', allNamespaces: true}))
        .rejects.toThrow(new UsageError('deployments.apps "web" exists in 2 namespaces: other, shop'));
    });

    test('in none: a usage error', async () => {
      const read = collectTreeSnapshot(new FakeSource(everything), catalog, {type: type('deploy'), name: 'nope', namespace: 'default', allNamespaces: true});
      await expect(read).rejects.toBeInstanceOf(UsageError);
      await expect(read).rejects.toThrow('deployments.apps "nope" not found in any namespace');
    });

    test('the type forbidden across namespaces stays a ClusterError (exit 3)', async () => {
      const source = new FakeSource(everything, {forbid: ['deployments.apps']});
      await expect(collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'default', allNamespaces: true}))
        .rejects.toBeInstanceOf(ClusterError);
    });

    test('a cluster-scoped root ignores -A', async () => {
      const node = obj('v1', 'Node', 'worker-1', 'n1');
      const source = new FakeSource([node]);
      const snapshot = await collectTreeSnapshot(source, catalog, {type: type('node'), name: 'worker-1', namespace: 'default', allNamespaces: true});
      expect(snapshot.root.metadata.name).toBe('worker-1');
      expect(source.lists.some((request) => request.fieldSelector)).toBe(false);
    });
  });

  test('-l narrows the listed dependents, never the root', async () => {
    const source = new FakeSource(everything);
    await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop', labelSelector: 'app=web'});
    expect(source.lists.filter((request) => request.metadataOnly).every((request) => request.labelSelector === 'app=web')).toBe(true);
  });
});

describe('collectTreeSnapshot --up', () => {
  test('reads the owners one by one up to the root, nothing listed', async () => {
    const source = new FakeSource(everything);
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('pod'), name: 'web-1-03', namespace: 'shop', up: true});
    expect(source.lists).toEqual([]);
    expect(source.gets).toEqual(['pods/shop/web-1-03', 'replicasets.apps/shop/web-1', 'deployments.apps/shop/web']);
    const chain = answerTree(snapshot, {up: true, catalog}) as OwnerNode;
    expect(chain.owners[0]!.owners[0]).toMatchObject({kind: 'Deployment', name: 'web', ready: 'True', owners: []});
  });

  test('missing and forbidden owners are shown as such', async () => {
    const orphan = obj('v1', 'Pod', 'shop/orphan', 'po', {owners: [ref('apps/v1', 'ReplicaSet', 'gone', 'rs-gone', true), ref('apps/v1', 'StatefulSet', 'db', 'ss', false)]});
    const source = new FakeSource([orphan], {forbid: ['statefulsets.apps']});
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('pod'), name: 'orphan', namespace: 'shop', up: true});
    expect(snapshot.warnings).toEqual(['cannot read statefulsets.apps "db" (forbidden); the chain stops there']);
    const chain = answerTree(snapshot, {up: true, catalog}) as OwnerNode;
    expect(chain.owners.map((owner) => `${owner.kind}/${owner.name} ${owner.status}`)).toEqual(['ReplicaSet/gone NotFound', 'StatefulSet/db Forbidden']);
  });

  test('an owner of an unknown kind', async () => {
    const pod = obj('v1', 'Pod', 'shop/p', 'p', {owners: [ref('example.com/v1', 'Gizmo', 'g', 'g1')]});
    const snapshot = await collectTreeSnapshot(new FakeSource([pod]), catalog, {type: type('pod'), name: 'p', namespace: 'shop', up: true});
    expect((answerTree(snapshot, {up: true, catalog}) as OwnerNode).owners[0]).toMatchObject({kind: 'Gizmo', status: 'UnknownKind', missing: true});
  });

  test('an ownership cycle ends', async () => {
    const x = obj('v1', 'ConfigMap', 'shop/x', 'x', {owners: [ref('v1', 'ConfigMap', 'y', 'y')]});
    const y = obj('v1', 'ConfigMap', 'shop/y', 'y', {owners: [ref('v1', 'ConfigMap', 'x', 'x')]});
    const snapshot = await collectTreeSnapshot(new FakeSource([x, y]), catalog, {type: type('cm'), name: 'x', namespace: 'shop', up: true});
    const chain = answerTree(snapshot, {up: true}) as OwnerNode;
    expect(chain.owners[0]!.owners[0]).toMatchObject({name: 'x', cycle: true});
  });
});

describe('collectTreeSnapshot --links (live)', () => {
  const linked = obj('v1', 'Pod', 'shop/web-1-x', 'px2', {owners: [ownedBy(rs)], metadata: {name: 'web-1-x', namespace: 'shop', labels: {app: 'web'}},
    spec: {nodeName: 'worker-1', serviceAccountName: 'web', containers: [{name: 'c', envFrom: [{secretRef: {name: 'creds'}}]}],
      volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data'}}]}});
  const around = [
    obj('v1', 'Secret', 'shop/creds', 'sec', {data: {password: 'c2VjcmV0'}}), obj('v1', 'ServiceAccount', 'shop/web', 'sa'),
    obj('v1', 'PersistentVolumeClaim', 'shop/data', 'pvc', {spec: {volumeName: 'pv-1'}, status: {phase: 'Bound'}}),
    obj('v1', 'PersistentVolume', 'pv-1', 'pv', {status: {phase: 'Bound'}}),
    obj('v1', 'Node', 'worker-1', 'n1', {status: {conditions: [{type: 'Ready', status: 'True'}]}}),
    obj('v1', 'Service', 'shop/web', 'svc', {spec: {selector: {app: 'web'}}}),
  ];

  test('Secrets, ConfigMaps and ServiceAccounts metadata only; specs where selectors live; nodes and volumes by name', async () => {
    const source = new FakeSource([deploy, rs, linked, ...around]);
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop', links: true});
    const linkLists = source.lists.filter((request) => !request.metadataOnly || ['secrets', 'configmaps', 'serviceaccounts'].includes(request.type.plural))
      .filter((request) => request.type.plural !== 'pods');
    expect(Object.fromEntries(linkLists.map((request) => [request.type.plural, request.metadataOnly === true]))).toMatchObject({
      secrets: true, configmaps: true, serviceaccounts: true, services: false, ingresses: false, networkpolicies: false, poddisruptionbudgets: false, persistentvolumeclaims: false,
    });
    expect(source.gets).toEqual(expect.arrayContaining(['nodes//worker-1', 'persistentvolumes//pv-1']));
    // Secret values never reach the snapshot.
    expect(JSON.stringify(snapshot)).not.toContain('c2VjcmV0');
    const pod = (answerTree(snapshot, {links: true}) as TreeNode).children[0]!.children[0]!;
    expect(pod.links!.map((link) => `${link.kind}/${link.name} ${link.status}`)).toEqual([
      'Node/worker-1 Ready', 'PersistentVolumeClaim/data Bound', 'Secret/creds -', 'Service/web -', 'ServiceAccount/web -',
    ]);
    expect(pod.links![1]!.links![0]).toMatchObject({kind: 'PersistentVolume', name: 'pv-1', status: 'Bound'});
  });

  test('forbidden link kinds: one warning for everything skipped, targets Unknown', async () => {
    const source = new FakeSource([deploy, rs, linked, ...around], {forbid: ['secrets', 'nodes']});
    const snapshot = await collectTreeSnapshot(source, catalog, {type: type('deploy'), name: 'web', namespace: 'shop', links: true});
    expect(snapshot.warnings).toEqual(['cannot list secrets (forbidden); the tree may miss objects of these types, and links to them show as Unknown']);
    const pod = (answerTree(snapshot, {links: true}) as TreeNode).children[0]!.children[0]!;
    expect(pod.links!.filter((link) => link.status === 'Unknown').map((link) => link.kind)).toEqual(['Node', 'Secret']);
  });
});
