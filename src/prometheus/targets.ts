// What Prometheus will scrape: for every scrape job, its discovered target groups (Kubernetes SD over
// a snapshot, static_configs, given file_sd files), each target through the relabel engine and
// Prometheus's target handling, into /api/v1/targets' activeTargets and droppedTargets. Targets that
// Prometheus refuses (no address after relabelling, bad interval...) are listed apart with the reason.
import type {KubeObject} from '../cluster/types.ts';
import type {PrometheusConfig, ScrapeJob} from './config/types.ts';
import {discoverKubernetes, discoverySemantics} from './discovery/index.ts';
import type {DiscoveryObjects, TargetGroup} from './discovery/index.ts';
import type {Labels} from './labels.ts';

import type {RelabelStep} from './relabel.ts';
import type {RelabelAction} from './rules.ts';
import {groupLayer, processGroupTarget, processTarget} from './target.ts';
import type {PrometheusVersion} from './version.ts';
import {formatVersion, relabelSemantics} from './version.ts';

export interface ActiveTarget {
  scrapePool: string;
  scrapeUrl: string;
  discoveredLabels: Labels;
  labels: Labels;
  health: 'unknown' | 'up' | 'down';
  lastError: string;
  /** With --probe: seconds the scrape took, samples it returned, how it was reached, a fix for lastError. */
  lastScrapeDuration?: number;
  samples?: number;
  probedVia?: string;
  hint?: string;
  /** The target group it came from: `pod/NS/NAME`, `svc/NS/NAME`, `node/NAME`, a static index, `FILE:N`. */
  source: string;
}

export interface DroppedTarget {
  scrapePool: string;
  discoveredLabels: Labels;
  droppedBy: {rule: number; action: RelabelAction};
  source: string;
}

export interface RefusedTarget {
  scrapePool: string;
  discoveredLabels: Labels;
  error: string;
  source: string;
}

export interface JobSummary {
  name: string;
  active: number;
  dropped: number;
  refused: number;
  /** Same labels and URL as an earlier target of the pool: Prometheus keeps one. */
  duplicates: number;
  discovery: string[];
  /** Service discovery this simulation does not run (their targets are missing here). */
  notSimulated: string[];
}

export interface TargetsResult {
  prometheusVersion: string;
  config: string;
  activeTargets: ActiveTarget[];
  droppedTargets: DroppedTarget[];
  refusedTargets: RefusedTarget[];
  jobs: JobSummary[];
  warnings: string[];
  /** With --prometheus: how a running Prometheus's /api/v1/targets compares. */
  comparison?: import('./compare.ts').Comparison;
}

export interface TargetsOptions {
  version: PrometheusVersion;
  /** Namespace Prometheus runs in (namespaces.own_namespace). */
  ownNamespace?: string;
  /** Groups read from file_sd files the user gave, by path. */
  fileSd?: Map<string, TargetGroup[]>;
  /** Only these jobs. */
  jobs?: string[];
}

/** Every target group a job discovers, in discovery order: Kubernetes SD configs, static, file. */
export function discoverJobGroups(job: ScrapeJob, objects: DiscoveryObjects, options: TargetsOptions, warnings: string[] = [], cache?: Map<string, TargetGroup[]>,
  podLabelCaches?: Map<string, WeakMap<KubeObject, Labels>>): TargetGroup[] {
  const semantics = discoverySemantics(options.version);
  const groups: TargetGroup[] = [];
  for (const sd of job.kubernetesSdConfigs) {
    if (sd.apiServer || sd.kubeconfigFile) warnings.push(`job ${job.name}: kubernetes_sd_configs with ${sd.apiServer ? 'api_server' : 'kubeconfig_file'} reads another cluster; simulated against this one`);
    // Jobs often share an SD config (one per port or shard): discover once. Groups are never mutated.
    const key = JSON.stringify([sd.role, sd.namespaces, sd.selectors, sd.attachMetadata]);
    let found = cache?.get(key);
    if (!found) {
      found = discoverKubernetes(sd, objects, {semantics, ownNamespace: options.ownNamespace, podLabelCaches});
      cache?.set(key, found);
    }
    for (const group of found) groups.push(group);
  }
  groups.push(...job.staticConfigs);
  for (const file of job.fileSdFiles) {
    const given = options.fileSd?.get(file);
    if (given) groups.push(...given);
    else warnings.push(`job ${job.name}: file_sd file ${file} not given (--file-sd); its targets are missing`);
  }
  return groups;
}

export interface JobTargets {
  active: ActiveTarget[];
  dropped: DroppedTarget[];
  refused: RefusedTarget[];
  duplicates: number;
}

/** One job's groups through relabelling and target handling (scrape/target.go TargetsFromGroup). */
export function targetsOfJob(job: ScrapeJob, groups: TargetGroup[], version: PrometheusVersion): JobTargets {
  const semantics = relabelSemantics(version);
  const out: JobTargets = {active: [], dropped: [], refused: [], duplicates: 0};
  // Active targets by scrape URL, then (for a URL met again) by labels.
  const byUrl = new Map<string, ActiveTarget | Map<string, ActiveTarget>>();
  for (const group of groups) {
    // The group's labels as every one of its targets starts from them (without copying them).
    const layer = groupLayer(group.labels, Object.keys(group.labels));
    for (const target of group.targets) {
      // Target labels win over the group's (TargetsFromGroup). Upstream hands them over as a Go map, in
      // no defined order; target handling sorts them itself.
      const result = processGroupTarget(group.labels, layer, target, job.defaults, job.rules, semantics, {urlParams: job.defaults.params});
      const discoveredLabels = result.discoveredLabels ?? {};
      if (result.dropped) {
        out.dropped.push({scrapePool: job.name, discoveredLabels, droppedBy: result.droppedBy!, source: group.source});
      } else if (result.error !== undefined) {
        out.refused.push({scrapePool: job.name, discoveredLabels, error: result.error, source: group.source});
      } else {
        // Already in label order: they come from the sorted target labels.
        const labels = result.labels!;
        const url = result.scrapeUrl!;
        const slot = byUrl.get(url);
        let sameUrl: Map<string, ActiveTarget> | undefined;
        let key = '';
        if (slot !== undefined) {
          sameUrl = slot instanceof Map ? slot : new Map([[JSON.stringify(slot.labels), slot]]);
          if (sameUrl !== slot) byUrl.set(url, sameUrl);
          key = JSON.stringify(labels);
        }
        const earlier = sameUrl?.get(key);
        if (earlier) {
          // The scrape pool keeps one loop per labels+URL and shows the last discovered labels.
          earlier.discoveredLabels = discoveredLabels;
          earlier.source = group.source;
          out.duplicates++;
          continue;
        }
        const active: ActiveTarget = {scrapePool: job.name, scrapeUrl: url, discoveredLabels, labels, health: 'unknown', lastError: '', source: group.source};
        if (sameUrl) sameUrl.set(key, active);
        else byUrl.set(url, active);
        out.active.push(active);
      }
    }
  }
  return out;
}

export function computeTargets(config: PrometheusConfig, objects: DiscoveryObjects, options: TargetsOptions): TargetsResult {
  const warnings: string[] = [];
  const result: TargetsResult = {
    prometheusVersion: formatVersion(options.version),
    config: config.origin,
    activeTargets: [],
    droppedTargets: [],
    refusedTargets: [],
    jobs: [],
    warnings,
  };
  const cache = new Map<string, TargetGroup[]>();
  const podLabelCaches = new Map<string, WeakMap<KubeObject, Labels>>();
  for (const job of config.jobs) {
    if (options.jobs && !options.jobs.includes(job.name)) continue;
    const groups = discoverJobGroups(job, objects, options, warnings, cache, podLabelCaches);
    const targets = targetsOfJob(job, groups, options.version);
    result.activeTargets.push(...targets.active);
    result.droppedTargets.push(...targets.dropped);
    result.refusedTargets.push(...targets.refused);
    result.jobs.push({
      name: job.name,
      active: targets.active.length,
      dropped: targets.dropped.length,
      refused: targets.refused.length,
      duplicates: targets.duplicates,
      discovery: [
        ...job.kubernetesSdConfigs.map((sd) => `kubernetes:${sd.role}${sd.namespaces.names.length > 0 ? `(${sd.namespaces.names.join(',')})` : ''}`),
        ...(job.staticConfigs.length > 0 ? ['static'] : []),
        ...(job.fileSdFiles.length > 0 ? ['file'] : []),
      ],
      notSimulated: job.otherSd,
    });
    for (const other of job.otherSd) warnings.push(`job ${job.name}: ${other} is not simulated; its targets are missing`);
  }
  return result;
}

/** The relabel steps of one discovered label set in a job, for explanations. */
export function explainTarget(job: ScrapeJob, discovered: Labels, version: PrometheusVersion): {steps: RelabelStep[]; result: ReturnType<typeof processTarget>} {
  const result = processTarget(discovered, job.defaults, job.rules, relabelSemantics(version), {steps: true});
  return {steps: result.steps ?? [], result};
}
