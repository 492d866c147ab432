// A Probe explained: which Prometheus resources select it (probeSelector, probeNamespaceSelector),
// whether the Operator accepts it, what it probes (its static targets, or the Ingresses its selector
// and namespaceSelector match), and the targets of its generated job; every zero says why.
import type {KubeObject} from '../../cluster/types.ts';
import {matchesLabelSelector} from '../../kube/selector.ts';
import type {DiscoveryObjects} from '../discovery/index.ts';
import type {PrometheusVersion} from '../version.ts';
import type {MonitorEndpointCheck, MonitorExplanation} from './explain.ts';
import {droppedReason, runGeneratedJob, whoSelects} from './explain-common.ts';
import {namespacesFromSelector, probeRejection} from './probe.ts';

export function explainProbe(probe: KubeObject, objects: KubeObject[], discovery: DiscoveryObjects, version: PrometheusVersion): MonitorExplanation {
  const ns = probe.metadata.namespace ?? 'default';
  const label = `probe/${ns}/${probe.metadata.name}`;
  const {selectedBy, prometheus, problems} = whoSelects(probe, objects);
  const spec = (probe.spec ?? {}) as Record<string, any>;
  const proberUrl = String(spec.prober?.url ?? '');
  const jobName = `probe/${ns}/${probe.metadata.name}`;
  const rejection = probeRejection(probe);
  if (rejection) {
    problems.push(`the Operator rejects it as invalid, so it is left out of the configuration: ${rejection}`);
    const endpoint: MonitorEndpointCheck = {index: 0, job: jobName, port: proberUrl, matches: [], active: 0, dropped: 0, reason: `no target: the Operator rejects this Probe (${rejection})`};
    return {monitor: label, matchingKind: 'target', selectedBy, namespaces: [], matching: [], endpoints: [endpoint], problems};
  }

  // Static targets are not looked up in any namespace.
  let namespaces: string[] | 'all' = [];
  let matching: string[];
  let matchingKind: string;
  let nothing: string | undefined;
  if (spec.targets.staticConfig) {
    matchingKind = 'target';
    matching = ((spec.targets.staticConfig.static ?? []) as string[]).map(String);
    if (matching.length === 0) nothing = 'spec.targets.staticConfig.static lists no target';
  } else {
    matchingKind = 'Ingress';
    const ingress = spec.targets.ingress as Record<string, any>;
    const names = namespacesFromSelector(ingress.namespaceSelector, ns, prometheus);
    namespaces = names.length === 0 ? 'all' : names;
    const scope = namespaces;
    const candidates = discovery.ingresses.filter((o) => scope === 'all' || scope.includes(o.metadata.namespace ?? 'default'));
    const matched = candidates.filter((o) => matchesLabelSelector(ingress.selector ?? {}, o.metadata.labels));
    matching = matched.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    if (matching.length === 0) {
      nothing = `spec.targets.ingress.selector ${JSON.stringify(ingress.selector ?? {})} matches no Ingress in ${scope === 'all' ? 'any namespace' : `namespace ${scope.join(', ')}`}` +
        (candidates.length > 0 ? ` (there: ${candidates.slice(0, 5).map((c) => `${c.metadata.name} ${JSON.stringify(c.metadata.labels ?? {})}`).join(', ')})` : '');
    } else if (!matched.some((o) => (o.spec?.rules ?? []).length > 0)) {
      nothing = `the matching Ingresses have no rules, so ingress discovery gives no target (${matching.join(', ')})`;
    }
  }

  const {job, result} = runGeneratedJob(probe, prometheus, discovery, version);
  const active = result.activeTargets.filter((t) => t.scrapePool === job).length;
  const dropped = result.droppedTargets.filter((t) => t.scrapePool === job).length;
  let reason: string;
  if (active > 0) reason = `${active} active target${active === 1 ? '' : 's'}, probed through ${proberUrl}${spec.prober?.path ?? '/probe'}${spec.module ? ` with module ${spec.module}` : ''}`;
  else if (nothing) reason = `no target: ${nothing}`;
  else reason = `no target: ${droppedReason(result, job) || 'nothing discovered'}`;
  const endpoint: MonitorEndpointCheck = {index: 0, job, port: proberUrl, matches: matching, active, dropped, reason};
  if (active === 0) problems.push(`job ${job}: ${reason}`);
  return {monitor: label, matchingKind, selectedBy, namespaces, matching, endpoints: [endpoint], problems};
}
