// Who references what: an index over objects of every reference a pod spec (of a Pod, or of a
// workload's pod template), a ServiceAccount, an Ingress or a token Secret makes to a Secret,
// ConfigMap, PersistentVolumeClaim or ServiceAccount. Pure: objects in, entries out.
// `kubectl inspect refs` and `kubectl tree --links` both read it.
//
// Which fields name a Secret or a ConfigMap follows Kubernetes' own visitors
// (kubernetes/kubernetes pkg/api/v1/pod/util.go: VisitPodSecretNames, VisitPodConfigmapNames):
// imagePullSecrets; env[].valueFrom and envFrom of init, regular and ephemeral containers; the
// volume sources secret, configMap, projected, azureFile, cephfs, cinder, flexVolume, rbd,
// scaleIO, iscsi, storageos and csi.nodePublishSecretRef. Empty names are skipped, as there.

import type {KubeObject} from '../cluster/types.ts';

export type ReferenceVia =
  | 'env' // env[].valueFrom.secretKeyRef / configMapKeyRef
  | 'envFrom' // envFrom[].secretRef / configMapRef
  | 'volume' // volumes[].secret / configMap
  | 'projectedVolume' // volumes[].projected.sources[].secret / configMap
  | 'volumeSecretRef' // a storage plugin's credentials: csi.nodePublishSecretRef, cephfs.secretRef, ...
  | 'persistentVolumeClaim' // volumes[].persistentVolumeClaim
  | 'ephemeralVolumeClaim' // volumes[].ephemeral: the claim named POD-VOLUME
  | 'imagePullSecret' // spec.imagePullSecrets
  | 'serviceAccountName' // spec.serviceAccountName
  | 'serviceAccountSecret' // ServiceAccount secrets[]
  | 'serviceAccountImagePullSecret' // ServiceAccount imagePullSecrets[]
  | 'ingressTLS' // Ingress spec.tls[].secretName
  | 'serviceAccountToken'; // a kubernetes.io/service-account-token Secret's service account

export type TargetKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim' | 'ServiceAccount';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface TargetRef {
  kind: TargetKind;
  namespace: string;
  name: string;
  /** The one key asked for (env, or a volume item); absent when the whole object is used. */
  key?: string;
}

export interface Reference {
  from: ObjectRef;
  to: TargetRef;
  via: ReferenceVia;
  /** `optional: true` on the reference; imagePullSecrets and the like are never optional. */
  optional: boolean;
  container?: string;
  /** The environment variable (env) or volume name, for explanations. */
  envName?: string;
  volume?: string;
  /** Where the reference sits in `from`, e.g. spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef. */
  field: string;
  /** True when `from` is a workload and the reference is in its pod template. */
  template: boolean;
}

/** Where the pod spec sits in each kind that has one. */
const podSpecPaths: Record<string, readonly string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds whose pod spec (or pod template) the index reads. */
export const podSpecKinds: readonly string[] = Object.keys(podSpecPaths);

/** Volume sources whose credentials live in a Secret named by `secretRef.name` (or `secretName`). */
const secretRefVolumeSources: readonly {source: string; field: 'secretRef' | 'secretName' | 'nodePublishSecretRef'}[] = [
  {source: 'azureFile', field: 'secretName'},
  {source: 'cephfs', field: 'secretRef'},
  {source: 'cinder', field: 'secretRef'},
  {source: 'flexVolume', field: 'secretRef'},
  {source: 'rbd', field: 'secretRef'},
  {source: 'scaleIO', field: 'secretRef'},
  {source: 'iscsi', field: 'secretRef'},
  {source: 'storageos', field: 'secretRef'},
  {source: 'csi', field: 'nodePublishSecretRef'},
];

const containerLists = ['initContainers', 'containers', 'ephemeralContainers'] as const;

function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = {apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name};
  if (object.metadata.namespace !== undefined) ref.namespace = object.metadata.namespace;
  if (object.metadata.uid !== undefined) ref.uid = object.metadata.uid;
  return ref;
}

function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function arrayOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function nonEmptyName(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Every reference one object makes. */
export function referencesOf(object: KubeObject): Reference[] {
  const out: Reference[] = [];
  const path = podSpecPaths[object.kind];
  if (path) {
    let spec: unknown = object;
    for (const step of path) spec = isRecord(spec) ? spec[step] : undefined;
    if (isRecord(spec)) collectPodSpec(object, spec, path.join('.'), object.kind !== 'Pod', out);
  } else if (object.kind === 'ServiceAccount') {
    collectServiceAccount(object, out);
  } else if (object.kind === 'Ingress') {
    collectIngress(object, out);
  } else if (object.kind === 'Secret' && object.type === 'kubernetes.io/service-account-token') {
    const name = object.metadata.annotations?.['kubernetes.io/service-account.name'];
    if (nonEmptyName(name)) {
      out.push({from: refOf(object), to: {kind: 'ServiceAccount', namespace: namespaceOf(object), name}, via: 'serviceAccountToken',
        optional: false, field: 'metadata.annotations[kubernetes.io/service-account.name]', template: false});
    }
  }
  return out;
}

function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace ?? 'default';
}

function collectPodSpec(object: KubeObject, spec: Record<string, any>, base: string, template: boolean, out: Reference[]): void {
  const from = refOf(object);
  const namespace = namespaceOf(object);
  // Hot at scale (10,000 pods): build each entry in one literal, no spreads.
  const push = (kind: TargetKind, name: string, key: string | undefined, via: ReferenceVia, optional: boolean, field: string,
    container?: string, envName?: string, volume?: string) => {
    const to: TargetRef = key === undefined ? {kind, namespace, name} : {kind, namespace, name, key};
    const reference: Reference = {from, to, via, optional, field, template};
    if (container !== undefined) reference.container = container;
    if (envName !== undefined) reference.envName = envName;
    if (volume !== undefined) reference.volume = volume;
    out.push(reference);
  };

  arrayOf(spec.imagePullSecrets).forEach((entry, index) => {
    if (isRecord(entry) && nonEmptyName(entry.name)) {
      push('Secret', entry.name, undefined, 'imagePullSecret', false, `${base}.imagePullSecrets[${index}]`);
    }
  });

  const serviceAccount = nonEmptyName(spec.serviceAccountName) ? spec.serviceAccountName : spec.serviceAccount;
  if (nonEmptyName(serviceAccount)) {
    const field = nonEmptyName(spec.serviceAccountName) ? 'serviceAccountName' : 'serviceAccount';
    push('ServiceAccount', serviceAccount, undefined, 'serviceAccountName', false, `${base}.${field}`);
  }

  for (const list of containerLists) {
    arrayOf(spec[list]).forEach((container, containerIndex) => {
      if (!isRecord(container)) return;
      const containerName = typeof container.name === 'string' ? container.name : undefined;
      const containerField = `${base}.${list}[${containerIndex}]`;
      arrayOf(container.env).forEach((variable, envIndex) => {
        if (!isRecord(variable) || !isRecord(variable.valueFrom)) return;
        for (const [refField, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
          const ref = variable.valueFrom[refField];
          if (!isRecord(ref) || !nonEmptyName(ref.name)) continue;
          push(kind, ref.name, typeof ref.key === 'string' ? ref.key : undefined, 'env', ref.optional === true,
            `${containerField}.env[${envIndex}].valueFrom.${refField}`, containerName, typeof variable.name === 'string' ? variable.name : undefined);
        }
      });
      arrayOf(container.envFrom).forEach((source, envFromIndex) => {
        if (!isRecord(source)) return;
        for (const [refField, kind] of [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const) {
          const ref = source[refField];
          if (!isRecord(ref) || !nonEmptyName(ref.name)) continue;
          push(kind, ref.name, undefined, 'envFrom', ref.optional === true, `${containerField}.envFrom[${envFromIndex}].${refField}`, containerName);
        }
      });
    });
  }

  arrayOf(spec.volumes).forEach((volume, volumeIndex) => {
    if (!isRecord(volume)) return;
    const volumeName = typeof volume.name === 'string' ? volume.name : undefined;
    const volumeField = `${base}.volumes[${volumeIndex}]`;
    const keyed = (kind: 'Secret' | 'ConfigMap', name: string, source: Record<string, any>, via: ReferenceVia, field: string) => {
      const optional = source.optional === true;
      const items = arrayOf(source.items).filter((item) => isRecord(item) && typeof item.key === 'string');
      if (items.length === 0) {
        push(kind, name, undefined, via, optional, field, undefined, undefined, volumeName);
        return;
      }
      for (const item of items) push(kind, name, item.key, via, optional, `${field}.items`, undefined, undefined, volumeName);
    };
    if (isRecord(volume.secret) && nonEmptyName(volume.secret.secretName)) {
      keyed('Secret', volume.secret.secretName, volume.secret, 'volume', `${volumeField}.secret`);
    }
    if (isRecord(volume.configMap) && nonEmptyName(volume.configMap.name)) {
      keyed('ConfigMap', volume.configMap.name, volume.configMap, 'volume', `${volumeField}.configMap`);
    }
    if (isRecord(volume.projected)) {
      arrayOf(volume.projected.sources).forEach((source, sourceIndex) => {
        if (!isRecord(source)) return;
        const sourceField = `${volumeField}.projected.sources[${sourceIndex}]`;
        if (isRecord(source.secret) && nonEmptyName(source.secret.name)) {
          keyed('Secret', source.secret.name, source.secret, 'projectedVolume', `${sourceField}.secret`);
        }
        if (isRecord(source.configMap) && nonEmptyName(source.configMap.name)) {
          keyed('ConfigMap', source.configMap.name, source.configMap, 'projectedVolume', `${sourceField}.configMap`);
        }
      });
    }
    for (const {source, field} of secretRefVolumeSources) {
      const plugin = volume[source];
      if (!isRecord(plugin)) continue;
      const name = field === 'secretName' ? plugin.secretName : isRecord(plugin[field]) ? plugin[field].name : undefined;
      if (nonEmptyName(name)) {
        push('Secret', name, undefined, 'volumeSecretRef', false, `${volumeField}.${source}.${field}`, undefined, undefined, volumeName);
      }
    }
    if (isRecord(volume.persistentVolumeClaim) && nonEmptyName(volume.persistentVolumeClaim.claimName)) {
      push('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName, undefined, 'persistentVolumeClaim', false,
        `${volumeField}.persistentVolumeClaim`, undefined, undefined, volumeName);
    }
    // A generic ephemeral volume's claim is named after the pod, so only a Pod can name it.
    if (!template && isRecord(volume.ephemeral) && volumeName) {
      push('PersistentVolumeClaim', `${object.metadata.name}-${volumeName}`, undefined, 'ephemeralVolumeClaim', false,
        `${volumeField}.ephemeral`, undefined, undefined, volumeName);
    }
  });
}

function collectServiceAccount(object: KubeObject, out: Reference[]): void {
  const from = refOf(object);
  const namespace = namespaceOf(object);
  arrayOf(object.secrets).forEach((entry, index) => {
    if (isRecord(entry) && nonEmptyName(entry.name)) {
      // An ObjectReference may name another namespace; kubelet and the token controller never do.
      out.push({from, to: {kind: 'Secret', namespace, name: entry.name}, via: 'serviceAccountSecret', optional: false,
        field: `secrets[${index}]`, template: false});
    }
  });
  arrayOf(object.imagePullSecrets).forEach((entry, index) => {
    if (isRecord(entry) && nonEmptyName(entry.name)) {
      out.push({from, to: {kind: 'Secret', namespace, name: entry.name}, via: 'serviceAccountImagePullSecret', optional: false,
        field: `imagePullSecrets[${index}]`, template: false});
    }
  });
}

function collectIngress(object: KubeObject, out: Reference[]): void {
  const from = refOf(object);
  const tls = isRecord(object.spec) ? arrayOf(object.spec.tls) : [];
  tls.forEach((entry, index) => {
    if (isRecord(entry) && nonEmptyName(entry.secretName)) {
      out.push({from, to: {kind: 'Secret', namespace: namespaceOf(object), name: entry.secretName}, via: 'ingressTLS',
        optional: false, field: `spec.tls[${index}].secretName`, template: false});
    }
  });
}

export function targetKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The index: every reference, and lookups by the referencing object and by the target. */
export class ReferenceIndex {
  readonly references: readonly Reference[];
  private readonly byTarget = new Map<string, Reference[]>();
  private readonly bySource = new Map<string, Reference[]>();

  constructor(references: readonly Reference[]) {
    this.references = references;
    let lastFrom: ObjectRef | undefined;
    let fromList: Reference[] = [];
    for (const reference of references) {
      const target = targetKey(reference.to.kind, reference.to.namespace, reference.to.name);
      let list = this.byTarget.get(target);
      if (!list) this.byTarget.set(target, (list = []));
      list.push(reference);
      // One object's references come together and share their `from`: one lookup per object.
      if (reference.from !== lastFrom) {
        lastFrom = reference.from;
        const source = targetKey(reference.from.kind, reference.from.namespace, reference.from.name);
        fromList = this.bySource.get(source) ?? [];
        this.bySource.set(source, fromList);
      }
      fromList.push(reference);
    }
  }

  static build(objects: Iterable<KubeObject>): ReferenceIndex {
    const references: Reference[] = [];
    for (const object of objects) {
      for (const reference of referencesOf(object)) references.push(reference);
    }
    return new ReferenceIndex(references);
  }

  /** References to one object (any key), in the order the objects were given. */
  to(kind: string, namespace: string | undefined, name: string): readonly Reference[] {
    return this.byTarget.get(targetKey(kind, namespace, name)) ?? [];
  }

  /** References one object makes. */
  from(kind: string, namespace: string | undefined, name: string): readonly Reference[] {
    return this.bySource.get(targetKey(kind, namespace, name)) ?? [];
  }

  /** Every target referenced, as "Kind/namespace/name" keys. */
  targets(): IterableIterator<string> {
    return this.byTarget.keys();
  }
}
