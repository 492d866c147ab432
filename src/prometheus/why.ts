// "Why is this object not scraped?": for a pod, service or node, every job's verdict on the targets
// that came from it (scraped at URL, dropped by rule N, refused) and, where a job found none, why not.
import type {PrometheusConfig, ScrapeJob} from './config/types.ts';
import type {DiscoveryObjects} from './discovery/index.ts';
import {namespacesOf} from './discovery/index.ts';
import type {KubeObject} from '../cluster/types.ts';
import {InputError, UsageError} from '../errors.ts';
import type {Labels} from './labels.ts';
import type {RelabelStep} from './relabel.ts';
import {describeRule} from './rules.ts';
import {explainTarget} from './targets.ts';
import type {TargetsResult} from './targets.ts';
import type {PrometheusVersion} from './version.ts';

export interface WhySubject {
  kind: 'pod' | 'service' | 'node';
  namespace: string;
  name: string;
}

/** POD, NS/POD, pod/NAME, svc/NAME, service/NAME, node/NAME (a namespace from -n). */
export function parseWhySubject(text: string, namespace: string): WhySubject {
  const parts = text.split('/');
  const kinds: Record<string, WhySubject['kind']> = {pod: 'pod', pods: 'pod', po: 'pod', svc: 'service', service: 'service', services: 'service', node: 'node', nodes: 'node', no: 'node'};
  if (parts.length === 1) return {kind: 'pod', namespace, name: parts[0]!};
  if (parts.length === 2) {
    const kind = kinds[parts[0]!.toLowerCase()];
    if (kind) return {kind, namespace: kind === 'node' ? '' : namespace, name: parts[1]!};
    return {kind: 'pod', namespace: parts[0]!, name: parts[1]!};
  }
  if (parts.length === 3) {
    const kind = kinds[parts[1]!.toLowerCase()];
    if (kind && kind !== 'node') return {kind, namespace: parts[0]!, name: parts[2]!};
  }
  throw new UsageError(`cannot read --why ${JSON.stringify(text)}: expected POD, NS/POD, svc/NAME or node/NAME`);
}

export interface WhyTarget {
  state: 'active' | 'dropped' | 'refused';
  scrapeUrl?: string;
  labels?: Labels;
  droppedBy?: {rule: number; action: string; description: string};
  error?: string;
  discoveredLabels: Labels;
  steps?: RelabelStep[];
}

export interface WhyJob {
  job: string;
  verdict: 'scraped' | 'dropped' | 'refused' | 'not discovered';
  reason: string;
  targets: WhyTarget[];
}

export interface WhyAnswer {
  object: string;
  exists: boolean;
  scraped: boolean;
  jobs: WhyJob[];
}

const M = '__meta_kubernetes_';

function refersTo(labels: Labels, subject: WhySubject, source: string): boolean {
  switch (subject.kind) {
    case 'pod':
      return labels[`${M}pod_name`] === subject.name && labels[`${M}namespace`] === subject.namespace;
    case 'service':
      return (labels[`${M}service_name`] === subject.name && labels[`${M}namespace`] === subject.namespace) || source === `svc/${subject.namespace}/${subject.name}`;
    case 'node':
      return source === `node/${subject.name}`;
  }
}

function findObject(subject: WhySubject, objects: DiscoveryObjects): KubeObject | undefined {
  const list = subject.kind === 'pod' ? objects.pods : subject.kind === 'service' ? objects.services : objects.nodes;
  return list.find((o) => o.metadata.name === subject.name && (subject.kind === 'node' || (o.metadata.namespace ?? 'default') === subject.namespace));
}

/** Why a job found no target for the object: the role, the namespaces, the object's state. */
function notDiscoveredReason(job: ScrapeJob, subject: WhySubject, object: KubeObject | undefined, objects: DiscoveryObjects, ownNamespace?: string): string {
  if (!object) return `${subject.kind} not found`;
  const roles = job.kubernetesSdConfigs.map((sd) => sd.role);
  const fitting = subject.kind === 'pod' ? ['pod', 'endpoints', 'endpointslice'] : subject.kind === 'service' ? ['service', 'endpoints', 'endpointslice'] : ['node'];
  const usable = job.kubernetesSdConfigs.filter((sd) => fitting.includes(sd.role));
  if (usable.length === 0) {
    return roles.length === 0 ? 'the job has no kubernetes_sd_configs' : `the job discovers role ${[...new Set(roles)].join(', ')}, which never yields a ${subject.kind}'s targets`;
  }
  const reasons: string[] = [];
  for (const sd of usable) {
    const namespaces = namespacesOf(sd, ownNamespace);
    if (subject.kind !== 'node' && namespaces && !namespaces.includes(subject.namespace)) {
      reasons.push(`role ${sd.role} only looks in namespaces ${namespaces.join(', ')}`);
      continue;
    }
    const selector = sd.selectors.find((s) => s.role === (subject.kind === 'service' ? 'service' : subject.kind));
    if (selector) reasons.push(`role ${sd.role} lists ${subject.kind}s with selector ${[selector.label, selector.field].filter(Boolean).join(' / ')}`);
    if (subject.kind === 'pod' && sd.role === 'pod' && !object.status?.podIP) reasons.push('the pod has no IP yet (Prometheus skips pods without status.podIP)');
    if (subject.kind === 'pod' && sd.role !== 'pod') reasons.push(`no ${sd.role === 'endpoints' ? 'Endpoints' : 'EndpointSlice'} object lists this pod (is it selected by a service, and ready?)`);
    if (subject.kind === 'service' && sd.role !== 'service') {
      const has = (sd.role === 'endpoints' ? objects.endpoints : objects.endpointSlices).some((o) => o.metadata.namespace === subject.namespace && (sd.role === 'endpoints' ? o.metadata.name === subject.name : o.metadata.labels?.['kubernetes.io/service-name'] === subject.name));
      reasons.push(has ? `its ${sd.role} have no addresses` : `the service has no ${sd.role === 'endpoints' ? 'Endpoints' : 'EndpointSlice'} object`);
    }
  }
  return reasons.join('; ') || 'no target came from it';
}

export function explainWhy(subject: WhySubject, config: PrometheusConfig, result: TargetsResult, objects: DiscoveryObjects, version: PrometheusVersion, ownNamespace?: string): WhyAnswer {
  const object = findObject(subject, objects);
  const label = subject.kind === 'node' ? `node/${subject.name}` : `${subject.kind === 'service' ? 'svc' : 'pod'}/${subject.namespace}/${subject.name}`;
  if (!object) throw new InputError(`${label} not found`, {}, {hint: 'name a pod as NS/POD (or POD with -n), a service as svc/NAME, a node as node/NAME'});
  const jobs: WhyJob[] = [];
  for (const job of config.jobs) {
    const targets: WhyTarget[] = [];
    for (const t of result.activeTargets) {
      if (t.scrapePool === job.name && refersTo(t.discoveredLabels, subject, t.source)) targets.push({state: 'active', scrapeUrl: t.scrapeUrl, labels: t.labels, discoveredLabels: t.discoveredLabels});
    }
    for (const t of result.droppedTargets) {
      if (t.scrapePool !== job.name || !refersTo(t.discoveredLabels, subject, t.source)) continue;
      const rule = job.rules[t.droppedBy.rule];
      const {steps} = explainTarget(job, t.discoveredLabels, version);
      targets.push({state: 'dropped', droppedBy: {...t.droppedBy, description: rule ? describeRule(rule) : ''}, discoveredLabels: t.discoveredLabels, steps});
    }
    for (const t of result.refusedTargets) {
      if (t.scrapePool === job.name && refersTo(t.discoveredLabels, subject, t.source)) targets.push({state: 'refused', error: t.error, discoveredLabels: t.discoveredLabels});
    }
    let verdict: WhyJob['verdict'];
    let reason: string;
    if (targets.some((t) => t.state === 'active')) {
      verdict = 'scraped';
      reason = `scraped at ${targets.filter((t) => t.state === 'active').map((t) => t.scrapeUrl).join(', ')}`;
    } else if (targets.some((t) => t.state === 'dropped')) {
      verdict = 'dropped';
      const first = targets.find((t) => t.state === 'dropped')!;
      reason = `dropped by relabel_configs[${first.droppedBy!.rule}] (${first.droppedBy!.description})`;
    } else if (targets.length > 0) {
      verdict = 'refused';
      reason = `Prometheus refuses it: ${targets[0]!.error}`;
    } else {
      verdict = 'not discovered';
      reason = notDiscoveredReason(job, subject, object, objects, ownNamespace);
    }
    jobs.push({job: job.name, verdict, reason, targets});
  }
  return {object: label, exists: object !== undefined, scraped: jobs.some((j) => j.verdict === 'scraped'), jobs};
}
