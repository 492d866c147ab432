// Tree building: chains, several owners, cycles, dangling owners, CRDs, cluster-scoped owners,
// namespaces, UID collisions. Resolution follows the garbage collector's rules
// (kubernetes pkg/controller/garbagecollector: owners match by UID and by the coordinates the
// reference states; namespaced owners only in the dependent's namespace), the ordering follows
// ahmetb/kubectl-tree relationship.go (kind, then name, then namespace).

import type {KubeObject} from '../../src/cluster/types.ts';
import {OwnerGraph} from '../../src/ownership/graph.ts';
import {buildOwnerChain, buildOwnershipTree, descendantIds} from '../../src/ownership/tree.ts';
import type {OwnerNode, TreeNode} from '../../src/ownership/types.ts';
import {NOW, obj, ownedBy, ref} from './fixtures.ts';

/** The tree as indented `Kind/name` lines, with markers: compact to compare. */
function outline(node: TreeNode, depth = 0): string[] {
  const mark = `${node.cycle ? ' (cycle)' : ''}${node.repeated ? ' (repeated)' : ''}`;
  const ns = node.namespace ? `${node.namespace}/` : '';
  return [`${'  '.repeat(depth)}${node.kind}/${ns}${node.name}${mark}`, ...node.children.flatMap((child) => outline(child, depth + 1))];
}

function chain(node: OwnerNode, depth = 0): string[] {
  const mark = `${node.missing ? ` (missing: ${node.status})` : ''}${node.cycle ? ' (cycle)' : ''}${node.repeated ? ' (repeated)' : ''}`;
  const ns = node.namespace ? `${node.namespace}/` : '';
  return [`${'  '.repeat(depth)}${node.kind}/${ns}${node.name}${mark}`, ...node.owners.flatMap((owner) => chain(owner, depth + 1))];
}

function treeOf(objects: KubeObject[], root: KubeObject): string[] {
  const graph = new OwnerGraph(objects);
  return outline(buildOwnershipTree(graph, graph.idOf(root)!, {now: NOW}));
}

const deploy = obj('apps/v1', 'Deployment', 'shop/web', 'd1');
const rs1 = obj('apps/v1', 'ReplicaSet', 'shop/web-1', 'rs1', {owners: [ownedBy(deploy)]});
const rs2 = obj('apps/v1', 'ReplicaSet', 'shop/web-2', 'rs2', {owners: [ownedBy(deploy)]});
const podB = obj('v1', 'Pod', 'shop/web-1-b', 'p2', {owners: [ownedBy(rs1)]});
const podA = obj('v1', 'Pod', 'shop/web-1-a', 'p1', {owners: [ownedBy(rs1)]});

describe('buildOwnershipTree', () => {
  const cronJob = obj('batch/v1', 'CronJob', 'shop/nightly', 'cj');
  const job = obj('batch/v1', 'Job', 'shop/nightly-1', 'j1', {owners: [ownedBy(cronJob)]});
  const jobPod = obj('v1', 'Pod', 'shop/nightly-1-x', 'jp', {owners: [ownedBy(job)]});
  const database = obj('example.com/v1', 'Database', 'shop/orders', 'db');
  const node = obj('v1', 'Node', 'worker-1', 'n1');
  const lease = obj('coordination.k8s.io/v1', 'Lease', 'kube-node-lease/worker-1', 'l1', {owners: [ownedBy(node, false)]});

  test.each([
    {name: 'Deployment → ReplicaSets → Pods, sorted by kind then name', objects: [podB, rs2, podA, rs1, deploy], root: deploy, want: [
      'Deployment/shop/web', '  ReplicaSet/shop/web-1', '    Pod/shop/web-1-a', '    Pod/shop/web-1-b', '  ReplicaSet/shop/web-2']},
    {name: 'CronJob → Job → Pod', objects: [jobPod, job, cronJob], root: cronJob, want: ['CronJob/shop/nightly', '  Job/shop/nightly-1', '    Pod/shop/nightly-1-x']},
    {name: 'a subtree from the middle', objects: [podA, podB, rs1, deploy], root: rs1, want: ['ReplicaSet/shop/web-1', '  Pod/shop/web-1-a', '  Pod/shop/web-1-b']},
    {name: 'a custom resource owns what its operator made, kinds sorted', objects: [
      obj('v1', 'Secret', 'shop/orders-conn', 's1', {owners: [ownedBy(database)]}),
      obj('apps/v1', 'StatefulSet', 'shop/orders-db', 'ss', {owners: [ownedBy(database)]}),
      obj('v1', 'ConfigMap', 'shop/orders-conf', 'c1', {owners: [ownedBy(database, false)]}),
      database], root: database, want: ['Database/shop/orders', '  ConfigMap/shop/orders-conf', '  Secret/shop/orders-conn', '  StatefulSet/shop/orders-db']},
    {name: 'a cluster-scoped owner (Node) with a namespaced dependent (Lease)', objects: [node, lease], root: node, want: [
      'Node/worker-1', '  Lease/kube-node-lease/worker-1']},
    {name: 'a cluster-scoped owner with dependents in several namespaces, sorted by namespace last', objects: [
      obj('example.com/v1', 'Tenant', 'acme', 't1'),
      obj('v1', 'ConfigMap', 'b/settings', 'cb', {owners: [ref('example.com/v1', 'Tenant', 'acme', 't1')]}),
      obj('v1', 'ConfigMap', 'a/settings', 'ca', {owners: [ref('example.com/v1', 'Tenant', 'acme', 't1')]})],
    root: obj('example.com/v1', 'Tenant', 'acme', 't1'), want: ['Tenant/acme', '  ConfigMap/a/settings', '  ConfigMap/b/settings']},
    {name: 'a namespaced owner never adopts objects of another namespace', objects: [deploy,
      obj('apps/v1', 'ReplicaSet', 'other/web-1', 'rsx', {owners: [ownedBy(deploy)]})], root: deploy, want: ['Deployment/shop/web']},
    {name: 'a cluster-scoped dependent cannot have a namespaced owner', objects: [deploy,
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'web-role', 'cr', {owners: [ownedBy(deploy)]})], root: deploy, want: ['Deployment/shop/web']},
    {name: 'an object with two owners shows under each; its subtree once', objects: [
      obj('example.com/v1', 'A', 'shop/a', 'a'), obj('example.com/v1', 'B', 'shop/b', 'b', {owners: [ref('example.com/v1', 'A', 'a', 'a')]}),
      obj('example.com/v1', 'C', 'shop/c', 'c', {owners: [ref('example.com/v1', 'A', 'a', 'a')]}),
      obj('v1', 'ConfigMap', 'shop/shared', 'cm', {owners: [ref('example.com/v1', 'B', 'b', 'b'), ref('example.com/v1', 'C', 'c', 'c')]}),
      obj('v1', 'Secret', 'shop/leaf', 'leaf', {owners: [ref('v1', 'ConfigMap', 'shared', 'cm')]})],
    root: obj('example.com/v1', 'A', 'shop/a', 'a'), want: [
      'A/shop/a', '  B/shop/b', '    ConfigMap/shop/shared', '      Secret/shop/leaf', '  C/shop/c', '    ConfigMap/shop/shared (repeated)']},
    {name: 'a two-object cycle is cut and marked', objects: [
      obj('v1', 'ConfigMap', 'shop/x', 'x', {owners: [ref('v1', 'ConfigMap', 'y', 'y')]}),
      obj('v1', 'ConfigMap', 'shop/y', 'y', {owners: [ref('v1', 'ConfigMap', 'x', 'x')]})],
    root: obj('v1', 'ConfigMap', 'shop/x', 'x'), want: ['ConfigMap/shop/x', '  ConfigMap/shop/y', '    ConfigMap/shop/x (cycle)']},
    {name: 'an object owning itself', objects: [obj('v1', 'ConfigMap', 'shop/me', 'me', {owners: [ref('v1', 'ConfigMap', 'me', 'me')]})],
      root: obj('v1', 'ConfigMap', 'shop/me', 'me'), want: ['ConfigMap/shop/me', '  ConfigMap/shop/me (cycle)']},
    {name: 'duplicate names across kinds stay apart (match by UID and kind)', objects: [
      obj('v1', 'ConfigMap', 'shop/web', 'cm-web'), deploy,
      obj('v1', 'Pod', 'shop/p', 'p', {owners: [ref('v1', 'ConfigMap', 'web', 'cm-web')]})], root: deploy, want: ['Deployment/shop/web']},
    {name: 'a reused UID resolves only to the kind and name the reference states', objects: [
      obj('v1', 'ConfigMap', 'shop/a', 'same'), obj('v1', 'Secret', 'shop/a', 'same'),
      obj('v1', 'Pod', 'shop/p', 'p', {owners: [ref('v1', 'Secret', 'a', 'same')]})],
    root: obj('v1', 'ConfigMap', 'shop/a', 'same'), want: ['ConfigMap/shop/a']},
    {name: 'a reused UID: the stated owner gets the child', objects: [
      obj('v1', 'ConfigMap', 'shop/a', 'same'), obj('v1', 'Secret', 'shop/a', 'same'),
      obj('v1', 'Pod', 'shop/p', 'p', {owners: [ref('v1', 'Secret', 'a', 'same')]})],
    root: obj('v1', 'Secret', 'shop/a', 'same'), want: ['Secret/shop/a', '  Pod/shop/p']},
    {name: 'a recreated owner (same name, new UID) does not own the old dependents', objects: [
      obj('apps/v1', 'Deployment', 'shop/web', 'new-uid'), obj('apps/v1', 'ReplicaSet', 'shop/web-1', 'r', {owners: [ref('apps/v1', 'Deployment', 'web', 'old-uid')]})],
    root: obj('apps/v1', 'Deployment', 'shop/web', 'new-uid'), want: ['Deployment/shop/web']},
    {name: 'the owner apiVersion may name another version of the group', objects: [deploy,
      obj('apps/v1', 'ReplicaSet', 'shop/web-9', 'r9', {owners: [ref('apps/v1beta2', 'Deployment', 'web', 'd1')]})], root: deploy, want: [
      'Deployment/shop/web', '  ReplicaSet/shop/web-9']},
    {name: 'but not another group', objects: [deploy,
      obj('apps/v1', 'ReplicaSet', 'shop/web-9', 'r9', {owners: [ref('example.com/v1', 'Deployment', 'web', 'd1')]})], root: deploy, want: ['Deployment/shop/web']},
    {name: 'manifests without UIDs match by group, kind, namespace and name', objects: [
      obj('example.com/v1', 'App', 'shop/store'), obj('v1', 'ConfigMap', 'shop/store-conf', undefined, {owners: [ref('example.com/v1', 'App', 'store', 'whatever')]})],
    root: obj('example.com/v1', 'App', 'shop/store'), want: ['App/shop/store', '  ConfigMap/shop/store-conf']},
    {name: 'the same object listed twice (two API groups) appears once', objects: [
      obj('v1', 'Event', 'shop/e', 'e1', {owners: [ownedBy(deploy)]}), obj('v1', 'Event', 'shop/e', 'e1', {owners: [ownedBy(deploy)]}), deploy],
    root: deploy, want: ['Deployment/shop/web', '  Event/shop/e']},
    {name: 'two references to the same owner make one edge', objects: [deploy,
      obj('apps/v1', 'ReplicaSet', 'shop/web-1', 'r1', {owners: [ownedBy(deploy), ownedBy(deploy, false)]})], root: deploy, want: [
      'Deployment/shop/web', '  ReplicaSet/shop/web-1']},
  ])('$name', ({objects, root, want}) => {
    expect(treeOf(objects, root)).toEqual(want);
  });

  test('the controller flag is the reference\'s', () => {
    const graph = new OwnerGraph([deploy, rs1, lease, node]);
    expect(buildOwnershipTree(graph, graph.idOf(deploy)!).children[0]!.controller).toBe(true);
    expect(buildOwnershipTree(graph, graph.idOf(node)!).children[0]!.controller).toBe(false);
  });

  test('a chain of 20,000 owners neither overflows nor hangs', () => {
    const objects: KubeObject[] = [obj('v1', 'ConfigMap', 'shop/c0', 'c0')];
    for (let i = 1; i < 20_000; i++) objects.push(obj('v1', 'ConfigMap', `shop/c${i}`, `c${i}`, {owners: [ref('v1', 'ConfigMap', `c${i - 1}`, `c${i - 1}`)]}));
    objects[0]!.metadata.ownerReferences = [ref('v1', 'ConfigMap', 'c19999', 'c19999')];
    const graph = new OwnerGraph(objects);
    expect(descendantIds(graph, 0).size).toBe(20_000);
    let node = buildOwnershipTree(graph, 0);
    let depth = 0;
    while (node.children.length > 0) {
      node = node.children[0]!;
      depth++;
    }
    expect(depth).toBe(20_000);
    expect(node.cycle).toBe(true);
  });

  test('objects get READY, REASON and AGE', () => {
    const pod = obj('v1', 'Pod', 'shop/web-1-a', 'p1', {owners: [ownedBy(rs1)],
      status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{ready: true, state: {running: {}}}]}});
    const graph = new OwnerGraph([rs1, pod]);
    const tree = buildOwnershipTree(graph, graph.idOf(rs1)!, {now: NOW});
    expect(tree.children[0]).toMatchObject({kind: 'Pod', ready: 'True', status: 'Running', age: '3d', health: 'ok', uid: 'p1', namespace: 'shop'});
  });
});

describe('buildOwnerChain (--up)', () => {
  test.each([
    {name: 'a pod up to its Deployment', objects: [podA, rs1, deploy], start: podA, want: ['Pod/shop/web-1-a', '  ReplicaSet/shop/web-1', '    Deployment/shop/web']},
    {name: 'a root has no owners', objects: [deploy], start: deploy, want: ['Deployment/shop/web']},
    {name: 'an owner that no longer exists is shown as such', objects: [rs1], start: rs1, want: ['ReplicaSet/shop/web-1', '  Deployment/shop/web (missing: NotFound)']},
    {name: 'an owner replaced under the same name (other UID) is missing', objects: [rs1, obj('apps/v1', 'Deployment', 'shop/web', 'other')], start: rs1,
      want: ['ReplicaSet/shop/web-1', '  Deployment/shop/web (missing: NotFound)']},
    {name: 'several owners, sorted by kind then name', objects: [
      obj('v1', 'ConfigMap', 'shop/shared', 'cm', {owners: [ref('example.com/v1', 'B', 'b', 'b'), ref('example.com/v1', 'A', 'z', 'z'), ref('example.com/v1', 'A', 'a', 'a')]}),
      obj('example.com/v1', 'A', 'shop/a', 'a'), obj('example.com/v1', 'B', 'shop/b', 'b')],
    start: obj('v1', 'ConfigMap', 'shop/shared', 'cm'), want: ['ConfigMap/shop/shared', '  A/shop/a', '  A/shop/z (missing: NotFound)', '  B/shop/b']},
    {name: 'a namespaced dependent of a cluster-scoped owner', objects: [
      obj('coordination.k8s.io/v1', 'Lease', 'kube-node-lease/worker-1', 'l1', {owners: [ref('v1', 'Node', 'worker-1', 'n1')]}), obj('v1', 'Node', 'worker-1', 'n1')],
    start: obj('coordination.k8s.io/v1', 'Lease', 'kube-node-lease/worker-1', 'l1'), want: ['Lease/kube-node-lease/worker-1', '  Node/worker-1']},
    {name: 'a cycle is cut', objects: [
      obj('v1', 'ConfigMap', 'shop/x', 'x', {owners: [ref('v1', 'ConfigMap', 'y', 'y')]}),
      obj('v1', 'ConfigMap', 'shop/y', 'y', {owners: [ref('v1', 'ConfigMap', 'x', 'x')]})],
    start: obj('v1', 'ConfigMap', 'shop/x', 'x'), want: ['ConfigMap/shop/x', '  ConfigMap/shop/y', '    ConfigMap/shop/x (cycle)']},
    {name: 'a diamond: the shared owner\'s owners are shown once', objects: [
      obj('v1', 'ConfigMap', 'shop/leaf', 'leaf', {owners: [ref('example.com/v1', 'B', 'b', 'b'), ref('example.com/v1', 'C', 'c', 'c')]}),
      obj('example.com/v1', 'B', 'shop/b', 'b', {owners: [ref('example.com/v1', 'A', 'a', 'a')]}),
      obj('example.com/v1', 'C', 'shop/c', 'c', {owners: [ref('example.com/v1', 'A', 'a', 'a')]}),
      obj('example.com/v1', 'A', 'shop/a', 'a', {owners: [ref('example.com/v1', 'Root', 'r', 'r')]}), obj('example.com/v1', 'Root', 'shop/r', 'r')],
    start: obj('v1', 'ConfigMap', 'shop/leaf', 'leaf'), want: ['ConfigMap/shop/leaf', '  B/shop/b', '    A/shop/a', '      Root/shop/r', '  C/shop/c', '    A/shop/a (repeated)']},
  ])('$name', ({objects, start, want}) => {
    const graph = new OwnerGraph(objects);
    expect(chain(buildOwnerChain(graph, graph.idOf(start)!))).toEqual(want);
  });

  test('a missing owner gets its namespace from the kind\'s scope and a reason from the reader', () => {
    const lease = obj('coordination.k8s.io/v1', 'Lease', 'kube-node-lease/gone', 'l', {owners: [ref('v1', 'Node', 'gone', 'n-gone')]});
    const pod = obj('v1', 'Pod', 'shop/p', 'p', {owners: [ref('apps/v1', 'ReplicaSet', 'secret-rs', 'rs-x', true)]});
    const graph = new OwnerGraph([lease, pod]);
    const namespaced = (_: string, kind: string) => kind !== 'Node';
    expect(buildOwnerChain(graph, graph.idOf(lease)!, {namespaced}).owners[0]).toMatchObject({kind: 'Node', namespace: '', missing: true, status: 'NotFound', health: 'bad'});
    const forbidden = buildOwnerChain(graph, graph.idOf(pod)!, {namespaced, missingReason: () => 'Forbidden'}).owners[0];
    expect(forbidden).toMatchObject({kind: 'ReplicaSet', namespace: 'shop', uid: 'rs-x', status: 'Forbidden', controller: true, missing: true});
  });
});
