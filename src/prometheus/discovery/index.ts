// Kubernetes service discovery over a snapshot of objects: what Prometheus's informers would list
// (namespaces, label and field selectors per role), then the role's target groups, sorted by source.
import type {KubeObject} from '../../cluster/types.ts';
import {InputError} from '../../errors.ts';
import {matchesLabelQuery, parseLabelQuery} from '../../kube/label-query.ts';
import type {Labels} from '../labels.ts';
import {sortByGo} from '../labels.ts';
import {buildEndpoints} from './endpoints.ts';
import type {EndpointsContext} from './endpoints.ts';
import {buildEndpointSlice} from './endpointslice.ts';
import {buildIngress} from './ingress.ts';
import {ObjectStore} from './meta.ts';
import {buildNode} from './node.ts';
import {buildPod} from './pod.ts';
import type {DiscoverySemantics} from './semantics.ts';
import {discoverySemantics} from './semantics.ts';
import {buildService} from './service.ts';
import type {DiscoveryObjects, KubernetesRole, KubernetesSdConfig, TargetGroup} from './types.ts';

export * from './types.ts';
export {discoverySemantics} from './semantics.ts';
export type {DiscoverySemantics} from './semantics.ts';

export interface DiscoveryOptions {
  semantics?: DiscoverySemantics;
  /** The namespace Prometheus runs in, for `namespaces.own_namespace`. */
  ownNamespace?: string;
  /**
   * Pod labels made by earlier discoveries over the same snapshot (one computeTargets run), by the
   * settings they depend on. A pod's labels read only its own namespace's ReplicaSets and Jobs, which
   * every discovery that lists the pod also lists.
   */
  podLabelCaches?: Map<string, WeakMap<KubeObject, Labels>>;
}

/** getNamespaces: undefined means all namespaces. */
export function namespacesOf(config: KubernetesSdConfig, ownNamespace?: string): string[] | undefined {
  const {names, ownNamespace: own} = config.namespaces;
  if (names.length === 0 && !own) return undefined;
  if (own && ownNamespace) return [...names, ownNamespace];
  return names;
}

type Filter = (object: KubeObject) => boolean;

/** A field selector as the API server reads one: comma-joined `path=value`, `path==value`, `path!=value`. */
export function fieldSelectorFilter(text: string): Filter {
  const clauses = text.split(',').map((s) => s.trim()).filter(Boolean).map((clause) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(clause);
    if (!m) throw new InputError(`invalid field selector ${JSON.stringify(text)}`);
    return {path: m[1]!.split('.'), value: m[3]!, negate: m[2] === '!='};
  });
  return (object) => clauses.every(({path, value, negate}) => {
    let cursor: any = object;
    for (const part of path) cursor = cursor?.[part];
    const actual = cursor === undefined || cursor === null ? '' : String(cursor);
    return (actual === value) !== negate;
  });
}

function selectorFilter(config: KubernetesSdConfig, role: KubernetesRole): Filter {
  const selector = config.selectors.find((s) => s.role === role);
  if (!selector) return () => true;
  const label = selector.label ? parseLabelQuery(selector.label) : [];
  const field = selector.field ? fieldSelectorFilter(selector.field) : () => true;
  return (object) => matchesLabelQuery(label, object.metadata?.labels) && field(object);
}

export function discoverKubernetes(config: KubernetesSdConfig, objects: DiscoveryObjects, options: DiscoveryOptions = {}): TargetGroup[] {
  const semantics = options.semantics ?? discoverySemantics();
  const namespaces = namespacesOf(config, options.ownNamespace);
  const inScope = (object: KubeObject) => namespaces === undefined || namespaces.includes(object.metadata.namespace ?? '');
  const listed = (list: KubeObject[], role: KubernetesRole) => {
    const filter = selectorFilter(config, role);
    return list.filter((o) => inScope(o) && filter(o));
  };
  const nodeFilter = selectorFilter(config, 'node');
  const nodes = new ObjectStore(objects.nodes.filter(nodeFilter), false);
  const context: EndpointsContext = {
    config,
    semantics,
    nodes,
    namespaces: new ObjectStore(objects.namespaces, false),
    replicaSets: new ObjectStore(objects.replicaSets.filter(inScope), true),
    jobs: new ObjectStore(objects.jobs.filter(inScope), true),
    pods: new ObjectStore(listed(objects.pods, 'pod'), true),
    services: new ObjectStore(listed(objects.services, 'service'), true),
  };
  if (options.podLabelCaches) {
    const {deployment, job, cronjob} = config.attachMetadata;
    const key = JSON.stringify([semantics.workloadMetadata, deployment, job, cronjob]);
    let cache = options.podLabelCaches.get(key);
    if (!cache) options.podLabelCaches.set(key, (cache = new WeakMap()));
    context.podLabelCache = cache;
  }
  const namespaceOf = (o: KubeObject) => context.namespaces.get(o.metadata.namespace ?? '');
  const attachNamespace = config.attachMetadata.namespace;
  const groups: TargetGroup[] = [];
  switch (config.role) {
    case 'node':
      for (const node of objects.nodes.filter(nodeFilter)) {
        const group = buildNode(node, semantics);
        if (group) groups.push(group);
      }
      break;
    case 'pod':
      for (const pod of listed(objects.pods, 'pod')) groups.push(buildPod(pod, context));
      break;
    case 'service':
      for (const service of listed(objects.services, 'service')) groups.push(buildService(service, semantics, {namespace: namespaceOf(service), attachNamespace}));
      break;
    case 'endpoints':
      for (const endpoints of listed(objects.endpoints, 'endpoints')) groups.push(buildEndpoints(endpoints, context));
      break;
    case 'endpointslice':
      for (const slice of listed(objects.endpointSlices, 'endpointslice')) groups.push(buildEndpointSlice(slice, context));
      break;
    case 'ingress':
      for (const ingress of listed(objects.ingresses, 'ingress')) groups.push(buildIngress(ingress, semantics, {namespace: namespaceOf(ingress), attachNamespace}));
      break;
  }
  return sortByGo(groups, (group) => group.source);
}

/** Sorts a snapshot's objects into what discovery reads, by kind. */
export function discoveryObjectsFrom(list: readonly KubeObject[]): DiscoveryObjects {
  const out: DiscoveryObjects = {nodes: [], pods: [], services: [], endpoints: [], endpointSlices: [], ingresses: [], namespaces: [], replicaSets: [], jobs: []};
  for (const o of list) {
    const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
    switch (o.kind) {
      case 'Node': if (group === '') out.nodes.push(o); break;
      case 'Pod': if (group === '') out.pods.push(o); break;
      case 'Service': if (group === '') out.services.push(o); break;
      case 'Endpoints': if (group === '') out.endpoints.push(o); break;
      case 'EndpointSlice': if (group === 'discovery.k8s.io') out.endpointSlices.push(o); break;
      case 'Ingress': if (group === 'networking.k8s.io' || group === 'extensions') out.ingresses.push(o); break;
      case 'Namespace': if (group === '') out.namespaces.push(o); break;
      case 'ReplicaSet': if (group === 'apps') out.replicaSets.push(o); break;
      case 'Job': if (group === 'batch') out.jobs.push(o); break;
    }
  }
  return out;
}
