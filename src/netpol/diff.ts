// `netpol diff`: the reachability before and after a change of manifests, per port, listing
// every flow that goes from allowed to denied (cut) or back (opened), grouped by source
// workload, destination workload and port, with the reason that decides each side.

import type {KubeObject} from '../cluster/types.ts';
import {Evaluator} from './evaluate.ts';
import {cniNotes, ReachabilityMatrix} from './matrix.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {FlowVerdict, PodEndpoint, Protocol} from './types.ts';

export interface DiffSide {
  allowed: boolean;
  /** The direction that decides, in words. */
  reason: string;
}

export interface FlowChange {
  /** `ns/workload` of the sources and destinations (`shop/deployment/api`). */
  from: string;
  to: string;
  port: number | string;
  protocol: Protocol;
  change: 'cut' | 'opened';
  /** How many pod pairs change this way. */
  flows: number;
  /** One pair of pods as an example. */
  example: {from: string; to: string};
  before: DiffSide;
  after: DiffSide;
}

export interface DiffAnswer {
  ports: {port: number | string; protocol: Protocol}[];
  changes: FlowChange[];
  cut: number;
  opened: number;
  notes?: string[];
}

/** Lays `changed` over `base` as later `-f` inputs replace earlier ones (CONTRACT.md). */
export function overlay(base: readonly KubeObject[], changed: readonly KubeObject[]): KubeObject[] {
  const key = (object: KubeObject) => {
    const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
    return `${group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  };
  const merged = new Map<string, KubeObject>();
  for (const object of [...base, ...changed]) {
    merged.delete(key(object));
    merged.set(key(object), object);
  }
  return [...merged.values()];
}

/** The ports to compare when none are given: every declared container port of the pods in scope. */
export function declaredPorts(pods: readonly PodEndpoint[]): {port: number; protocol: Protocol}[] {
  const seen = new Map<string, {port: number; protocol: Protocol}>();
  for (const pod of pods) for (const port of pod.ports) seen.set(`${port.containerPort}/${port.protocol}`, {port: port.containerPort, protocol: port.protocol});
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

export function diffReachability(
  before: NetpolSnapshot, after: NetpolSnapshot,
  scope: (pod: PodEndpoint) => boolean,
  ports?: {port: number | string; protocol: Protocol}[],
): DiffAnswer {
  const afterById = new Map(after.pods.map((pod) => [pod.id, pod]));
  const beforePods = before.pods.filter((pod) => scope(pod) && afterById.has(pod.id));
  const afterPods = beforePods.map((pod) => afterById.get(pod.id)!);
  const chosen = ports ?? declaredPorts([...beforePods, ...afterPods]);
  const beforeEvaluator = new Evaluator(before);
  const afterEvaluator = new Evaluator(after);
  const groups = new Map<string, FlowChange>();
  for (const {port, protocol} of chosen) {
    const old = new ReachabilityMatrix(beforeEvaluator, beforePods, {port, protocol});
    const now = new ReachabilityMatrix(afterEvaluator, afterPods, {port, protocol});
    for (let from = 0; from < beforePods.length; from++) {
      for (let to = 0; to < beforePods.length; to++) {
        const was = old.allowed(from, to);
        const is = now.allowed(from, to);
        if (was === is) continue;
        const source = beforePods[from];
        const destination = beforePods[to];
        const change = was ? 'cut' : 'opened';
        const key = `${workloadId(source)}|${workloadId(destination)}|${port}|${protocol}|${change}`;
        const existing = groups.get(key);
        if (existing) {
          existing.flows++;
          continue;
        }
        groups.set(key, {
          from: workloadId(source), to: workloadId(destination), port, protocol, change, flows: 1,
          example: {from: source.id, to: destination.id},
          before: side(old.explain(from, to)),
          after: side(now.explain(from, to)),
        });
      }
    }
  }
  const changes = [...groups.values()].sort((a, b) =>
    (a.change === b.change ? 0 : a.change === 'cut' ? -1 : 1) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to) ||
    String(a.port).localeCompare(String(b.port), undefined, {numeric: true}) || a.protocol.localeCompare(b.protocol));
  const notes = [...new Set([...cniNotes(before), ...cniNotes(after)])];
  return {
    ports: chosen, changes,
    cut: changes.filter((item) => item.change === 'cut').reduce((sum, item) => sum + item.flows, 0),
    opened: changes.filter((item) => item.change === 'opened').reduce((sum, item) => sum + item.flows, 0),
    ...(notes.length ? {notes} : {}),
  };
}

function workloadId(pod: PodEndpoint): string {
  return `${pod.namespace}/${pod.workload.startsWith('pod/') ? pod.name : pod.workload}`;
}

function side(verdicts: FlowVerdict[]): DiffSide {
  const verdict = verdicts.find((item) => item.allowed) ?? verdicts[0];
  if (verdict.always) return {allowed: true, reason: verdict.always};
  if (!verdict.egress.allowed) return {allowed: false, reason: `egress: ${verdict.egress.reason}`};
  if (!verdict.ingress.allowed) return {allowed: false, reason: `ingress: ${verdict.ingress.reason}`};
  const deciding = verdict.ingress.tier === 'exempt' || verdict.ingress.tier === 'default' ? verdict.egress : verdict.ingress;
  return {allowed: true, reason: `${deciding === verdict.ingress ? 'ingress' : 'egress'}: ${deciding.reason}`};
}
