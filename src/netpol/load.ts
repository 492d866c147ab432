// Asks a Source for exactly what the netpol engine reads, in parallel, and builds the snapshot.
// Pods and NetworkPolicies are needed; the rest degrade to a warning when forbidden.

import type {KubeObject, ListRequest, ResourceType, Source} from '../cluster/types.ts';
import type {InputLocation} from '../errors.ts';
import {isClusterPolicy} from './admin-policy.ts';
import {buildSnapshot, isCniPolicy, type NetpolSnapshot} from './snapshot.ts';

const needed: [group: string, kind: string][] = [['', 'Pod'], ['networking.k8s.io', 'NetworkPolicy']];
const wanted: [group: string, kind: string][] = [
  ['', 'Namespace'], ['', 'Service'], ['', 'Node'],
  ['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'], ['apps', 'ReplicaSet'],
  ['batch', 'Job'], ['batch', 'CronJob'], ['', 'ReplicationController'],
];

export function netpolListRequests(types: readonly ResourceType[]): ListRequest[] {
  const requests: ListRequest[] = [];
  const find = (group: string, kind: string) => types.find((type) => type.group === group && type.kind === kind);
  for (const [group, kind] of needed) {
    const type = find(group, kind);
    if (type) requests.push({type});
  }
  for (const [group, kind] of wanted) {
    const type = find(group, kind);
    if (type) requests.push({type, optional: true});
  }
  for (const type of types) {
    const probe = {apiVersion: type.group ? `${type.group}/${type.version}` : type.version, kind: type.kind, metadata: {name: ''}};
    if (isClusterPolicy(probe) || isCniPolicy(probe)) requests.push({type, optional: true});
  }
  return requests;
}

export async function loadNetpolObjects(source: Source): Promise<KubeObject[]> {
  const types = await source.resourceTypes();
  const results = await source.list(netpolListRequests(types));
  const objects: KubeObject[] = [];
  for (const result of results) {
    if (result.skipped) {
      source.warnings.push(`could not list ${result.type.plural}${result.type.group ? `.${result.type.group}` : ''} (${result.skipped}); verdicts may be incomplete`);
      continue;
    }
    for (const item of result.items) {
      // Lists leave apiVersion/kind off their items; put them back for the engine.
      objects.push(item.kind ? item : {...item, apiVersion: result.type.group ? `${result.type.group}/${result.type.version}` : result.type.version, kind: result.type.kind});
    }
  }
  return objects;
}

export async function loadSnapshot(source: Source): Promise<NetpolSnapshot> {
  // A source that remembers where each object came from (file, document) lets errors name it.
  const locate = (source as {locate?: (object: KubeObject) => InputLocation | undefined}).locate;
  return buildSnapshot(await loadNetpolObjects(source), {
    offline: !source.live,
    ...(typeof locate === 'function' ? {locate: (object: KubeObject) => locate.call(source, object) ?? {}} : {}),
  });
}
