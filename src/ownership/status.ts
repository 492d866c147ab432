// READY and REASON of one object, read from its status the way people read it:
// - conditions, first matching type in the preferred order wins (ahmetb/kubectl-tree status.go
//   extractStatus: it walks the condition types asked for, in order, and takes the first present);
// - pods as `kubectl get pods` prints STATUS (kubectl pkg/printers/internalversion/printers.go
//   printPod: phase, status.reason, init containers, then container waiting/terminated reasons,
//   Terminating), plus Pending pods the scheduler marked Unschedulable;
// - workloads without conditions by their replica counts, and kind-specific failure conditions
//   (sigs.k8s.io/cli-utils kstatus core.go: ProgressDeadlineExceeded, ReplicaFailure, Job Failed).
// "-" where a kind has nothing to read.

import type {KubeObject} from '../cluster/types.ts';
import type {Health, ObjectStatus, Ready} from './types.ts';

/** The condition types tried, in order, for kinds without their own rule (CRDs and the rest). */
export const defaultConditionTypes: readonly string[] = ['Ready', 'Available', 'Complete', 'Established', 'Succeeded'];

interface Condition {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
}

function record(value: unknown): Record<string, any> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}

function conditionsOf(object: KubeObject): Condition[] {
  const conditions = record(object.status)?.conditions;
  return Array.isArray(conditions) ? conditions.filter((condition) => record(condition) !== undefined) : [];
}

function findCondition(object: KubeObject, type: string): Condition | undefined {
  return conditionsOf(object).find((condition) => condition.type === type);
}

function asReady(value: unknown): Ready {
  return value === 'True' || value === 'False' || value === 'Unknown' ? value : '-';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The first condition among `types` (in the order of `types`, not of the object's list), as
 * kubectl-tree's extractStatus finds it. Undefined when none is present.
 */
export function conditionStatus(object: KubeObject, types: readonly string[]): {ready: Ready; reason: string} | undefined {
  const conditions = conditionsOf(object);
  for (const type of types) {
    const condition = conditions.find((entry) => entry.type === type);
    if (condition) return {ready: asReady(condition.status), reason: text(condition.reason)};
  }
  return undefined;
}

function readyHealth(ready: Ready): Health {
  switch (ready) {
    case 'True': return 'ok';
    case 'False': return 'bad';
    case 'Unknown': return 'warn';
    default: return 'none';
  }
}

interface ContainerState {
  waiting?: {reason?: string};
  running?: unknown;
  terminated?: {reason?: string; exitCode?: number; signal?: number};
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  state?: ContainerState;
}

function terminatedReason(terminated: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (terminated.reason) return prefix + terminated.reason;
  if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
  return `${prefix}ExitCode:${count(terminated.exitCode, 0)}`;
}

/** kubectl get pods' STATUS column (printPod), written from its rules. */
export function podStatusReason(pod: KubeObject): string {
  const status = record(pod.status) ?? {};
  const spec = record(pod.spec) ?? {};
  let reason = text(status.phase);
  if (text(status.reason)) reason = status.reason;
  for (const condition of conditionsOf(pod)) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs: any[] = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  const initStatuses: ContainerStatus[] = Array.isArray(status.initContainerStatuses) ? status.initContainerStatuses : [];
  let initializing = false;
  for (let index = 0; index < initStatuses.length; index++) {
    const container = initStatuses[index] ?? {};
    const state = container.state ?? {};
    // Sidecars (init containers with restartPolicy Always) count as done once started.
    const sidecar = initSpecs.find((entry) => record(entry)?.name === container.name)?.restartPolicy === 'Always';
    if (state.terminated && count(state.terminated.exitCode, 0) === 0) continue;
    if (sidecar && container.started) continue;
    if (state.terminated) reason = terminatedReason(state.terminated, 'Init:');
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') reason = `Init:${state.waiting.reason}`;
    else reason = `Init:${index}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initialized = conditionsOf(pod).some((condition) => condition.type === 'Initialized' && condition.status === 'True');
  if (!initializing || initialized) {
    const statuses: ContainerStatus[] = Array.isArray(status.containerStatuses) ? status.containerStatuses : [];
    let hasRunning = false;
    // Last to first, so the first container's state is the one printed.
    for (let index = statuses.length - 1; index >= 0; index--) {
      const state = statuses[index]?.state ?? {};
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (state.terminated?.reason) reason = state.terminated.reason;
      else if (state.terminated) reason = terminatedReason(state.terminated, '');
      else if (statuses[index]?.ready && state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = findCondition(pod, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }

  const phase = text(status.phase);
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return reason;
}

// Reasons that mean the pod will not get better by waiting.
const badPodReasons = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull',
  'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreStartHookError', 'PostStartHookError',
  'OOMKilled', 'Error', 'Failed', 'Evicted', 'ContainerStatusUnknown', 'Unschedulable', 'NodeAffinity', 'OutOfcpu',
  'OutOfmemory', 'Unknown', 'DeadlineExceeded',
]);

function podStatus(pod: KubeObject): ObjectStatus {
  let reason = podStatusReason(pod);
  const scheduled = findCondition(pod, 'PodScheduled');
  if (reason === 'Pending' && scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') reason = 'Unschedulable';
  const ready = asReady(findCondition(pod, 'Ready')?.status);
  let health: Health;
  if (badPodReasons.has(reason) || /^(Init:)?(ExitCode|Signal):/.test(reason) ||
      (reason.startsWith('Init:') && !/^Init:\d+\/\d+$/.test(reason))) health = 'bad';
  else if (reason === 'Completed' || reason === 'Succeeded') health = 'ok';
  else if (ready === 'True') health = 'ok';
  else if (reason === '' && ready === '-') health = 'none';
  else health = 'warn';
  return {ready, status: reason || '-', health};
}

function jobStatus(job: KubeObject): ObjectStatus {
  for (const type of ['Failed', 'Complete', 'FailureTarget', 'SuccessCriteriaMet', 'Suspended']) {
    const condition = findCondition(job, type);
    if (condition?.status !== 'True') continue;
    switch (type) {
      case 'Failed':
      case 'FailureTarget':
        return {ready: 'False', status: text(condition.reason) || 'Failed', health: 'bad'};
      case 'Complete':
      case 'SuccessCriteriaMet':
        return {ready: 'True', status: 'Complete', health: 'ok'};
      default:
        return {ready: '-', status: 'Suspended', health: 'none'};
    }
  }
  const status = record(job.status);
  if (!status) return {ready: '-', status: '-', health: 'none'};
  if (count(status.active, 0) > 0 || status.startTime) return {ready: '-', status: 'Running', health: 'none'};
  return {ready: '-', status: 'Pending', health: 'warn'};
}

function replicaStatus(object: KubeObject, desired: number, ready: number): ObjectStatus {
  const failure = findCondition(object, 'ReplicaFailure');
  if (failure?.status === 'True') return {ready: 'False', status: text(failure.reason) || 'ReplicaFailure', health: 'bad'};
  const status = `Ready: ${ready}/${desired}`;
  return ready >= desired ? {ready: 'True', status, health: 'ok'} : {ready: 'False', status, health: 'warn'};
}

function deploymentStatus(deployment: KubeObject): ObjectStatus {
  const progressing = findCondition(deployment, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return {ready: 'False', status: 'ProgressDeadlineExceeded', health: 'bad'};
  const failure = findCondition(deployment, 'ReplicaFailure');
  if (failure?.status === 'True') return {ready: 'False', status: text(failure.reason) || 'ReplicaFailure', health: 'bad'};
  const available = findCondition(deployment, 'Available');
  if (available) {
    const ready = asReady(available.status);
    return {ready, status: text(available.reason) || '-', health: ready === 'False' ? 'bad' : readyHealth(ready)};
  }
  const status = record(deployment.status);
  if (!status) return {ready: '-', status: '-', health: 'none'};
  return replicaStatus(deployment, count(record(deployment.spec)?.replicas, 1), count(status.readyReplicas, 0));
}

function phaseStatus(phase: string, good: readonly string[], bad: readonly string[]): ObjectStatus {
  if (!phase) return {ready: '-', status: '-', health: 'none'};
  if (good.includes(phase)) return {ready: 'True', status: phase, health: 'ok'};
  return {ready: 'False', status: phase, health: bad.includes(phase) ? 'bad' : 'warn'};
}

function genericStatus(object: KubeObject, conditionTypes: readonly string[]): ObjectStatus {
  const found = conditionStatus(object, conditionTypes);
  if (found) return {ready: found.ready, status: found.reason || '-', health: readyHealth(found.ready)};
  const phase = text(record(object.status)?.phase);
  if (phase) return {ready: '-', status: phase, health: /^(Failed|Error|Lost)$/.test(phase) ? 'bad' : 'none'};
  return {ready: '-', status: '-', health: 'none'};
}

function kindStatus(object: KubeObject, conditionTypes: readonly string[]): ObjectStatus {
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  const status = record(object.status);
  const spec = record(object.spec) ?? {};
  switch (`${group}/${object.kind}`) {
    case '/Pod': return podStatus(object);
    case 'batch/Job': return jobStatus(object);
    case 'batch/CronJob':
      if (spec.suspend === true) return {ready: '-', status: 'Suspended', health: 'none'};
      return {ready: '-', status: Array.isArray(status?.active) && status!.active.length > 0 ? `Active: ${status!.active.length}` : '-', health: 'none'};
    case 'apps/Deployment': return deploymentStatus(object);
    case 'apps/ReplicaSet':
    case '/ReplicationController':
    case 'apps/StatefulSet':
      if (!status) return {ready: '-', status: '-', health: 'none'};
      return replicaStatus(object, count(spec.replicas, 1), count(status.readyReplicas, 0));
    case 'apps/DaemonSet':
      if (!status) return {ready: '-', status: '-', health: 'none'};
      return replicaStatus(object, count(status.desiredNumberScheduled, 0), count(status.numberReady, 0));
    case '/PersistentVolumeClaim': return phaseStatus(text(status?.phase), ['Bound'], ['Lost']);
    case '/PersistentVolume': return phaseStatus(text(status?.phase), ['Bound', 'Available'], ['Failed']);
    case '/Namespace': return phaseStatus(text(status?.phase), ['Active'], []);
    case '/Node': {
      const ready = findCondition(object, 'Ready');
      const readyValue = asReady(ready?.status);
      const base: ObjectStatus = ready
        ? {ready: readyValue, status: readyValue === 'True' ? 'Ready' : 'NotReady', health: readyHealth(readyValue)}
        : {ready: '-', status: '-', health: 'none'};
      if (spec.unschedulable === true) return {...base, status: `${base.status === '-' ? '' : base.status + ','}SchedulingDisabled`, health: base.health === 'bad' ? 'bad' : 'warn'};
      return base;
    }
    case '/Service':
      if (spec.type === 'LoadBalancer' && !(Array.isArray(status?.loadBalancer?.ingress) && status!.loadBalancer.ingress.length > 0)) {
        return {ready: '-', status: 'Pending', health: 'warn'};
      }
      return {ready: '-', status: '-', health: 'none'};
    default:
      return genericStatus(object, conditionTypes);
  }
}

/** READY, REASON and health of one object. Metadata-only objects read as "-". */
export function objectStatus(object: KubeObject, conditionTypes: readonly string[] = defaultConditionTypes): ObjectStatus {
  const result = kindStatus(object, conditionTypes);
  // Pods already say Terminating; for the rest, deletion in progress is the news.
  if (object.metadata.deletionTimestamp && object.kind !== 'Pod') {
    return {ready: result.ready, status: 'Terminating', health: result.health === 'bad' ? 'bad' : 'warn'};
  }
  return result;
}
