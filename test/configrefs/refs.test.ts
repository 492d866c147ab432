// Who uses what, what dangles and what nobody uses. Pods fold into the workload whose template
// makes the same reference (Pod → ReplicaSet → Deployment by ownerReferences); dangling
// references carry what the kubelet does about them (pkg/kubelet/kubelet_pods.go: a missing
// non-optional env source is CreateContainerConfigError; a missing volume source, FailedMount).

import {readFileSync} from 'node:fs';
import {describe, expect, test} from '@jest/globals';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import type {KubeObject} from '../../src/cluster/types.ts';
import {consequenceOf, systemManaged, traceReferences} from '../../src/configrefs/refs.ts';
import {buildFixture, NOW} from './fixtures.ts';
import {runInspect} from './run-inspect.ts';

const fixture = buildFixture(NOW);
const line = (row: ReturnType<typeof traceReferences>['references'][number]) =>
  `${row.target.kind}/${row.target.name}${row.target.key !== undefined ? `[${row.target.key}]` : ''} <- ${row.user.kind}/${row.user.name} ${row.via}` +
  `${row.pods.length ? ` pods=${row.pods.length}` : ''} ${row.status}`;

describe('the fixture namespace', () => {
  const result = traceReferences(fixture.objects, {namespace: 'shop'});

  test('every reference, pods folded into their Deployment', () => {
    expect(result.references.map(line)).toEqual([
      'ConfigMap/ca-bundle[missing.crt] <- CronJob/backup env missing-key',
      'ConfigMap/flags[x] <- Deployment/web env pods=2 missing-object',
      'ConfigMap/kube-root-ca.crt[ca.crt] <- Pod/web-5d8c7-a projectedVolume pods=1 ok',
      'ConfigMap/kube-root-ca.crt[ca.crt] <- Pod/web-5d8c7-b projectedVolume pods=1 ok',
      'ConfigMap/settings[app.yaml] <- Deployment/web volume pods=2 ok',
      'Secret/api <- Deployment/web envFrom pods=2 ok',
      'Secret/backup-creds <- CronJob/backup volume missing-object',
      'Secret/builder-token <- ServiceAccount/builder serviceAccountSecret ok',
      'Secret/db[host] <- Deployment/web env pods=2 missing-key',
      'Secret/db[password] <- Deployment/web env pods=2 ok',
      'Secret/missing-tls <- Ingress/shop ingressTLS missing-object',
      'Secret/registry <- Deployment/web imagePullSecret pods=2 ok',
      'Secret/registry <- ServiceAccount/builder serviceAccountImagePullSecret ok',
      'Secret/shop-tls <- Deployment/web volume pods=2 ok',
      'Secret/shop-tls <- Ingress/shop ingressTLS ok',
    ]);
  });

  test('a pod that is not in its workload\'s template keeps its own row, naming the workload', () => {
    const row = result.references.find((entry) => entry.user.name === 'web-5d8c7-a')!;
    expect(row.controlledBy).toEqual({kind: 'Deployment', namespace: 'shop', name: 'web'});
  });

  test('dangling references and what they do', () => {
    expect(result.dangling.map((row) => [`${row.target.kind}/${row.target.name}${row.target.key ? `[${row.target.key}]` : ''}`, row.optional, row.consequence])).toEqual([
      ['ConfigMap/ca-bundle[missing.crt]', false, 'CreateContainerConfigError: the container cannot start until it exists'],
      ['ConfigMap/flags[x]', true, 'optional: the variable is left unset'],
      ['Secret/backup-creds', true, 'optional: the pod starts without this object'],
      ['Secret/db[host]', false, 'CreateContainerConfigError: the container cannot start until it exists'],
      ['Secret/missing-tls', false, 'the ingress controller serves its default certificate for these hosts'],
    ]);
    expect(result.summary).toMatchObject({dangling: 5, danglingRequired: 3});
  });

  test('unused objects leave out what the system manages', () => {
    expect(result.unused.map((object) => `${object.kind}/${object.name}`)).toEqual([
      'Secret/deploy-key', 'Secret/legacy-registry', 'Secret/old-tls', 'Secret/reversed-tls', 'Secret/wrong-key-tls',
    ]);
  });

  test('one object', () => {
    const one = traceReferences(fixture.objects, {namespace: 'shop', target: {kind: 'Secret', name: 'db'}});
    expect(one.references.map((row) => row.target.key)).toEqual(['host', 'password']);
    expect(one.unused).toEqual([]);
    const lonely = traceReferences(fixture.objects, {namespace: 'shop', target: {kind: 'Secret', name: 'old-tls'}});
    expect(lonely.references).toEqual([]);
    expect(lonely.unused).toEqual([{kind: 'Secret', namespace: 'shop', name: 'old-tls'}]);
  });
});

test('offline, kube-root-ca.crt is assumed present (every namespace has it); live, its absence counts', () => {
  const pod: KubeObject = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'a'}, spec: {volumes: [{name: 'kube-api-access',
    projected: {sources: [{serviceAccountToken: {path: 'token'}}, {configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}}]}}]}};
  const offline = traceReferences([pod], {assumeNamespaceDefaults: true});
  expect(offline.dangling).toEqual([]);
  expect(offline.references[0]).toMatchObject({status: 'ok', assumed: true});
  expect(traceReferences([pod], {}).dangling.map((row) => row.target.name)).toEqual(['kube-root-ca.crt']);
});

describe('system-managed objects', () => {
  const object = (kind: string, name: string, extra: Partial<KubeObject> = {}, namespace = 'app'): KubeObject =>
    ({apiVersion: 'v1', kind, ...extra, metadata: {name, namespace, ...(extra.metadata ?? {})}});
  test.each([
    ['kube-root-ca.crt', object('ConfigMap', 'kube-root-ca.crt'), true],
    ['a service-account token', object('Secret', 't', {type: 'kubernetes.io/service-account-token'}), true],
    ['a Helm release by name', object('Secret', 'sh.helm.release.v1.web.v3'), true],
    ['a Helm release by type', object('Secret', 'x', {type: 'helm.sh/release.v1'}), true],
    ['anything in kube-system', object('ConfigMap', 'coredns', {}, 'kube-system'), true],
    ['owned by a controller', object('Secret', 'cert', {metadata: {name: 'cert', ownerReferences: [{apiVersion: 'v1', kind: 'Foo', name: 'f', uid: 'u'}]}}), true],
    ['an ordinary Secret', object('Secret', 'db'), false],
  ])('%s', (_name, candidate, managed) => {
    expect(systemManaged(candidate) !== undefined).toBe(managed);
  });
});

describe('consequences', () => {
  test.each([
    ['env', false, 'missing-object', 'CreateContainerConfigError: the container cannot start until it exists'],
    ['envFrom', false, 'missing-object', 'CreateContainerConfigError: the container cannot start until it exists'],
    ['volume', false, 'missing-key', 'FailedMount: the pod stays in ContainerCreating until it exists'],
    ['projectedVolume', false, 'missing-object', 'FailedMount: the pod stays in ContainerCreating until it exists'],
    ['volume', true, 'missing-key', 'optional: the pod starts without this key'],
    ['imagePullSecret', false, 'missing-object', 'the image is pulled without these credentials; a private image fails with ImagePullBackOff'],
    ['env', false, 'ok', undefined],
  ] as const)('%s optional=%s %s', (via, optional, status, expected) => {
    expect(consequenceOf({via, optional}, status)).toBe(expected);
  });
});

describe('the examples', () => {
  test('examples/consumers: the missing key is CreateContainerConfigError, and --fail exits 1', async () => {
    const text = readFileSync(new URL('../../examples/consumers/app.yaml', import.meta.url), 'utf8');
    const objects = ManifestSource.fromTexts([{file: 'app.yaml', text}]).allObjects();
    const result = traceReferences(objects, {});
    expect(result.dangling.map((row) => [row.target.name, row.target.key, row.user.name, row.consequence])).toEqual([
      ['billing-db', 'host', 'billing', 'CreateContainerConfigError: the container cannot start until it exists']]);
    const run = await runInspect(objects, ['refs', '-A', '--fail']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('CreateContainerConfigError');
    expect((await runInspect(objects, ['refs', '-A'])).code).toBe(0);
  });

  test('examples/inspect: only an optional reference dangles, so --fail passes', async () => {
    const texts = ['secrets.yaml', 'configmaps.yaml', 'workloads.yaml'].map((file) =>
      ({file, text: readFileSync(new URL(`../../examples/inspect/${file}`, import.meta.url), 'utf8')}));
    const objects = ManifestSource.fromTexts(texts).allObjects();
    const run = await runInspect(objects, ['refs', '-n', 'shop', '--fail', '-o', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.dangling.map((row: {target: {name: string}; optional: boolean}) => [row.target.name, row.optional])).toEqual([['export-credentials', true]]);
    expect(result.unused.map((object: {name: string}) => object.name)).toEqual(['git-deploy-key', 'legacy-tls', 'mixed-up-tls']);
  });
});
