// A ServiceMonitor or PodMonitor explained: which Prometheus resources select it, which Services or
// Pods its selector and namespaceSelector match, whether each endpoint's port exists on them, and the
// targets its generated jobs give; every zero says why. Probes and ScrapeConfigs are handed to
// explain-probe.ts and explain-scrape-config.ts.
import type {KubeObject} from '../../cluster/types.ts';
import {matchesLabelSelector} from '../../kube/selector.ts';
import {loadPrometheusConfig} from '../config/load.ts';
import type {DiscoveryObjects} from '../discovery/index.ts';
import {computeTargets} from '../targets.ts';
import type {PrometheusVersion} from '../version.ts';
import {relabelSemantics} from '../version.ts';
import {generateOperatorConfig} from './generate.ts';
import {explainProbe} from './explain-probe.ts';
import {explainScrapeConfig} from './explain-scrape-config.ts';
import {selectsMonitor, type Selection} from './select.ts';

export interface MonitorEndpointCheck {
  index: number;
  job: string;
  port: string;
  /** Services (or pods) that have the port. */
  matches: string[];
  active: number;
  dropped: number;
  reason: string;
}

export interface MonitorExplanation {
  monitor: string;
  selectedBy: Selection[];
  namespaces: string[] | 'all';
  /** Services (ServiceMonitor) or Pods (PodMonitor) the selector matches. */
  matching: string[];
  endpoints: MonitorEndpointCheck[];
  problems: string[];
  /** What `matching` lists when it is neither Services nor Pods: 'Ingress' or 'target' (Probe), 'source' (ScrapeConfig). */
  matchingKind?: string;
  /** Facts worth telling that are not problems (a ScrapeConfig's source that finds nothing while others do). */
  notes?: string[];
}

const emptyPrometheus = (namespace: string): KubeObject => ({apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: {name: '(none)', namespace}, spec: {}});

export function explainMonitor(monitor: KubeObject, objects: KubeObject[], discovery: DiscoveryObjects, version: PrometheusVersion): MonitorExplanation {
  if (monitor.kind === 'Probe') return explainProbe(monitor, objects, discovery, version);
  if (monitor.kind === 'ScrapeConfig') return explainScrapeConfig(monitor, objects, discovery, version);
  const kind = monitor.kind as 'ServiceMonitor' | 'PodMonitor';
  const ns = monitor.metadata.namespace ?? 'default';
  const label = `${kind.toLowerCase()}/${ns}/${monitor.metadata.name}`;
  const prometheuses = objects.filter((o) => o.kind === 'Prometheus' && String(o.apiVersion).startsWith('monitoring.coreos.com/'));
  const namespaceObjects = objects.filter((o) => o.kind === 'Namespace');
  const selectedBy = prometheuses.map((p) => selectsMonitor(p, monitor, namespaceObjects));
  const problems: string[] = [];
  if (prometheuses.length === 0) problems.push('no Prometheus resource (monitoring.coreos.com) in the cluster: nothing reads this monitor');
  else if (!selectedBy.some((s) => s.selected)) problems.push(`no Prometheus selects it: ${selectedBy.map((s) => `${s.prometheus}: ${s.reason}`).join('; ')}`);

  const selector = monitor.spec?.namespaceSelector ?? {};
  const namespaces: string[] | 'all' = selector.any ? 'all' : (selector.matchNames?.length ? selector.matchNames : [ns]);
  const inScope = (o: KubeObject) => namespaces === 'all' || namespaces.includes(o.metadata.namespace ?? 'default');
  const candidates = (kind === 'ServiceMonitor' ? discovery.services : discovery.pods).filter(inScope);
  const matchingObjects = candidates.filter((o) => matchesLabelSelector(monitor.spec?.selector ?? {}, o.metadata.labels));
  const matching = matchingObjects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
  if (matching.length === 0) {
    problems.push(`its selector ${JSON.stringify(monitor.spec?.selector ?? {})} matches no ${kind === 'ServiceMonitor' ? 'Service' : 'Pod'} in ${namespaces === 'all' ? 'any namespace' : `namespace ${namespaces.join(', ')}`}` +
      (candidates.length > 0 ? ` (there: ${candidates.slice(0, 5).map((c) => `${c.metadata.name} ${JSON.stringify(c.metadata.labels ?? {})}`).join(', ')})` : ''));
  }

  const prometheus = prometheuses.find((p, i) => selectedBy[i]!.selected) ?? emptyPrometheus(ns);
  const text = generateOperatorConfig(prometheus, kind === 'ServiceMonitor' ? [monitor] : [], kind === 'PodMonitor' ? [monitor] : []);
  const config = loadPrometheusConfig(text, `generated for ${label}`, relabelSemantics(version));
  const result = computeTargets(config, discovery, {version, ownNamespace: prometheus.metadata.namespace});
  const list = (kind === 'ServiceMonitor' ? monitor.spec?.endpoints : monitor.spec?.podMetricsEndpoints) ?? [];
  const endpoints = (list as Array<Record<string, any>>).map((ep, index): MonitorEndpointCheck => {
    const job = config.jobs[index]!.name;
    const port = String(ep.port ?? ep.portNumber ?? ep.targetPort ?? '');
    const active = result.activeTargets.filter((t) => t.scrapePool === job).length;
    const dropped = result.droppedTargets.filter((t) => t.scrapePool === job).length;
    let matches: string[];
    if (kind === 'ServiceMonitor' && ep.port) {
      matches = matchingObjects.filter((s) => (s.spec?.ports ?? []).some((p: {name?: string}) => p.name === ep.port)).map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    } else {
      const pods = kind === 'PodMonitor' ? matchingObjects : discovery.pods.filter(inScope);
      matches = pods.filter((p) => [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some((c: {ports?: Array<{name?: string; containerPort?: number}>}) =>
        (c.ports ?? []).some((cp) => (port === '' ? true : cp.name === port || String(cp.containerPort) === port)))).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    }
    let reason: string;
    if (active > 0) reason = `${active} active target${active === 1 ? '' : 's'}`;
    else if (matching.length === 0) reason = 'no target: the selector matches nothing';
    else if (port !== '' && matches.length === 0) {
      const have = kind === 'ServiceMonitor'
        ? matchingObjects.map((s) => `${s.metadata.name}: ${(s.spec?.ports ?? []).map((p: {name?: string; port?: number}) => p.name ?? String(p.port)).join(', ')}`).join('; ')
        : matchingObjects.map((p) => `${p.metadata.name}: ${(p.spec?.containers ?? []).flatMap((c: {ports?: Array<{name?: string}>}) => (c.ports ?? []).map((cp) => cp.name ?? '')).join(', ')}`).join('; ');
      reason = `no target: no selected ${kind === 'ServiceMonitor' ? 'Service has a port' : 'Pod has a container port'} named ${JSON.stringify(port)} (they have: ${have})`;
    } else if (kind === 'ServiceMonitor' && dropped === 0) reason = 'no target: the selected Services have no Endpoints with addresses';
    else reason = `no target: ${dropped} discovered, all dropped by the generated relabelings`;
    return {index, job, port, matches, active, dropped, reason};
  });
  for (const e of endpoints) if (e.active === 0) problems.push(`endpoint ${e.index} (${e.job}): ${e.reason}`);
  return {monitor: label, selectedBy, namespaces, matching, endpoints, problems};
}
