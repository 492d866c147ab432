// Label helpers every role shares (discovery/kubernetes/kubernetes.go, util/strutil): label name
// sanitising, `_name`/`_label_*`/`_labelpresent_*`/`_annotation_*`/`_annotationpresent_*`, and the
// node and namespace metadata that attach_metadata adds.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';

export const META = '__meta_kubernetes_';
export const NAMESPACE_LABEL = `${META}namespace`;
export const ADDRESS_LABEL = '__address__';
const PRESENT = 'true';

const sanitized = new Map<string, string>();

/** strutil.SanitizeLabelName: every rune outside [a-zA-Z0-9_] becomes `_` (one per rune, as Go's regexp). */
export function sanitizeLabelName(name: string): string {
  // Label and annotation keys repeat across thousands of objects: sanitise each once.
  let out = sanitized.get(name);
  if (out === undefined) {
    out = name.replace(/[^a-zA-Z0-9_]/gu, '_');
    if (sanitized.size < 100_000) sanitized.set(name, out);
  }
  return out;
}

export function addObjectAnnotationsAndLabels(labels: Labels, object: KubeObject, resource: string): void {
  for (const [k, v] of Object.entries(object.metadata?.labels ?? {})) {
    const name = sanitizeLabelName(k);
    labels[`${META}${resource}_label_${name}`] = String(v ?? '');
    labels[`${META}${resource}_labelpresent_${name}`] = PRESENT;
  }
  for (const [k, v] of Object.entries(object.metadata?.annotations ?? {})) {
    const name = sanitizeLabelName(k);
    labels[`${META}${resource}_annotation_${name}`] = String(v ?? '');
    labels[`${META}${resource}_annotationpresent_${name}`] = PRESENT;
  }
}

export function addObjectMetaLabels(labels: Labels, object: KubeObject, role: string): void {
  labels[`${META}${role}_name`] = object.metadata?.name ?? '';
  addObjectAnnotationsAndLabels(labels, object, role);
}

/** Go's net.JoinHostPort. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** model.LabelSet.Merge: the second set wins. */
export function merge(a: Labels, b: Labels): Labels {
  return {...a, ...b};
}

export function nodeMetaLabels(node: KubeObject | undefined): Labels {
  if (!node) return {};
  const labels: Labels = {};
  addObjectMetaLabels(labels, node, 'node');
  return labels;
}

export function namespaceMetaLabels(namespace: KubeObject | undefined): Labels {
  if (!namespace) return {};
  const labels: Labels = {};
  addObjectAnnotationsAndLabels(labels, namespace, 'namespace');
  return labels;
}

/** metav1.GetControllerOf. */
export function controllerOf(object: KubeObject | undefined): {kind?: string; name?: string} | undefined {
  return (object?.metadata?.ownerReferences ?? []).find((ref) => ref.controller === true);
}

export function namespacedName(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** A store keyed as client-go's MetaNamespaceKeyFunc keys it. */
export class ObjectStore {
  private readonly byKey = new Map<string, KubeObject>();
  constructor(objects: readonly KubeObject[], namespaced: boolean) {
    for (const o of objects) this.byKey.set(namespaced ? namespacedName(o.metadata.namespace, o.metadata.name) : o.metadata.name, o);
  }
  get(key: string): KubeObject | undefined {
    return this.byKey.get(key);
  }
}
