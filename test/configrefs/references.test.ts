// The reference index against the fields Kubernetes' own visitors read
// (kubernetes/kubernetes pkg/api/v1/pod/util.go VisitPodSecretNames, VisitPodConfigmapNames,
// and their tests in pkg/api/v1/pod/util_test.go: TestPodSecrets, TestPodConfigmaps, which walk
// every field that can name a Secret or ConfigMap and require each one be visited).

import {describe, expect, test} from '@jest/globals';
import type {KubeObject} from '../../src/cluster/types.ts';
import {ReferenceIndex, referencesOf, type Reference} from '../../src/kube/references.ts';

function pod(spec: Record<string, unknown>): KubeObject {
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'ns'}, spec};
}

const summary = (reference: Reference) => `${reference.via} ${reference.to.kind}/${reference.to.name}${reference.to.key !== undefined ? `[${reference.to.key}]` : ''}` +
  `${reference.optional ? ' optional' : ''}${reference.container ? ` in ${reference.container}` : ''} @${reference.field}`;

// Each row: a pod spec fragment and the references it must yield (util_test.go's field list).
const podCases: [string, Record<string, unknown>, string[]][] = [
  ['imagePullSecrets', {imagePullSecrets: [{name: 'pull'}, {name: ''}]}, ['imagePullSecret Secret/pull @spec.imagePullSecrets[0]']],
  ['env secretKeyRef in a container', {containers: [{name: 'c', env: [{name: 'A', valueFrom: {secretKeyRef: {name: 's', key: 'k'}}}]}]},
    ['env Secret/s[k] in c @spec.containers[0].env[0].valueFrom.secretKeyRef']],
  ['env configMapKeyRef, optional, in an init container', {initContainers: [{name: 'i', env: [{name: 'B', valueFrom: {configMapKeyRef: {name: 'cm', key: 'x', optional: true}}}]}]},
    ['env ConfigMap/cm[x] optional in i @spec.initContainers[0].env[0].valueFrom.configMapKeyRef']],
  ['envFrom of both kinds in an ephemeral container', {ephemeralContainers: [{name: 'debug', envFrom: [{secretRef: {name: 's'}}, {configMapRef: {name: 'cm', optional: true}, prefix: 'X_'}]}]},
    ['envFrom Secret/s in debug @spec.ephemeralContainers[0].envFrom[0].secretRef', 'envFrom ConfigMap/cm optional in debug @spec.ephemeralContainers[0].envFrom[1].configMapRef']],
  ['env with a plain value or fieldRef names nothing', {containers: [{name: 'c', env: [{name: 'A', value: 'v'}, {name: 'B', valueFrom: {fieldRef: {fieldPath: 'metadata.name'}}}]}]}, []],
  ['secret volume', {volumes: [{name: 'v', secret: {secretName: 's'}}]}, ['volume Secret/s @spec.volumes[0].secret']],
  ['secret volume with items and optional', {volumes: [{name: 'v', secret: {secretName: 's', optional: true, items: [{key: 'a', path: 'a'}, {key: 'b', path: 'b'}]}}]},
    ['volume Secret/s[a] optional @spec.volumes[0].secret.items', 'volume Secret/s[b] optional @spec.volumes[0].secret.items']],
  ['configMap volume', {volumes: [{name: 'v', configMap: {name: 'cm'}}]}, ['volume ConfigMap/cm @spec.volumes[0].configMap']],
  ['projected secret, configMap, token and downwardAPI', {volumes: [{name: 'v', projected: {sources: [
    {secret: {name: 's'}}, {configMap: {name: 'cm', items: [{key: 'ca.crt', path: 'ca.crt'}]}}, {serviceAccountToken: {path: 't'}}, {downwardAPI: {items: []}}]}}]},
  ['projectedVolume Secret/s @spec.volumes[0].projected.sources[0].secret', 'projectedVolume ConfigMap/cm[ca.crt] @spec.volumes[0].projected.sources[1].configMap.items']],
  ['azureFile.secretName', {volumes: [{name: 'v', azureFile: {secretName: 'az', shareName: 'x'}}]}, ['volumeSecretRef Secret/az @spec.volumes[0].azureFile.secretName']],
  ['cephfs.secretRef', {volumes: [{name: 'v', cephfs: {monitors: [], secretRef: {name: 'ceph'}}}]}, ['volumeSecretRef Secret/ceph @spec.volumes[0].cephfs.secretRef']],
  ['cinder.secretRef', {volumes: [{name: 'v', cinder: {volumeID: 'x', secretRef: {name: 'cinder'}}}]}, ['volumeSecretRef Secret/cinder @spec.volumes[0].cinder.secretRef']],
  ['flexVolume.secretRef', {volumes: [{name: 'v', flexVolume: {driver: 'd', secretRef: {name: 'flex'}}}]}, ['volumeSecretRef Secret/flex @spec.volumes[0].flexVolume.secretRef']],
  ['rbd.secretRef', {volumes: [{name: 'v', rbd: {image: 'i', secretRef: {name: 'rbd'}}}]}, ['volumeSecretRef Secret/rbd @spec.volumes[0].rbd.secretRef']],
  ['scaleIO.secretRef', {volumes: [{name: 'v', scaleIO: {gateway: 'g', secretRef: {name: 'scaleio'}}}]}, ['volumeSecretRef Secret/scaleio @spec.volumes[0].scaleIO.secretRef']],
  ['iscsi.secretRef', {volumes: [{name: 'v', iscsi: {targetPortal: 't', secretRef: {name: 'iscsi'}}}]}, ['volumeSecretRef Secret/iscsi @spec.volumes[0].iscsi.secretRef']],
  ['storageos.secretRef', {volumes: [{name: 'v', storageos: {volumeName: 'x', secretRef: {name: 'sos'}}}]}, ['volumeSecretRef Secret/sos @spec.volumes[0].storageos.secretRef']],
  ['csi.nodePublishSecretRef', {volumes: [{name: 'v', csi: {driver: 'd', nodePublishSecretRef: {name: 'csi'}}}]}, ['volumeSecretRef Secret/csi @spec.volumes[0].csi.nodePublishSecretRef']],
  ['persistentVolumeClaim', {volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'claim'}}]}, ['persistentVolumeClaim PersistentVolumeClaim/claim @spec.volumes[0].persistentVolumeClaim']],
  ['generic ephemeral volume: the claim POD-VOLUME', {volumes: [{name: 'scratch', ephemeral: {volumeClaimTemplate: {spec: {}}}}]},
    ['ephemeralVolumeClaim PersistentVolumeClaim/p-scratch @spec.volumes[0].ephemeral']],
  ['serviceAccountName', {serviceAccountName: 'sa'}, ['serviceAccountName ServiceAccount/sa @spec.serviceAccountName']],
  ['deprecated serviceAccount', {serviceAccount: 'old'}, ['serviceAccountName ServiceAccount/old @spec.serviceAccount']],
  ['empty names are skipped, as skipEmptyNames does', {volumes: [{name: 'v', secret: {secretName: ''}}], containers: [{name: 'c', envFrom: [{secretRef: {name: ''}}]}]}, []],
];

describe('references from a pod spec', () => {
  test.each(podCases)('%s', (_name, spec, expected) => {
    expect(referencesOf(pod(spec)).map(summary)).toEqual(expected);
  });
});

const template = {spec: {containers: [{name: 'c', envFrom: [{configMapRef: {name: 'cm'}}]}], volumes: [{name: 'e', ephemeral: {}}]}};
const workloadCases: [string, KubeObject, string][] = [
  ['Deployment', {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['StatefulSet', {apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['DaemonSet', {apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['ReplicaSet', {apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['Job', {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['CronJob', {apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name: 'w', namespace: 'ns'}, spec: {jobTemplate: {spec: {template}}}}, 'spec.jobTemplate.spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['ReplicationController', {apiVersion: 'v1', kind: 'ReplicationController', metadata: {name: 'w', namespace: 'ns'}, spec: {template}}, 'spec.template.spec.containers[0].envFrom[0].configMapRef'],
  ['PodTemplate', {apiVersion: 'v1', kind: 'PodTemplate', metadata: {name: 'w', namespace: 'ns'}, template}, 'template.spec.containers[0].envFrom[0].configMapRef'],
];

describe('references from pod templates', () => {
  test.each(workloadCases)('%s', (_name, object, field) => {
    const references = referencesOf(object);
    // A template cannot name its pods' ephemeral claims: those carry the pod's name.
    expect(references).toHaveLength(1);
    expect(references[0]).toMatchObject({to: {kind: 'ConfigMap', namespace: 'ns', name: 'cm'}, via: 'envFrom', template: true, field, container: 'c'});
  });
});

describe('references from other objects', () => {
  test.each([
    ['ServiceAccount secrets and imagePullSecrets', {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'sa', namespace: 'ns'},
      secrets: [{name: 'tok'}], imagePullSecrets: [{name: 'pull'}]}, ['serviceAccountSecret Secret/tok @secrets[0]', 'serviceAccountImagePullSecret Secret/pull @imagePullSecrets[0]']],
    ['Ingress TLS', {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name: 'i', namespace: 'ns'},
      spec: {tls: [{secretName: 'cert'}, {hosts: ['a']}]}}, ['ingressTLS Secret/cert @spec.tls[0].secretName']],
    ['a token Secret names its ServiceAccount', {apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: {name: 't', namespace: 'ns', annotations: {'kubernetes.io/service-account.name': 'sa'}}},
    ['serviceAccountToken ServiceAccount/sa @metadata.annotations[kubernetes.io/service-account.name]']],
    ['a ConfigMap names nothing', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c', namespace: 'ns'}}, []],
  ] as [string, KubeObject, string[]][])('%s', (_name, object, expected) => {
    expect(referencesOf(object).map(summary)).toEqual(expected);
  });
});

test('the index looks up by target and by source', () => {
  const objects: KubeObject[] = [
    pod({containers: [{name: 'c', env: [{name: 'A', valueFrom: {secretKeyRef: {name: 's', key: 'k'}}}]}], volumes: [{name: 'v', secret: {secretName: 's'}}]}),
    {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'q', namespace: 'other'}, spec: {volumes: [{name: 'v', secret: {secretName: 's'}}]}},
  ];
  const index = ReferenceIndex.build(objects);
  expect(index.to('Secret', 'ns', 's').map((reference) => reference.via)).toEqual(['env', 'volume']);
  expect(index.to('Secret', 'other', 's')).toHaveLength(1);
  expect(index.from('Pod', 'ns', 'p')).toHaveLength(2);
  expect(index.to('Secret', 'ns', 'nope')).toEqual([]);
  expect([...index.targets()].sort()).toEqual(['Secret/ns/s', 'Secret/other/s']);
});

test('malformed specs are read as far as they go, never thrown on', () => {
  const odd = pod({containers: 'x', volumes: [null, 3, {name: 'v', secret: 'nope'}], imagePullSecrets: [{}]});
  expect(referencesOf(odd)).toEqual([]);
});
