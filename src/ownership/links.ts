// `kubectl tree --links`: the relations that are not ownerReferences. For a pod: its
// ServiceAccount, the ConfigMaps, Secrets and PersistentVolumeClaims it uses (read by the shared
// who-references-what index, src/kube/references.ts, the one `kubectl inspect refs` reads), its
// Node, the Services whose selector matches it, the NetworkPolicies and PodDisruptionBudgets
// that select it. A claim links on to its PersistentVolume, a Service to the Ingresses routing
// to it. Pure: objects in, links out.

import type {KubeObject} from '../cluster/types.ts';
import {referencesOf, type Reference} from '../kube/references.ts';
import {compileLabelSelector, selectorFromLabels, type CompiledSelector} from '../kube/selector.ts';
import {compareText} from './graph.ts';
import {summarize, type SummaryOptions} from './tree.ts';
import type {LinkNode} from './types.ts';

/** API versions of the kinds a link can point to, for targets that are missing. */
const targetApiVersions: Record<string, string> = {
  Secret: 'v1', ConfigMap: 'v1', PersistentVolumeClaim: 'v1', ServiceAccount: 'v1', Node: 'v1',
  PersistentVolume: 'v1', Service: 'v1', Ingress: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
};

/** Kinds whose objects the links read (the collector lists these). */
export const linkTargetKinds: readonly string[] = Object.keys(targetApiVersions);

export interface LinkIndexOptions extends SummaryOptions {
  /** Kinds that could not be read (forbidden): a target of these kinds is unknown, not missing. */
  unreadableKinds?: ReadonlySet<string>;
  /**
   * Manifests (offline) rarely carry what Kubernetes creates in every namespace by itself: the
   * `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap. Absent there, they are assumed.
   */
  assumeNamespaceDefaults?: boolean;
}

function namespaceDefault(kind: string, name: string): boolean {
  return (kind === 'ServiceAccount' && name === 'default') || (kind === 'ConfigMap' && name === 'kube-root-ca.crt');
}

interface Selecting {
  object: KubeObject;
  selector: CompiledSelector;
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function record(value: unknown): Record<string, any> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}

function pushTo<T>(map: Map<string, T[]>, mapKey: string, value: T): void {
  const list = map.get(mapKey);
  if (list) list.push(value);
  else map.set(mapKey, [value]);
}

/** How a reference from references.ts reads in the RELATION column. */
export function relationOf(reference: Reference): string {
  switch (reference.via) {
    case 'env': return reference.envName ? `env ${reference.envName}` : 'env';
    case 'volume':
    case 'projectedVolume':
    case 'volumeSecretRef':
    case 'persistentVolumeClaim':
    case 'ephemeralVolumeClaim':
      return reference.volume ? `volume ${reference.volume}` : 'volume';
    default: return reference.via;
  }
}

/** Names of the Services an Ingress routes to (v1 and the older serviceName form). */
function ingressServices(ingress: KubeObject): string[] {
  const spec = record(ingress.spec) ?? {};
  const names = new Set<string>();
  const add = (backend: unknown) => {
    const value = record(backend);
    const name = record(value?.service)?.name ?? value?.serviceName;
    if (typeof name === 'string' && name) names.add(name);
  };
  add(spec.defaultBackend);
  add(spec.backend);
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const paths = record(record(rule)?.http)?.paths;
    for (const path of Array.isArray(paths) ? paths : []) add(record(path)?.backend);
  }
  return [...names];
}

function safeSelector(selector: unknown): CompiledSelector | undefined {
  try {
    return compileLabelSelector(selector as any);
  } catch {
    return undefined; // A selector the API server would have refused selects nothing here.
  }
}

export class LinkIndex {
  private readonly objects = new Map<string, KubeObject>();
  private readonly services = new Map<string, Selecting[]>();
  private readonly policies = new Map<string, Selecting[]>();
  private readonly budgets = new Map<string, Selecting[]>();
  private readonly ingressesByService = new Map<string, KubeObject[]>();
  private readonly selectedCache = new Map<string, LinkNode[]>();
  private readonly options: LinkIndexOptions;

  /** Later copies of an object (a full one after its metadata) replace earlier ones. */
  constructor(objects: Iterable<KubeObject>, options: LinkIndexOptions = {}) {
    this.options = options;
    for (const object of objects) {
      if (!object?.metadata?.name) continue;
      this.objects.set(key(object.kind, object.metadata.namespace, object.metadata.name), object);
    }
    for (const object of this.objects.values()) {
      const namespace = object.metadata.namespace ?? '';
      const spec = record(object.spec);
      switch (object.kind) {
        case 'Service': {
          // A Service without a selector (or with an empty one) selects no pods.
          const selector = record(spec?.selector);
          if (selector && Object.keys(selector).length > 0) {
            pushTo(this.services, namespace, {object, selector: selectorFromLabels(selector as Record<string, string>)});
          }
          break;
        }
        case 'NetworkPolicy': {
          const selector = safeSelector(spec?.podSelector ?? {});
          if (selector) pushTo(this.policies, namespace, {object, selector});
          break;
        }
        case 'PodDisruptionBudget': {
          const selector = spec ? safeSelector(spec.selector) : undefined;
          if (selector) pushTo(this.budgets, namespace, {object, selector});
          break;
        }
        case 'Ingress':
          for (const service of ingressServices(object)) pushTo(this.ingressesByService, key('Service', namespace, service), object);
          break;
      }
    }
  }

  /** The links of one object, sorted by kind then name; undefined when it has none. */
  linksOf(object: KubeObject): LinkNode[] | undefined {
    let links: LinkNode[] = [];
    switch (object.kind) {
      case 'Pod': links = this.podLinks(object); break;
      case 'PersistentVolumeClaim': links = this.claimLinks(object); break;
      case 'Service': links = this.serviceLinks(object); break;
    }
    return links.length > 0 ? links : undefined;
  }

  private podLinks(pod: KubeObject): LinkNode[] {
    const namespace = pod.metadata.namespace ?? '';
    const grouped = new Map<string, {kind: string; name: string; relations: string[]; optional: boolean}>();
    for (const reference of referencesOf(pod)) {
      const targetKey = key(reference.to.kind, reference.to.namespace, reference.to.name);
      let entry = grouped.get(targetKey);
      if (!entry) grouped.set(targetKey, (entry = {kind: reference.to.kind, name: reference.to.name, relations: [], optional: true}));
      const relation = relationOf(reference);
      if (!entry.relations.includes(relation)) entry.relations.push(relation);
      if (!reference.optional) entry.optional = false;
    }
    const links: LinkNode[] = [];
    for (const entry of grouped.values()) {
      links.push(this.target(entry.kind, namespace, entry.name, entry.relations.join(', '), entry.optional));
    }
    const nodeName = record(pod.spec)?.nodeName;
    if (typeof nodeName === 'string' && nodeName) links.push(this.target('Node', undefined, nodeName, 'nodeName', false));
    links.push(...this.selectedBy(pod));
    return links.sort(compareLinks);
  }

  /** Services, NetworkPolicies and PodDisruptionBudgets selecting the pod; pods of one template share the answer. */
  private selectedBy(pod: KubeObject): LinkNode[] {
    const namespace = pod.metadata.namespace ?? '';
    const labels = pod.metadata.labels ?? {};
    const cacheKey = `${namespace}\u0000${JSON.stringify(Object.keys(labels).sort().map((label) => [label, labels[label]]))}`;
    const cached = this.selectedCache.get(cacheKey);
    if (cached) return cached;
    const found: LinkNode[] = [];
    for (const [map, relation] of [[this.services, 'selector'], [this.policies, 'podSelector'], [this.budgets, 'selector']] as const) {
      for (const {object, selector} of map.get(namespace) ?? []) {
        if (!selector.matches(labels)) continue;
        const link: LinkNode = {...summarize(object, this.options), relation};
        if (object.kind === 'Service') {
          const ingresses = this.serviceLinks(object);
          if (ingresses.length > 0) link.links = ingresses;
        }
        found.push(link);
      }
    }
    this.selectedCache.set(cacheKey, found);
    return found;
  }

  private claimLinks(claim: KubeObject): LinkNode[] {
    const volumeName = record(claim.spec)?.volumeName;
    return typeof volumeName === 'string' && volumeName ? [this.target('PersistentVolume', undefined, volumeName, 'volumeName', false)] : [];
  }

  private serviceLinks(service: KubeObject): LinkNode[] {
    const ingresses = this.ingressesByService.get(key('Service', service.metadata.namespace, service.metadata.name)) ?? [];
    return ingresses.map((ingress) => ({...summarize(ingress, this.options), relation: 'backend'})).sort(compareLinks);
  }

  private target(kind: string, namespace: string | undefined, name: string, relation: string, optional: boolean): LinkNode {
    const object = this.objects.get(key(kind, namespace, name));
    if (object) {
      const link: LinkNode = {...summarize(object, this.options), relation};
      const nested = kind === 'PersistentVolumeClaim' ? this.claimLinks(object) : [];
      if (nested.length > 0) link.links = nested;
      return link;
    }
    const unreadable = this.options.unreadableKinds?.has(kind) ?? false;
    const assumed = this.options.assumeNamespaceDefaults === true && namespaceDefault(kind, name);
    if (assumed) {
      return {kind, apiVersion: 'v1', namespace: namespace ?? '', name, uid: '', ready: '-', status: '-', age: '<unknown>', health: 'none', relation};
    }
    return {
      kind,
      apiVersion: targetApiVersions[kind] ?? 'v1',
      namespace: namespace ?? '',
      name,
      uid: '',
      ready: '-',
      status: unreadable ? 'Unknown' : optional ? 'NotFound (optional)' : 'NotFound',
      age: '<unknown>',
      health: unreadable || optional ? 'warn' : 'bad',
      relation,
      missing: true,
    };
  }
}

function compareLinks(a: LinkNode, b: LinkNode): number {
  return compareText(a.kind, b.kind) || compareText(a.name, b.name) || compareText(a.namespace, b.namespace);
}
