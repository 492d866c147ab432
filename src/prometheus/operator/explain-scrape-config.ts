// A ScrapeConfig explained: which Prometheus resources select it (scrapeConfigSelector,
// scrapeConfigNamespaceSelector), whether the Operator accepts it, what each of its target sources
// finds (static targets, the objects of each kubernetesSDConfigs role in its namespaces, file and HTTP
// discovery the simulation cannot read), and the targets of its generated job; every zero says why.
import type {KubeObject} from '../../cluster/types.ts';
import type {DiscoveryObjects} from '../discovery/index.ts';
import type {PrometheusVersion} from '../version.ts';
import type {MonitorEndpointCheck, MonitorExplanation} from './explain.ts';
import {droppedReason, runGeneratedJob, whoSelects} from './explain-common.ts';
import {scrapeConfigRejection} from './scrape-config.ts';

const ROLE_OBJECTS: Record<string, [keyof DiscoveryObjects, string]> = {
  node: ['nodes', 'Node'], pod: ['pods', 'Pod'], service: ['services', 'Service'], endpoints: ['endpoints', 'Endpoints'],
  endpointslice: ['endpointSlices', 'EndpointSlice'], ingress: ['ingresses', 'Ingress'],
};

const OTHER_SD_FIELDS = ['consulSDConfigs', 'dnsSDConfigs', 'ec2SDConfigs', 'azureSDConfigs', 'gceSDConfigs', 'openstackSDConfigs', 'digitalOceanSDConfigs',
  'kumaSDConfigs', 'eurekaSDConfigs', 'dockerSDConfigs', 'linodeSDConfigs', 'hetznerSDConfigs', 'nomadSDConfigs', 'dockerSwarmSDConfigs',
  'puppetDBSDConfigs', 'lightSailSDConfigs', 'ovhcloudSDConfigs', 'scalewaySDConfigs', 'ionosSDConfigs'];

export function explainScrapeConfig(scrapeConfig: KubeObject, objects: KubeObject[], discovery: DiscoveryObjects, version: PrometheusVersion): MonitorExplanation {
  const ns = scrapeConfig.metadata.namespace ?? 'default';
  const label = `scrapeconfig/${ns}/${scrapeConfig.metadata.name}`;
  const {selectedBy, prometheus, problems} = whoSelects(scrapeConfig, objects);
  const spec = (scrapeConfig.spec ?? {}) as Record<string, any>;
  const jobName = `scrapeConfig/${ns}/${scrapeConfig.metadata.name}`;
  const rejection = scrapeConfigRejection(scrapeConfig);
  if (rejection) {
    problems.push(`the Operator rejects it as invalid, so it is left out of the configuration: ${rejection}`);
    const endpoint: MonitorEndpointCheck = {index: 0, job: jobName, port: '', matches: [], active: 0, dropped: 0, reason: `no target: the Operator rejects this ScrapeConfig (${rejection})`};
    return {monitor: label, matchingKind: 'source', selectedBy, namespaces: [], matching: [], endpoints: [endpoint], problems};
  }

  // One line per target source: what it finds, and a note when it finds nothing here.
  const matching: string[] = [];
  const empty: string[] = [];
  const namespaces = new Set<string>();
  let allNamespaces = false;
  for (const [i, s] of ((spec.staticConfigs ?? []) as Array<{targets?: string[]}>).entries()) {
    const targets = s.targets ?? [];
    matching.push(...targets.map((t) => `staticConfigs[${i}]: ${t}`));
    if (targets.length === 0) empty.push(`staticConfigs[${i}] lists no target`);
  }
  for (const [i, config] of ((spec.kubernetesSDConfigs ?? []) as Array<Record<string, any>>).entries()) {
    const role = String(config.role ?? '').toLowerCase();
    const [field, kind] = ROLE_OBJECTS[role] ?? [undefined, role];
    const names: string[] = [...(config.namespaces?.names ?? [])];
    if (config.namespaces?.ownNamespace && prometheus.metadata.namespace) names.push(prometheus.metadata.namespace);
    if (names.length === 0) allNamespaces = true;
    for (const n of names) namespaces.add(n);
    const where = names.length === 0 ? 'any namespace' : `namespace ${names.join(', ')}`;
    if (config.apiServer) empty.push(`kubernetesSDConfigs[${i}] reads another API server (${config.apiServer}); this simulation uses the objects it was given`);
    if (!field) {
      empty.push(`kubernetesSDConfigs[${i}]: unknown role ${JSON.stringify(config.role)}`);
      continue;
    }
    const found = (discovery[field] as KubeObject[]).filter((o) => role === 'node' || names.length === 0 || names.includes(o.metadata.namespace ?? 'default'));
    matching.push(...found.map((o) => `kubernetesSDConfigs[${i}]: ${kind.toLowerCase()}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`));
    if (found.length === 0) empty.push(`kubernetesSDConfigs[${i}] (role ${role}) finds no ${kind} in ${role === 'node' ? 'the cluster' : where}`);
  }
  for (const [i, f] of ((spec.fileSDConfigs ?? []) as Array<{files?: string[]}>).entries()) {
    empty.push(`fileSDConfigs[${i}] reads ${(f.files ?? []).join(', ')} on the Prometheus server's disk, which this simulation does not see`);
  }
  for (const [i, h] of ((spec.httpSDConfigs ?? []) as Array<{url?: string}>).entries()) {
    empty.push(`httpSDConfigs[${i}] (${h.url ?? ''}) is not simulated; its targets are missing here`);
  }
  for (const field of OTHER_SD_FIELDS) {
    if (Array.isArray(spec[field]) && spec[field].length > 0) empty.push(`${field} is not simulated; its targets are missing here`);
  }
  const sources = ['staticConfigs', 'kubernetesSDConfigs', 'fileSDConfigs', 'httpSDConfigs', ...OTHER_SD_FIELDS].filter((f) => Array.isArray(spec[f]) && spec[f].length > 0);

  const {job, result} = runGeneratedJob(scrapeConfig, prometheus, discovery, version);
  const active = result.activeTargets.filter((t) => t.scrapePool === job).length;
  const dropped = result.droppedTargets.filter((t) => t.scrapePool === job).length;
  let reason: string;
  if (active > 0) reason = `${active} active target${active === 1 ? '' : 's'}`;
  else if (sources.length === 0) reason = 'no target: it has no staticConfigs and no service discovery';
  else if (dropped > 0 || result.refusedTargets.some((t) => t.scrapePool === job)) reason = `no target: ${droppedReason(result, job)}`;
  else reason = `no target: ${empty.join('; ') || 'nothing discovered'}`;
  const endpoint: MonitorEndpointCheck = {index: 0, job, port: '', matches: matching, active, dropped, reason};
  if (active === 0) problems.push(`job ${job}: ${reason}`);
  const kubernetes = Array.isArray(spec.kubernetesSDConfigs) && spec.kubernetesSDConfigs.length > 0;
  return {
    monitor: label, matchingKind: 'source', selectedBy, namespaces: !kubernetes ? [] : allNamespaces ? 'all' : [...namespaces].sort(), matching, endpoints: [endpoint], problems,
    // Sources that find nothing are worth saying even when others give targets.
    ...(active > 0 && empty.length > 0 ? {notes: empty} : {}),
  };
}
