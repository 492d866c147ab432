// What live probes need of pods beyond get/list/create/delete: a stand-in kubelet that starts pods
// created through the API (phase Running, a pod IP, running containers), and the
// ephemeralcontainers subresource (`kubectl debug`), whose containers start at once.
// probeRoutes() is what `--connectivity FILE` adds to the test cluster.

import type {KubeObject} from '../../../src/cluster/types.ts';
import {applyPatch, patchTypes} from '../patch.ts';
import type {ClusterContext, Route} from '../router.ts';
import {badRequest, notFound, sendJson, sendStatus, status} from '../status.ts';
import {nowTimestamp} from '../store.ts';
import type {Connectivity} from './connectivity.ts';
import {execRoute, type ExecRecord} from './exec.ts';

/** The routes behind `--connectivity`: kubelet, ephemeral containers, exec. */
export function probeRoutes(connectivity: Connectivity, execLog?: ExecRecord[]): Route[] {
  return [kubeletRoute(), ephemeralContainersRoute(connectivity), execRoute(connectivity, execLog)];
}

const started = new WeakSet<object>();
let nextAddress = 1;

/**
 * Starts watching the store on the first request (routes see the cluster only then): every pod
 * created from now on without an IP is started, as a kubelet would, just after it is stored.
 */
export function kubeletRoute(): Route {
  return {
    name: 'kubelet',
    handle(context) {
      startKubelet(context.cluster);
      return false;
    },
  };
}

export function startKubelet(cluster: ClusterContext): void {
  const {store, catalogue} = cluster;
  if (started.has(store)) return;
  started.add(store);
  const podType = catalogue.kind('', 'Pod')!;
  store.subscribe((event) => {
    if (event.resourceType !== podType || event.type !== 'ADDED' || event.object.status?.podIP) return;
    const {name, namespace} = event.object.metadata;
    setImmediate(() => {
      const current = store.get(podType, name, namespace);
      if (!current || current.status?.podIP) return;
      const now = nowTimestamp();
      const address = nextAddress++;
      const podIP = current.spec?.hostNetwork ? '192.168.49.9' : `10.244.${200 + Math.floor(address / 250)}.${(address % 250) + 1}`;
      const containers = (current.spec?.containers ?? []) as {name: string; image: string}[];
      store.update(podType, {
        ...current,
        spec: {...current.spec, nodeName: current.spec?.nodeName ?? 'node-1'},
        status: {
          ...current.status,
          phase: 'Running', hostIP: '192.168.49.9', podIP, podIPs: [{ip: podIP}], startTime: now,
          conditions: [{type: 'Ready', status: 'True', lastTransitionTime: now}],
          containerStatuses: containers.map((container) => runningStatus(container, now)),
        },
        metadata: {...current.metadata, resourceVersion: undefined},
      });
    });
  });
}

function runningStatus(container: {name: string; image: string}, now: string): {name: string} & Record<string, unknown> {
  return {name: container.name, image: container.image, imageID: '', ready: true, restartCount: 0, started: true, state: {running: {startedAt: now}}};
}

/** GET, PATCH and PUT of pods/NAME/ephemeralcontainers; new containers are running at once. */
export function ephemeralContainersRoute(connectivity: Connectivity): Route {
  return {
    name: 'ephemeralcontainers',
    async handle(context) {
      const request = context.resource;
      if (!request || request.group !== '' || request.resource !== 'pods' || request.subresource !== 'ephemeralcontainers') return false;
      const {store, catalogue} = context.cluster;
      if (!connectivity.ephemeralContainers) {
        sendStatus(context.response, status(404, 'NotFound', 'the server could not find the requested resource'));
        return true;
      }
      const podType = catalogue.kind('', 'Pod')!;
      const current = store.get(podType, request.name!, request.namespace);
      if (!current) {
        sendStatus(context.response, notFound('', 'pods', request.name ?? ''));
        return true;
      }
      if (request.verb === 'get') {
        sendJson(context.response, 200, current);
        return true;
      }
      if (request.verb !== 'patch' && request.verb !== 'update') {
        sendStatus(context.response, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
        return true;
      }
      let wanted: {name: string; image: string}[];
      try {
        const body = JSON.parse((await context.body()).toString('utf8'));
        const contentType = (context.request.headers['content-type'] ?? '').split(';')[0].trim();
        if (request.verb === 'update') wanted = body?.spec?.ephemeralContainers ?? [];
        else if (contentType === patchTypes.json) wanted = (applyPatch(current, contentType, body) as KubeObject).spec?.ephemeralContainers ?? [];
        else wanted = mergeByName(current.spec?.ephemeralContainers ?? [], body?.spec?.ephemeralContainers ?? []);
      } catch (error) {
        sendStatus(context.response, badRequest((error as Error).message));
        return true;
      }
      const existing = (current.spec?.ephemeralContainers ?? []) as {name: string}[];
      const removed = existing.filter((container) => !wanted.some((item) => item.name === container.name));
      if (removed.length > 0) {
        sendStatus(context.response, status(422, 'Invalid', `Pod "${request.name}" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "${removed[0].name}" may not be removed`));
        return true;
      }
      const now = nowTimestamp();
      const statuses = [...(current.status?.ephemeralContainerStatuses ?? [])] as Record<string, unknown>[];
      for (const container of wanted) {
        if (!statuses.some((item) => item.name === container.name)) statuses.push({...runningStatus(container, now), ready: false, name: container.name});
      }
      const updated = store.update(podType, {
        ...current,
        spec: {...current.spec, ephemeralContainers: wanted},
        status: {...current.status, ephemeralContainerStatuses: statuses},
        metadata: {...current.metadata, resourceVersion: undefined},
      });
      sendJson(context.response, 200, updated);
      return true;
    },
  };
}

function mergeByName(current: {name: string; image: string}[], patch: {name: string; image: string}[]): {name: string; image: string}[] {
  const merged = current.map((container) => ({...container, ...(patch.find((item) => item.name === container.name) ?? {})}));
  for (const container of patch) if (!current.some((item) => item.name === container.name)) merged.push(container);
  return merged;
}

/** Marks a container as exited, as its process ending would. */
export function markTerminated(cluster: ClusterContext, pod: KubeObject, container: string): void {
  const podType = cluster.catalogue.kind('', 'Pod')!;
  const current = cluster.store.get(podType, pod.metadata.name, pod.metadata.namespace);
  if (!current) return;
  const now = nowTimestamp();
  const finish = (items: {name: string; state?: object}[] | undefined) => (items ?? []).map((item) =>
    item.name === container ? {...item, ready: false, state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now}}} : item);
  cluster.store.update(podType, {
    ...current,
    status: {
      ...current.status,
      containerStatuses: finish(current.status?.containerStatuses),
      ephemeralContainerStatuses: finish(current.status?.ephemeralContainerStatuses),
    },
    metadata: {...current.metadata, resourceVersion: undefined},
  });
}
