import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {InputError} from '../../src/errors.ts';

const catalog = new ResourceCatalog();
const pods = catalog.resolve('pods');

function fromText(text: string, namespace?: string, file = 'input.yaml') {
  return ManifestSource.fromTexts([{file, text}], {namespace});
}

test('multi-document YAML, JSON, List and typed lists', async () => {
  const source = ManifestSource.fromTexts([
    {file: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x}\n'},
    {file: 'b.json', text: JSON.stringify({apiVersion: 'v1', kind: 'List', items: [{apiVersion: 'v1', kind: 'Pod', metadata: {name: 'c', namespace: 'x'}}]})},
    {file: 'c.yaml', text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBindingList\nitems:\n- metadata: {name: rb, namespace: x}\n  roleRef: {kind: Role, name: r, apiGroup: rbac.authorization.k8s.io}\n'},
  ]);
  const [result] = await source.list([{type: pods}]);
  expect(result.items.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`)).toEqual(['default/a', 'x/b', 'x/c']);
  const [bindings] = await source.list([{type: catalog.resolve('rolebindings')}]);
  expect(bindings.items[0]).toMatchObject({kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1'});
});

test('a later copy of the same object replaces the earlier one', async () => {
  const source = fromText('apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {v: "1"}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: default, labels: {v: "2"}}\n');
  const [result] = await source.list([{type: pods}]);
  expect(result.items).toHaveLength(1);
  expect(result.items[0].metadata.labels).toEqual({v: '2'});
});

test('namespaced objects without a namespace go to -n; cluster-scoped ones lose any namespace', async () => {
  const source = fromText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n, namespace: oops}\n', 'shop');
  expect((await source.get(pods, 'a', 'shop'))?.metadata.namespace).toBe('shop');
  expect((await source.get(catalog.resolve('nodes'), 'n'))?.metadata.namespace).toBeUndefined();
});

test('label and field selectors and namespaces narrow lists', async () => {
  const source = fromText([
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, labels: {app: web}}\nspec: {nodeName: n1}\nstatus: {phase: Running}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x, labels: {app: db}}\nspec: {nodeName: n2}\nstatus: {phase: Pending}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: c, namespace: y, labels: {app: web}}\nspec: {nodeName: n1}\nstatus: {phase: Running}',
  ].join('\n---\n'));
  const names = async (request: object) => (await source.list([{type: pods, ...request}]))[0].items.map((pod) => pod.metadata.name);
  expect(await names({labelSelector: 'app=web'})).toEqual(['a', 'c']);
  expect(await names({labelSelector: 'app in (db, cache)'})).toEqual(['b']);
  expect(await names({namespace: 'x', labelSelector: 'app!=web'})).toEqual(['b']);
  expect(await names({fieldSelector: 'spec.nodeName=n1,status.phase==Running'})).toEqual(['a', 'c']);
  expect(await names({fieldSelector: 'metadata.namespace!=x'})).toEqual(['c']);
});

test('custom resources: scope comes from their definition when present', async () => {
  const source = fromText([
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: clusters.example.com}\nspec: {group: example.com, scope: Cluster, names: {kind: Cluster, plural: clusters}, versions: [{name: v1, served: true, storage: true}]}',
    'apiVersion: example.com/v1\nkind: Cluster\nmetadata: {name: prod}',
    'apiVersion: other.io/v1alpha1\nkind: Thing\nmetadata: {name: t}',
  ].join('\n---\n'), 'ns1');
  expect(source.catalog.resolve('clusters.example.com').namespaced).toBe(false);
  expect((await source.get(source.catalog.resolve('thing'), 't', 'ns1'))?.metadata.namespace).toBe('ns1');
});

test.each([
  ['invalid YAML names file, line and document', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [b\n', /^bad\.yaml:\d+:\d+, document 2: invalid YAML/],
  ['missing kind', 'apiVersion: v1\nmetadata: {name: a}\n', /^bad\.yaml, document 1, field kind: kind is missing$/],
  ['missing name', 'apiVersion: v1\nkind: Pod\nmetadata: {}\n', /field metadata\.name: Pod has no name/],
  ['scalar document', 'just a string\n', /document 1: expected a Kubernetes object/],
  ['non-string label', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {version: 1.0}}\n', /field metadata\.labels\.version: labels values must be strings/],
  ['bad list item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  metadata: {name: b}\n', /document 1, field items\[1\]\.kind: kind is missing/],
])('%s', (_name, text, message) => {
  let error: unknown;
  try {
    fromText(text, undefined, 'bad.yaml');
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(message);
});

test('directories are read recursively, in name order, YAML and JSON only', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-manifests-'));
  mkdirSync(join(directory, 'nested'));
  writeFileSync(join(directory, 'b.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n');
  writeFileSync(join(directory, 'a.json'), '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}');
  writeFileSync(join(directory, 'nested', 'c.yml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: c}\n');
  writeFileSync(join(directory, 'README.md'), '# not a manifest');
  const source = ManifestSource.fromPaths([directory]);
  const [result] = await source.list([{type: pods}]);
  expect(result.items.map((pod) => pod.metadata.name)).toEqual(['a', 'b', 'c']);
});

test('stdin is read for -', async () => {
  const source = ManifestSource.fromPaths(['-'], {readStdin: () => 'apiVersion: v1\nkind: Pod\nmetadata: {name: from-stdin}\n'});
  expect(source.description).toBe('manifests <stdin>');
  expect((await source.list([{type: pods}]))[0].items[0].metadata.name).toBe('from-stdin');
});

test('a missing path is an input error naming it', () => {
  expect(() => ManifestSource.fromPaths(['/nonexistent/x.yaml'])).toThrow('/nonexistent/x.yaml: the path "/nonexistent/x.yaml" does not exist');
});

test('objects remember the file and document they came from', async () => {
  const source = ManifestSource.fromTexts([{file: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n'}]);
  const [result] = await source.list([{type: pods}]);
  expect(result.items.map((pod) => source.locate(pod))).toEqual([{file: 'a.yaml', document: 1}, {file: 'a.yaml', document: 2}]);
});

test('a kind the API server does not serve in a built-in group is an input error naming the place', () => {
  expect(() => fromText('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: networking.k8s.io/v1\nkind: Networkpolicy\nmetadata: {name: p}\n', undefined, 'typo.yaml'))
    .toThrow('typo.yaml, document 2, field kind: no matches for kind "Networkpolicy" in version "networking.k8s.io/v1"');
});

test('custom resources without their definition are read, with a warning; empty input warns too', () => {
  const source = fromText('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', undefined, 'cr.yaml');
  expect(source.warnings).toEqual(['cr.yaml: no CustomResourceDefinition for Widget (example.com/v1) in the input; read as a namespaced custom resource']);
  expect(fromText('# nothing here\n', undefined, 'empty.yaml').warnings).toEqual(['manifests empty.yaml: no objects found']);
});
