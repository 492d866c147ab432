import type {KubeObject} from '../../src/cluster/types.ts';
import {conditionStatus, objectStatus, podStatusReason} from '../../src/ownership/status.ts';

const withStatus = (apiVersion: string, kind: string, status: unknown, extra: Record<string, unknown> = {}): KubeObject =>
  ({apiVersion, kind, metadata: {name: 'x', namespace: 'default'}, ...(status === undefined ? {} : {status}), ...extra});

// ahmetb/kubectl-tree cmd/kubectl-tree/status_test.go TestExtractStatusWithMultipleConditionTypes:
// the first condition type asked for that the object has wins, in the order asked.
describe('conditionStatus (kubectl-tree extractStatus)', () => {
  test.each([
    {name: 'finds Ready condition', conditions: [{type: 'Ready', status: 'True', reason: 'AllGood'}], types: ['Ready'], ready: 'True', reason: 'AllGood'},
    {name: 'finds Processed condition', conditions: [{type: 'Processed', status: 'True', reason: 'ProcessingComplete'}], types: ['Processed'], ready: 'True', reason: 'ProcessingComplete'},
    {name: 'finds first matching condition from multiple types',
      conditions: [{type: 'Scheduled', status: 'True', reason: 'ScheduledOK'}, {type: 'Processed', status: 'False', reason: 'ProcessingFailed'}],
      types: ['Ready', 'Processed', 'Scheduled'], ready: 'False', reason: 'ProcessingFailed'},
    {name: 'returns empty when condition type not found', conditions: [{type: 'Ready', status: 'True', reason: 'AllGood'}], types: ['NonExistent'], ready: undefined, reason: undefined},
    {name: 'handles object without status', conditions: undefined, types: ['Ready'], ready: undefined, reason: undefined},
  ])('$name', ({conditions, types, ready, reason}) => {
    const object = withStatus('example.com/v1', 'Widget', conditions === undefined ? undefined : {conditions});
    const found = conditionStatus(object, types);
    expect(found?.ready).toBe(ready);
    expect(found?.reason).toBe(reason);
  });
});

// kubernetes/kubernetes pkg/printers/internalversion/printers_test.go TestPrintPod: the STATUS
// column of `kubectl get pods`.
const running = {running: {}};
describe('podStatusReason (kubectl printPod)', () => {
  test.each([
    {name: 'test1: phase when no container says otherwise', status: {phase: 'podPhase', containerStatuses: [{ready: true, state: running}, {}]}, want: 'podPhase'},
    {name: 'test2: container waiting reason overwrites the phase',
      status: {phase: 'podPhase', containerStatuses: [{ready: true, state: running}, {state: {waiting: {reason: 'ContainerWaitingReason'}}}]}, want: 'ContainerWaitingReason'},
    {name: 'test3: the first container wins over the rest',
      status: {phase: 'podPhase', containerStatuses: [{state: {waiting: {reason: 'ContainerWaitingReason'}}}, {state: {terminated: {reason: 'ContainerTerminatedReason'}}}]}, want: 'ContainerWaitingReason'},
    {name: 'test4: ready is not enough for reporting running', status: {phase: 'podPhase', containerStatuses: [{ready: true, state: running}, {ready: true}]}, want: 'podPhase'},
    {name: 'test5: status.reason overwrites the phase', status: {reason: 'podReason', phase: 'podPhase', containerStatuses: [{ready: true, state: running}, {ready: true}]}, want: 'podReason'},
    {name: 'test6: one running, one completed, no Ready condition',
      status: {phase: 'Running', containerStatuses: [{ready: true, state: {terminated: {reason: 'Completed', exitCode: 0}}}, {ready: true, state: running}]}, want: 'NotReady'},
    {name: 'test6: one running, one completed, Ready condition',
      status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}],
        containerStatuses: [{ready: true, state: {terminated: {reason: 'Completed', exitCode: 0}}}, {ready: true, state: running}]}, want: 'Running'},
    {name: 'test7: init container restarting', initContainers: 1,
      status: {phase: 'podPhase', initContainerStatuses: [{state: running}], containerStatuses: [{state: {waiting: {}}}]}, want: 'Init:0/1'},
    {name: 'test8: two init containers, first restarting', initContainers: 2,
      status: {phase: 'podPhase', initContainerStatuses: [{state: running}, {state: {waiting: {}}}], containerStatuses: [{state: {waiting: {}}}]}, want: 'Init:0/2'},
    {name: 'test9: first init container done, second running', initContainers: 2,
      status: {phase: 'podPhase', initContainerStatuses: [{state: {terminated: {}}}, {state: running}], containerStatuses: [{state: {waiting: {}}}]}, want: 'Init:1/2'},
    {name: 'test11: init done, container running', initContainers: 1,
      status: {phase: 'Running', initContainerStatuses: [{state: {terminated: {}}}], containerStatuses: [{state: running}]}, want: 'Running'},
    {name: 'test15: PodScheduled SchedulingGated', status: {phase: 'podPhase', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}, want: 'SchedulingGated'},
    {name: 'test16: succeeded', status: {phase: 'Succeeded', containerStatuses: [{state: {terminated: {reason: 'Completed', exitCode: 0}}}]}, want: 'Completed'},
    {name: 'test17: failed', status: {phase: 'Failed', containerStatuses: [{state: {terminated: {reason: 'Error', exitCode: 1}}}]}, want: 'Error'},
    {name: 'test18: succeeded with deletion stays Completed', deleting: true,
      status: {phase: 'Succeeded', containerStatuses: [{state: {terminated: {reason: 'Completed', exitCode: 0}}}]}, want: 'Completed'},
    {name: 'test19: running with deletion is Terminating', deleting: true,
      status: {phase: 'Running', containerStatuses: [{ready: true, state: running}]}, want: 'Terminating'},
    {name: 'deleted on a lost node is Unknown', deleting: true, status: {phase: 'Running', reason: 'NodeLost'}, want: 'Unknown'},
    {name: 'init container failed with a reason', initContainers: 1,
      status: {phase: 'Pending', initContainerStatuses: [{state: {terminated: {reason: 'Error', exitCode: 1}}}]}, want: 'Init:Error'},
    {name: 'init container failed by signal', initContainers: 1,
      status: {phase: 'Pending', initContainerStatuses: [{state: {terminated: {signal: 9, exitCode: 137}}}]}, want: 'Init:Signal:9'},
    {name: 'init container failed with exit code', initContainers: 1,
      status: {phase: 'Pending', initContainerStatuses: [{state: {terminated: {exitCode: 3}}}]}, want: 'Init:ExitCode:3'},
    {name: 'init container waiting with a reason', initContainers: 1,
      status: {phase: 'Pending', initContainerStatuses: [{state: {waiting: {reason: 'ImagePullBackOff'}}}]}, want: 'Init:ImagePullBackOff'},
    {name: 'container terminated without reason, by exit code', status: {phase: 'Running', containerStatuses: [{state: {terminated: {exitCode: 2}}}]}, want: 'ExitCode:2'},
    {name: 'container terminated without reason, by signal', status: {phase: 'Running', containerStatuses: [{state: {terminated: {signal: 15}}}]}, want: 'Signal:15'},
  ])('$name', ({status, initContainers, deleting, want}) => {
    const pod = withStatus('v1', 'Pod', status, {spec: {initContainers: Array.from({length: initContainers ?? 0}, (_, i) => ({name: `init-${i}`})), containers: []}});
    if (initContainers) status.initContainerStatuses?.forEach((entry: Record<string, unknown>, i: number) => { entry.name = `init-${i}`; });
    if (deleting) pod.metadata.deletionTimestamp = '2026-11-23T09:59:50Z';
    expect(podStatusReason(pod)).toBe(want);
  });

  test('a started sidecar (restartPolicy Always) counts as initialized', () => {
    const pod = withStatus('v1', 'Pod', {
      phase: 'Running',
      initContainerStatuses: [{name: 'proxy', started: true, state: running}],
      containerStatuses: [{name: 'app', ready: true, state: running}],
      conditions: [{type: 'Ready', status: 'True'}],
    }, {spec: {initContainers: [{name: 'proxy', restartPolicy: 'Always'}], containers: [{name: 'app'}]}});
    expect(podStatusReason(pod)).toBe('Running');
  });
});

describe('objectStatus', () => {
  test.each([
    // Pods: the unhealthy states the issue names, and the healthy ones.
    {name: 'pod running and ready', object: withStatus('v1', 'Pod', {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{ready: true, state: running}]}),
      want: {ready: 'True', status: 'Running', health: 'ok'}},
    {name: 'pod CrashLoopBackOff', object: withStatus('v1', 'Pod', {phase: 'Running', conditions: [{type: 'Ready', status: 'False', reason: 'ContainersNotReady'}],
      containerStatuses: [{state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: {reason: 'OOMKilled'}}}]}),
      want: {ready: 'False', status: 'CrashLoopBackOff', health: 'bad'}},
    {name: 'pod ImagePullBackOff', object: withStatus('v1', 'Pod', {phase: 'Pending', containerStatuses: [{state: {waiting: {reason: 'ImagePullBackOff'}}}]}),
      want: {ready: '-', status: 'ImagePullBackOff', health: 'bad'}},
    {name: 'pod OOMKilled', object: withStatus('v1', 'Pod', {phase: 'Failed', conditions: [{type: 'Ready', status: 'False', reason: 'PodFailed'}],
      containerStatuses: [{state: {terminated: {reason: 'OOMKilled', exitCode: 137}}}]}),
      want: {ready: 'False', status: 'OOMKilled', health: 'bad'}},
    {name: 'pod Pending and Unschedulable', object: withStatus('v1', 'Pod', {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'Unschedulable'}]}),
      want: {ready: '-', status: 'Unschedulable', health: 'bad'}},
    {name: 'pod Pending, scheduled, creating', object: withStatus('v1', 'Pod', {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'True'}],
      containerStatuses: [{state: {waiting: {reason: 'ContainerCreating'}}}]}),
      want: {ready: '-', status: 'ContainerCreating', health: 'warn'}},
    {name: 'pod Completed is healthy', object: withStatus('v1', 'Pod', {phase: 'Succeeded', conditions: [{type: 'Ready', status: 'False', reason: 'PodCompleted'}],
      containerStatuses: [{state: {terminated: {reason: 'Completed', exitCode: 0}}}]}),
      want: {ready: 'False', status: 'Completed', health: 'ok'}},
    {name: 'pod Init:0/1 is waiting, not failing', object: withStatus('v1', 'Pod', {phase: 'Pending', initContainerStatuses: [{name: 'i', state: running}]},
      {spec: {initContainers: [{name: 'i'}]}}),
      want: {ready: '-', status: 'Init:0/1', health: 'warn'}},
    {name: 'pod metadata only', object: {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'x'}}, want: {ready: '-', status: '-', health: 'none'}},

    // Workloads (cli-utils kstatus core.go for which conditions mean failure).
    {name: 'deployment available', object: withStatus('apps/v1', 'Deployment', {conditions: [{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'}]}),
      want: {ready: 'True', status: 'MinimumReplicasAvailable', health: 'ok'}},
    {name: 'deployment unavailable', object: withStatus('apps/v1', 'Deployment', {conditions: [{type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable'}]}),
      want: {ready: 'False', status: 'MinimumReplicasUnavailable', health: 'bad'}},
    {name: 'deployment progress deadline exceeded', object: withStatus('apps/v1', 'Deployment', {conditions: [
      {type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'}, {type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded'}]}),
      want: {ready: 'False', status: 'ProgressDeadlineExceeded', health: 'bad'}},
    {name: 'deployment without conditions, by replicas', object: withStatus('apps/v1', 'Deployment', {readyReplicas: 1}, {spec: {replicas: 3}}),
      want: {ready: 'False', status: 'Ready: 1/3', health: 'warn'}},
    {name: 'deployment as written (no status)', object: withStatus('apps/v1', 'Deployment', undefined), want: {ready: '-', status: '-', health: 'none'}},
    {name: 'replicaset all ready', object: withStatus('apps/v1', 'ReplicaSet', {replicas: 2, readyReplicas: 2}, {spec: {replicas: 2}}),
      want: {ready: 'True', status: 'Ready: 2/2', health: 'ok'}},
    {name: 'replicaset replica failure', object: withStatus('apps/v1', 'ReplicaSet', {conditions: [{type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate'}]}, {spec: {replicas: 2}}),
      want: {ready: 'False', status: 'FailedCreate', health: 'bad'}},
    {name: 'statefulset short of ready', object: withStatus('apps/v1', 'StatefulSet', {replicas: 3, readyReplicas: 2}, {spec: {replicas: 3}}),
      want: {ready: 'False', status: 'Ready: 2/3', health: 'warn'}},
    {name: 'daemonset all ready', object: withStatus('apps/v1', 'DaemonSet', {desiredNumberScheduled: 4, numberReady: 4}),
      want: {ready: 'True', status: 'Ready: 4/4', health: 'ok'}},
    {name: 'job complete', object: withStatus('batch/v1', 'Job', {conditions: [{type: 'Complete', status: 'True', reason: 'CompletionsReached'}]}),
      want: {ready: 'True', status: 'Complete', health: 'ok'}},
    {name: 'job failed', object: withStatus('batch/v1', 'Job', {conditions: [{type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded'}]}),
      want: {ready: 'False', status: 'BackoffLimitExceeded', health: 'bad'}},
    {name: 'job running', object: withStatus('batch/v1', 'Job', {active: 1, startTime: '2026-11-23T09:00:00Z'}), want: {ready: '-', status: 'Running', health: 'none'}},
    {name: 'job suspended', object: withStatus('batch/v1', 'Job', {conditions: [{type: 'Suspended', status: 'True'}]}), want: {ready: '-', status: 'Suspended', health: 'none'}},
    {name: 'cronjob suspended', object: withStatus('batch/v1', 'CronJob', {}, {spec: {suspend: true}}), want: {ready: '-', status: 'Suspended', health: 'none'}},
    {name: 'claim bound', object: withStatus('v1', 'PersistentVolumeClaim', {phase: 'Bound'}), want: {ready: 'True', status: 'Bound', health: 'ok'}},
    {name: 'claim pending', object: withStatus('v1', 'PersistentVolumeClaim', {phase: 'Pending'}), want: {ready: 'False', status: 'Pending', health: 'warn'}},
    {name: 'node not ready', object: withStatus('v1', 'Node', {conditions: [{type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown'}]}),
      want: {ready: 'Unknown', status: 'NotReady', health: 'warn'}},
    {name: 'node cordoned', object: withStatus('v1', 'Node', {conditions: [{type: 'Ready', status: 'True'}]}, {spec: {unschedulable: true}}),
      want: {ready: 'True', status: 'Ready,SchedulingDisabled', health: 'warn'}},
    {name: 'load balancer service without address', object: withStatus('v1', 'Service', {loadBalancer: {}}, {spec: {type: 'LoadBalancer'}}),
      want: {ready: '-', status: 'Pending', health: 'warn'}},
    {name: 'configmap has nothing to read', object: withStatus('v1', 'ConfigMap', undefined), want: {ready: '-', status: '-', health: 'none'}},

    // Custom resources: the default condition order.
    {name: 'CR Ready wins over Synced (Crossplane)', object: withStatus('example.com/v1', 'Database', {conditions: [
      {type: 'Synced', status: 'True', reason: 'ReconcileSuccess'}, {type: 'Ready', status: 'False', reason: 'Creating'}]}),
      want: {ready: 'False', status: 'Creating', health: 'bad'}},
    {name: 'CR Available when no Ready', object: withStatus('example.com/v1', 'Thing', {conditions: [{type: 'Available', status: 'Unknown', reason: 'Checking'}]}),
      want: {ready: 'Unknown', status: 'Checking', health: 'warn'}},
    {name: 'CR with a phase only', object: withStatus('argoproj.io/v1alpha1', 'Workflow', {phase: 'Failed'}), want: {ready: '-', status: 'Failed', health: 'bad'}},
    {name: 'CR condition without reason', object: withStatus('example.com/v1', 'Thing', {conditions: [{type: 'Ready', status: 'True'}]}),
      want: {ready: 'True', status: '-', health: 'ok'}},
    {name: 'CRD established', object: withStatus('apiextensions.k8s.io/v1', 'CustomResourceDefinition', {conditions: [{type: 'NamesAccepted', status: 'True', reason: 'NoConflicts'}, {type: 'Established', status: 'True', reason: 'InitialNamesAccepted'}]}),
      want: {ready: 'True', status: 'InitialNamesAccepted', health: 'ok'}},
    {name: 'deleting object is Terminating', object: withStatus('apps/v1', 'ReplicaSet', {replicas: 1, readyReplicas: 1}, {spec: {replicas: 1}, metadata: {name: 'x', deletionTimestamp: '2026-11-23T09:00:00Z'}}),
      want: {ready: 'True', status: 'Terminating', health: 'warn'}},
  ])('$name', ({object, want}) => {
    expect(objectStatus(object)).toEqual(want);
  });

  test('condition types can be chosen (kubectl-tree --condition-types)', () => {
    const object = withStatus('example.com/v1', 'Database', {conditions: [{type: 'Synced', status: 'False', reason: 'ReconcileError'}, {type: 'Ready', status: 'True'}]});
    expect(objectStatus(object, ['Synced', 'Ready'])).toEqual({ready: 'False', status: 'ReconcileError', health: 'bad'});
  });

  test('garbage in status never throws', () => {
    for (const status of [null, 'x', 3, [], {conditions: 'nope'}, {conditions: [null, 1, 'a']}, {containerStatuses: [null]}]) {
      for (const kind of ['Pod', 'Deployment', 'Job', 'Widget']) {
        expect(() => objectStatus({apiVersion: kind === 'Widget' ? 'x/v1' : kind === 'Pod' ? 'v1' : kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata: {name: 'x'}, status})).not.toThrow();
      }
    }
  });
});
