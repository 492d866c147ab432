// What explaining a Probe or ScrapeConfig shares with the monitors: which Prometheus resources select
// it, the generated job run through the targets engine, and why a job has no active target.
import type {KubeObject} from '../../cluster/types.ts';
import {loadPrometheusConfig} from '../config/load.ts';
import type {DiscoveryObjects} from '../discovery/index.ts';
import {computeTargets, type TargetsResult} from '../targets.ts';
import type {PrometheusVersion} from '../version.ts';
import {relabelSemantics} from '../version.ts';
import {generateOperatorConfig} from './generate.ts';
import {selectsMonitor, type Selection} from './select.ts';

export interface SelectionAnswer {
  selectedBy: Selection[];
  /** The first Prometheus that selects the resource, else a stand-in with an empty spec. */
  prometheus: KubeObject;
  problems: string[];
}

export function whoSelects(resource: KubeObject, objects: KubeObject[]): SelectionAnswer {
  const ns = resource.metadata.namespace ?? 'default';
  const prometheuses = objects.filter((o) => o.kind === 'Prometheus' && String(o.apiVersion).startsWith('monitoring.coreos.com/'));
  const namespaceObjects = objects.filter((o) => o.kind === 'Namespace');
  const selectedBy = prometheuses.map((p) => selectsMonitor(p, resource, namespaceObjects));
  const problems: string[] = [];
  if (prometheuses.length === 0) problems.push(`no Prometheus resource (monitoring.coreos.com) in the cluster: nothing reads this ${resource.kind}`);
  else if (!selectedBy.some((s) => s.selected)) problems.push(`no Prometheus selects it: ${selectedBy.map((s) => `${s.prometheus}: ${s.reason}`).join('; ')}`);
  const prometheus = prometheuses.find((_, i) => selectedBy[i]!.selected)
    ?? {apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: {name: '(none)', namespace: ns}, spec: {}};
  return {selectedBy, prometheus, problems};
}

/** The targets of the one job the Operator generates for a Probe or ScrapeConfig. */
export function runGeneratedJob(resource: KubeObject, prometheus: KubeObject, discovery: DiscoveryObjects, version: PrometheusVersion): {job: string; result: TargetsResult} {
  const text = resource.kind === 'Probe' ? generateOperatorConfig(prometheus, [], [], [resource], []) : generateOperatorConfig(prometheus, [], [], [], [resource]);
  const label = `${resource.kind.toLowerCase()}/${resource.metadata.namespace}/${resource.metadata.name}`;
  const config = loadPrometheusConfig(text, `generated for ${label}`, relabelSemantics(version));
  const result = computeTargets(config, discovery, {version, ownNamespace: prometheus.metadata.namespace});
  return {job: config.jobs[0]?.name ?? '', result};
}

/** Why the discovered targets all went: the rule that dropped most of them, and refusals. */
export function droppedReason(result: TargetsResult, job: string): string {
  const dropped = result.droppedTargets.filter((t) => t.scrapePool === job);
  const refused = result.refusedTargets.filter((t) => t.scrapePool === job);
  const parts: string[] = [];
  if (dropped.length > 0) {
    const counts = new Map<string, number>();
    for (const t of dropped) {
      const key = `relabel_configs[${t.droppedBy.rule}] (${t.droppedBy.action})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const [rule, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    parts.push(`${dropped.length} discovered, all dropped by the generated relabelings (${n} by ${rule})`);
  }
  if (refused.length > 0) parts.push(`${refused.length} refused by Prometheus: ${refused[0]!.error}`);
  return parts.join('; ');
}
