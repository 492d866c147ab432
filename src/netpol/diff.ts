// `netpol diff`: the reachability before and after a change of manifests, per port, listing
// every flow that goes from allowed to denied (cut) or back (opened), grouped by source
// workload, destination workload and port, with the reason that decides each side.
// Without a port it compares the same ports `netpol matrix` tries (ports.ts): every port the
// pods declare, every port the policies (before or after) name, and `*`, any other port, so
// whenever a matrix cell changes at least one row here says how.

import type {KubeObject} from '../cluster/types.ts';
import {Evaluator} from './evaluate.ts';
import {cniNotes, ReachabilityMatrix} from './matrix.ts';
import {candidatePorts, snapshotIntervals} from './ports.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {FlowVerdict, PodEndpoint, Protocol} from './types.ts';

export interface DiffSide {
  allowed: boolean;
  /** The direction that decides, in words. */
  reason: string;
}

/** `*` in a port: any port no policy names and no pod in scope declares. */
export const otherPorts = '*';

export interface FlowChange {
  /** `ns/workload` of the sources and destinations (`shop/deployment/api`). */
  from: string;
  to: string;
  /** A number, a container port name, or `*` (otherPorts). */
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

interface ComparedPort {
  /** What the answer shows: the port, or `*`. */
  label: number | string;
  /** What is evaluated: for `*`, one port that stands for all the others. */
  port: number | string;
  protocol: Protocol;
}

/**
 * The ports to compare when none are given, per protocol (the one given, else TCP and every
 * protocol a pod declares or a policy names): the declared ports, the ports the policies of
 * either side name, and `*` for any other port.
 */
export function portsToCompare(snapshots: readonly NetpolSnapshot[], pods: readonly PodEndpoint[], protocol?: Protocol): ComparedPort[] {
  const named = new Set<Protocol>(['TCP']);
  for (const pod of pods) for (const port of pod.ports) named.add(port.protocol);
  for (const snapshot of snapshots) {
    for (const policy of snapshot.policies) {
      for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) for (const port of rule.ports ?? []) named.add(port.protocol);
    }
    for (const policy of [...snapshot.adminPolicies, ...snapshot.baselinePolicies]) {
      for (const rule of [...policy.ingress, ...policy.egress]) for (const port of rule.ports ?? []) if (port.protocol) named.add(port.protocol);
    }
  }
  const protocolOrder: Protocol[] = ['TCP', 'UDP', 'SCTP'];
  const chosen = protocol ? [protocol] : protocolOrder.filter((item) => named.has(item));
  const result: ComparedPort[] = [];
  for (const current of chosen) {
    const intervals = snapshots.flatMap((snapshot) => snapshotIntervals(snapshot, current));
    const declared = [...new Set(pods.flatMap((pod) => pod.ports.filter((port) => port.protocol === current).map((port) => port.containerPort)))];
    const candidates = candidatePorts(intervals, declared);
    for (const port of [...candidates.named].sort((a, b) => a - b)) result.push({label: port, port, protocol: current});
    if (candidates.other !== undefined) result.push({label: otherPorts, port: candidates.other, protocol: current});
  }
  return result;
}

export function diffReachability(
  before: NetpolSnapshot, after: NetpolSnapshot,
  scope: (pod: PodEndpoint) => boolean,
  ports?: {port: number | string; protocol: Protocol}[],
  protocol?: Protocol,
): DiffAnswer {
  const afterById = new Map(after.pods.map((pod) => [pod.id, pod]));
  const beforePods = before.pods.filter((pod) => scope(pod) && afterById.has(pod.id));
  const afterPods = beforePods.map((pod) => afterById.get(pod.id)!);
  const chosen: ComparedPort[] = ports?.map((item) => ({label: item.port, ...item})) ?? portsToCompare([before, after], [...beforePods, ...afterPods], protocol);
  const beforeEvaluator = new Evaluator(before);
  const afterEvaluator = new Evaluator(after);
  const groups = new Map<string, FlowChange>();
  for (const {label, port, protocol} of chosen) {
    const query = {port, protocol, otherPort: label === otherPorts};
    const old = new ReachabilityMatrix(beforeEvaluator, beforePods, query);
    const now = new ReachabilityMatrix(afterEvaluator, afterPods, query);
    for (let from = 0; from < beforePods.length; from++) {
      for (let to = 0; to < beforePods.length; to++) {
        const was = old.allowed(from, to);
        const is = now.allowed(from, to);
        if (was === is) continue;
        const source = beforePods[from];
        const destination = beforePods[to];
        const change = was ? 'cut' : 'opened';
        const key = `${workloadId(source)}|${workloadId(destination)}|${label}|${protocol}|${change}`;
        const existing = groups.get(key);
        if (existing) {
          existing.flows++;
          continue;
        }
        groups.set(key, {
          from: workloadId(source), to: workloadId(destination), port: label, protocol, change, flows: 1,
          example: {from: source.id, to: destination.id},
          before: side(old.explain(from, to)),
          after: side(now.explain(from, to)),
        });
      }
    }
  }
  const changes = [...groups.values()].sort((a, b) =>
    (a.change === b.change ? 0 : a.change === 'cut' ? -1 : 1) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to) ||
    comparePorts(a.port, b.port) || a.protocol.localeCompare(b.protocol));
  const notes = [...new Set([...cniNotes(before), ...cniNotes(after)])];
  return {
    ports: chosen.map(({label, protocol}) => ({port: label, protocol})), changes,
    cut: changes.filter((item) => item.change === 'cut').reduce((sum, item) => sum + item.flows, 0),
    opened: changes.filter((item) => item.change === 'opened').reduce((sum, item) => sum + item.flows, 0),
    ...(notes.length ? {notes} : {}),
  };
}

/** Numbers and names in natural order, `*` (any other port) last. */
function comparePorts(a: number | string, b: number | string): number {
  if (a === b) return 0;
  if (a === otherPorts) return 1;
  if (b === otherPorts) return -1;
  return String(a).localeCompare(String(b), undefined, {numeric: true});
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
