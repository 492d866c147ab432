// Rendering snapshots: the exact text `kubectl tree` prints for fixed trees.

import {fileURLToPath} from 'node:url';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {makePalette} from '../../src/output/colour.ts';
import {answerTree} from '../../src/ownership/answer.ts';
import {collectTreeSnapshot, parseTreeTarget} from '../../src/ownership/collect.ts';
import {needsNamespaceColumn, renderTreeTable} from '../../src/ownership/render.ts';
import type {OwnerNode, TreeNode} from '../../src/ownership/types.ts';
import {NOW} from './fixtures.ts';

const plain = makePalette(false);
const examples = fileURLToPath(new URL('../../examples/tree', import.meta.url));

async function treeFromExamples(args: string[], options: {namespace?: string; up?: boolean; links?: boolean} = {}): Promise<TreeNode | OwnerNode> {
  const source = ManifestSource.fromPaths([examples], {namespace: options.namespace});
  const catalog = new ResourceCatalog(await source.resourceTypes());
  const target = parseTreeTarget(args, catalog);
  const snapshot = await collectTreeSnapshot(source, catalog, {...target, namespace: options.namespace ?? 'default', up: options.up, links: options.links});
  return answerTree(snapshot, {now: NOW, up: options.up, links: options.links, catalog});
}

function render(root: TreeNode | OwnerNode, extra: {wide?: boolean; links?: boolean; noHeaders?: boolean; allNamespaces?: boolean} = {}): string {
  return renderTreeTable(root, {palette: plain, showNamespace: needsNamespaceColumn(root, extra.allNamespaces ?? false), ...extra});
}

describe('renderTreeTable (examples/tree)', () => {
  test('a Deployment: one namespace, no NAMESPACE column', async () => {
    expect(render(await treeFromExamples(['deploy/web'], {namespace: 'shop'}))).toBe([
      'NAME                          READY   REASON                     AGE',
      'Deployment/web                True    MinimumReplicasAvailable   3d',
      '├─ReplicaSet/web-5b6d4f9c8    True    Ready: 0/0                 3d',
      '└─ReplicaSet/web-7c9f8d6b5    False   Ready: 2/3                 25h',
      '  ├─Pod/web-7c9f8d6b5-4xk2p   True    Running                    24h',
      '  ├─Pod/web-7c9f8d6b5-9mzq7   False   CrashLoopBackOff           24h',
      '  └─Pod/web-7c9f8d6b5-tw8rn   True    Running                    24h',
      '',
    ].join('\n'));
  });

  test('-A forces the NAMESPACE column; --no-headers drops the header', async () => {
    expect(render(await treeFromExamples(['cronjob', 'nightly-report'], {namespace: 'shop'}), {allNamespaces: true, noHeaders: true})).toBe([
      'shop   CronJob/nightly-report                  -       -                      22d',
      'shop   └─Job/nightly-report-29393400           False   BackoffLimitExceeded   8h',
      'shop     ├─Pod/nightly-report-29393400-8dj2c   False   OOMKilled              8h',
      'shop     └─Pod/nightly-report-29393400-q7x5w   -       Unschedulable          7h55m',
      '',
    ].join('\n'));
  });

  test('a cluster-scoped owner with a namespaced dependent shows namespaces', async () => {
    expect(render(await treeFromExamples(['node', 'worker-1']))).toBe([
      'NAMESPACE         NAME               READY   REASON   AGE',
      '                  Node/worker-1      True    Ready    53d',
      'kube-node-lease   └─Lease/worker-1   -       -        53d',
      '',
    ].join('\n'));
  });

  test('-o wide adds UID, CONTROLLER, DELETION and FINALIZERS', async () => {
    expect(render(await treeFromExamples(['database/orders'], {namespace: 'shop'}), {wide: true})).toBe([
      'NAME                         READY   REASON             AGE   UID                                    CONTROLLER   DELETION   FINALIZERS',
      'Database/orders              False   Creating           13d   0d1e7c00-0000-4000-8000-000000000061   -            <none>     <none>',
      '├─Secret/orders-connection   -       -                  13d   0d1e7c00-0000-4000-8000-000000000064   true         <none>     <none>',
      '└─StatefulSet/orders-db      False   Ready: 0/1         13d   0d1e7c00-0000-4000-8000-000000000062   true         <none>     <none>',
      '  └─Pod/orders-db-0          False   ImagePullBackOff   13d   0d1e7c00-0000-4000-8000-000000000063   true         <none>     <none>',
      '',
    ].join('\n'));
  });

  test('--links draws the other relations with dashed connectors and a RELATION column', async () => {
    expect(render(await treeFromExamples(['sts/orders-db'], {namespace: 'shop', links: true}), {links: true})).toBe([
      'NAMESPACE   NAME                                         RELATION      READY   REASON             AGE',
      'shop        StatefulSet/orders-db                                      False   Ready: 0/1         13d',
      'shop        └─Pod/orders-db-0                                          False   ImagePullBackOff   13d',
      '              ├╌Node/worker-1                            nodeName      True    Ready              53d',
      'shop          └╌PersistentVolumeClaim/data-orders-db-0   volume data   True    Bound              13d',
      '                └╌PersistentVolume/pv-orders-0           volumeName    True    Bound              13d',
      '',
    ].join('\n'));
  });

  test('--up: the object first, its owners below', async () => {
    expect(render(await treeFromExamples(['pod', 'web-7c9f8d6b5-9mzq7'], {namespace: 'shop', up: true}))).toBe([
      'NAME                         READY   REASON                     AGE',
      'Pod/web-7c9f8d6b5-9mzq7      False   CrashLoopBackOff           24h',
      '└─ReplicaSet/web-7c9f8d6b5   False   Ready: 2/3                 25h',
      '  └─Deployment/web           True    MinimumReplicasAvailable   3d',
      '',
    ].join('\n'));
  });
});

describe('renderTreeTable (hand-made trees)', () => {
  const base = {apiVersion: 'v1', namespace: 'ns', uid: 'u', age: '1d', ready: '-' as const, status: '-', health: 'none' as const};
  const tree: TreeNode = {...base, kind: 'A', name: 'root', children: [
    {...base, kind: 'B', name: 'one', controller: true, children: [
      {...base, kind: 'C', name: 'deep', controller: true, children: [{...base, kind: 'A', name: 'root', cycle: true, children: []}]},
      {...base, kind: 'C', name: 'other', controller: false, children: []},
    ]},
    {...base, kind: 'B', name: 'two', repeated: true, children: []},
  ]};

  test('pipes continue past open siblings; cycles and repeats are marked', () => {
    expect(renderTreeTable(tree, {palette: plain})).toBe([
      'NAME                   READY   REASON   AGE',
      'A/root                 -       -        1d',
      '├─B/one                -       -        1d',
      '│ ├─C/deep             -       -        1d',
      '│ │ └─A/root (cycle)   -       -        1d',
      '│ └─C/other            -       -        1d',
      '└─B/two (see above)    -       -        1d',
      '',
    ].join('\n'));
  });

  test('colour: unhealthy rows red or yellow, READY True green, connectors dim', () => {
    const palette = makePalette(true);
    const coloured: TreeNode = {...base, kind: 'Deployment', name: 'web', ready: 'True', status: 'Available', health: 'ok', children: [
      {...base, kind: 'Pod', name: 'bad', ready: 'False', status: 'CrashLoopBackOff', health: 'bad', children: []},
      {...base, kind: 'Pod', name: 'slow', ready: 'False', status: 'ContainerCreating', health: 'warn', children: []},
    ]};
    const lines = renderTreeTable(coloured, {palette}).split('\n');
    expect(lines[1]).toContain(palette.ok('True'));
    expect(lines[2]).toContain(palette.dim('├─') + palette.bad('Pod/bad'));
    expect(lines[2]).toContain(palette.bad('CrashLoopBackOff'));
    expect(lines[3]).toContain(palette.warn('ContainerCreating'));
    // Colour never changes the alignment.
    const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
    expect(lines.map(strip).join('\n')).toBe(renderTreeTable(coloured, {palette: plain}));
  });
});
