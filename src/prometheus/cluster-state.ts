// Asks a Source for what `monitor targets` and `monitor check` read, in parallel: the kinds service
// discovery lists, the Prometheus servers (workloads, Operator resources) and their config objects.
// Kinds the source does not know or may not list degrade to a warning.
import type {KubeObject, ListRequest, ResourceType, Source} from '../cluster/types.ts';
import {InputError} from '../errors.ts';
import {loadPrometheusConfig} from './config/load.ts';
import type {PrometheusConfig} from './config/types.ts';
import {configText, findPrometheusServers, parseConfigRef} from './config/sources.ts';
import type {PrometheusServer} from './config/sources.ts';
import {discoveryObjectsFrom} from './discovery/index.ts';
import type {DiscoveryObjects} from './discovery/index.ts';
import type {RelabelSemantics} from './version.ts';
import {generateOperatorConfig} from './operator/generate.ts';
import {selectsMonitor} from './operator/select.ts';

const KINDS: Array<[group: string, kind: string]> = [
  ['', 'Node'], ['', 'Pod'], ['', 'Service'], ['', 'Endpoints'], ['discovery.k8s.io', 'EndpointSlice'], ['networking.k8s.io', 'Ingress'],
  ['', 'Namespace'], ['apps', 'ReplicaSet'], ['batch', 'Job'], ['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'],
  ['monitoring.coreos.com', 'Prometheus'], ['monitoring.coreos.com', 'ServiceMonitor'], ['monitoring.coreos.com', 'PodMonitor'], ['', 'ServiceAccount'],
  ['monitoring.coreos.com', 'Probe'], ['monitoring.coreos.com', 'ScrapeConfig'],
];

export interface ClusterState {
  objects: KubeObject[];
  discovery: DiscoveryObjects;
  servers: PrometheusServer[];
}

function withKind(item: KubeObject, type: ResourceType): KubeObject {
  return item.kind ? item : {...item, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, kind: type.kind};
}

export async function loadClusterState(source: Source, extraKinds: Array<[string, string]> = []): Promise<ClusterState> {
  const types = await source.resourceTypes();
  const requests: ListRequest[] = [];
  for (const [group, kind] of [...KINDS, ...extraKinds]) {
    const type = types.find((t) => t.group === group && t.kind === kind);
    if (type) requests.push({type, optional: true});
  }
  const results = await source.list(requests);
  const objects: KubeObject[] = [];
  for (const result of results) {
    if (result.skipped) {
      source.warnings.push(`could not list ${result.type.plural}${result.type.group ? `.${result.type.group}` : ''} (${result.skipped}); targets from them are missing`);
      continue;
    }
    for (const item of result.items) objects.push(withKind(item, result.type));
  }
  return {objects, discovery: discoveryObjectsFrom(objects), servers: findPrometheusServers(objects)};
}

async function getObject(source: Source, kind: 'ConfigMap' | 'Secret', namespace: string, name: string): Promise<KubeObject> {
  const type = (await source.resourceTypes()).find((t) => t.group === '' && t.kind === kind);
  const object = type ? await source.get(type, name, namespace) : undefined;
  if (!object) {
    // A name that does not exist is bad input, live or offline, as for every plugin's named objects.
    throw new InputError(`${kind} ${namespace}/${name} not found in ${source.description}`);
  }
  return {...object, kind};
}

export interface ConfigChoice {
  config?: string;
  configText?: string;
  configmap?: string;
  secret?: string;
}

/** The configuration's text and origin: --config, --configmap, --secret, or the one Prometheus server in the cluster. */
export async function resolveConfigSource(choice: ConfigChoice, source: Source | undefined, state: ClusterState | undefined, defaultNamespace: string): Promise<{text: string; origin: string; server?: PrometheusServer}> {
  const onlyServer = () => {
    const servers = state?.servers ?? [];
    return servers.length === 1 ? servers[0] : undefined;
  };
  if (choice.configText !== undefined) {
    const server = onlyServer();
    return {text: choice.configText, origin: choice.config ?? '<config>', ...(server ? {server} : {})};
  }
  const ref = choice.configmap ?? choice.secret;
  if (ref !== undefined && source) {
    const kind = choice.configmap !== undefined ? 'ConfigMap' : 'Secret';
    const {namespace, name, key} = parseConfigRef(ref, kind, defaultNamespace);
    const {key: chosen, text} = configText(await getObject(source, kind, namespace, name), key);
    const server = state?.servers.find((s) => s.config?.kind === kind && s.config.namespace === namespace && s.config.name === name) ?? onlyServer();
    return {text, origin: `${kind.toLowerCase()}/${namespace}/${name}:${chosen}`, ...(server ? {server} : {})};
  }
  const servers = (state?.servers ?? []).filter((s) => s.config);
  if (servers.length === 0 || !source) {
    throw new InputError('no Prometheus configuration: give --config FILE, --configmap NS/NAME[:KEY] or --secret NS/NAME[:KEY]', {}, {
      hint: 'no Prometheus server (a workload running a prometheus image with its config mounted, or a monitoring.coreos.com Prometheus) was found',
    });
  }
  const server = servers[0]!;
  if (servers.length > 1) source.warnings.push(`${servers.length} Prometheus servers found; using ${server.kind} ${server.namespace}/${server.name} (choose with --configmap/--secret)`);
  const location = server.config!;
  if (server.kind === 'Prometheus') {
    // The Operator's Secret holds what it generated; without it (manifests, or not reconciled yet) the
    // configuration is generated here from the monitors the resource selects.
    const type = (await source.resourceTypes()).find((t) => t.group === '' && t.kind === 'Secret');
    const secret = type ? await source.get(type, location.name, location.namespace).catch(() => undefined) : undefined;
    if (!secret) {
      const prometheus = state!.objects.find((o) => o.kind === 'Prometheus' && o.metadata.namespace === server.namespace && o.metadata.name === server.name)!;
      const namespaces = state!.objects.filter((o) => o.kind === 'Namespace');
      const selected = (kind: string) => state!.objects.filter((o) => o.kind === kind && selectsMonitor(prometheus, o, namespaces).selected);
      const text = generateOperatorConfig(prometheus, selected('ServiceMonitor'), selected('PodMonitor'), selected('Probe'), selected('ScrapeConfig'));
      return {text, origin: `generated for Prometheus ${server.namespace}/${server.name} (prometheus-operator v0.93 rules)`, server};
    }
    const {key, text} = configText({...secret, kind: 'Secret'}, location.key);
    return {text, origin: `secret/${location.namespace}/${location.name}:${key}`, server};
  }
  const {key, text} = configText(await getObject(source, location.kind, location.namespace, location.name), location.key);
  return {text, origin: `${location.kind.toLowerCase()}/${location.namespace}/${location.name}:${key}`, server};
}

/** The configuration, loaded (see resolveConfigSource). */
export async function resolvePrometheusConfig(choice: ConfigChoice, source: Source | undefined, state: ClusterState | undefined, semantics: RelabelSemantics, defaultNamespace: string): Promise<{config: PrometheusConfig; server?: PrometheusServer}> {
  const {text, origin, server} = await resolveConfigSource(choice, source, state, defaultNamespace);
  return {config: loadPrometheusConfig(text, origin, semantics), ...(server ? {server} : {})};
}
