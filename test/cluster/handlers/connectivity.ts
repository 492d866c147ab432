// The simulated network behind `--connectivity FILE`: which connection attempts succeed when a
// probe execs `nc` or `agnhost connect` in a pod. A YAML mapping:
//
//   default: allow | deny | policies   # policies: an enforcing plugin (the netpol engine decides)
//   flows:                             # first match wins; omitted fields match anything
//     - {from: shop/frontend, to: shop/database, port: 5432, protocol: TCP, result: allow}
//   ephemeralContainers: true          # false: refuse them (404), as a server without the API would
//   execDelayMs: 0                     # delay before each exec answers (to test Ctrl-C)
//
// `from` and `to` are NS/POD with `*` for any part (`shop/*`, `*`), or an IP for `to`.
// "allow" with no enforcement models a cluster whose CNI ignores NetworkPolicy.

import {readFileSync} from 'node:fs';
import {load} from 'js-yaml';
import type {KubeObject} from '../../../src/cluster/types.ts';
import {Evaluator, resolvePort} from '../../../src/netpol/evaluate.ts';
import {buildSnapshot} from '../../../src/netpol/snapshot.ts';
import type {Endpoint, Protocol} from '../../../src/netpol/types.ts';

export type ConnectivityDefault = 'allow' | 'deny' | 'policies';

export interface ConnectivityFlow {
  from?: string;
  to?: string;
  port?: number;
  protocol?: Protocol;
  result: 'allow' | 'deny';
}

export interface Connectivity {
  default: ConnectivityDefault;
  flows: ConnectivityFlow[];
  ephemeralContainers: boolean;
  execDelayMs: number;
}

export function readConnectivity(content: unknown, file = 'connectivity'): Connectivity {
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const root = (content ?? {}) as Record<string, unknown>;
  if (typeof root !== 'object' || Array.isArray(root)) fail('expected a mapping with default and flows');
  const fallback = String(root.default ?? 'allow');
  if (!['allow', 'deny', 'policies'].includes(fallback)) fail(`default must be allow, deny or policies, not ${fallback}`);
  const flows = ((root.flows ?? []) as Record<string, unknown>[]).map((flow, index) => {
    const result = String(flow.result ?? '');
    if (result !== 'allow' && result !== 'deny') fail(`flows[${index}].result must be allow or deny`);
    return {
      ...(flow.from !== undefined ? {from: String(flow.from)} : {}),
      ...(flow.to !== undefined ? {to: String(flow.to)} : {}),
      ...(flow.port !== undefined ? {port: Number(flow.port)} : {}),
      ...(flow.protocol !== undefined ? {protocol: String(flow.protocol).toUpperCase() as Protocol} : {}),
      result: result as 'allow' | 'deny',
    };
  });
  return {default: fallback as ConnectivityDefault, flows, ephemeralContainers: root.ephemeralContainers !== false, execDelayMs: Number(root.execDelayMs ?? 0)};
}

export function loadConnectivity(file: string): Connectivity {
  return readConnectivity(load(readFileSync(file, 'utf8')), file);
}

/** One attempt: from a pod (`ns/name`) to an address and port. */
export interface Attempt {
  from: KubeObject;
  address: string;
  port: number;
  protocol: Protocol;
}

/** Whether the attempt connects, as the connectivity file says. */
export function connects(connectivity: Connectivity, objects: KubeObject[], attempt: Attempt): boolean {
  const destination = podWithIp(objects, attempt.address);
  const fromId = `${attempt.from.metadata.namespace}/${attempt.from.metadata.name}`;
  const toId = destination ? `${destination.metadata.namespace}/${destination.metadata.name}` : attempt.address;
  for (const flow of connectivity.flows) {
    if (flow.from !== undefined && !matchesId(flow.from, fromId)) continue;
    if (flow.to !== undefined && !matchesId(flow.to, toId) && flow.to !== attempt.address) continue;
    if (flow.port !== undefined && flow.port !== attempt.port) continue;
    if (flow.protocol !== undefined && flow.protocol !== attempt.protocol) continue;
    return flow.result === 'allow';
  }
  if (connectivity.default !== 'policies') return connectivity.default === 'allow';
  // an enforcing plugin: the engine decides, over the cluster as it is now
  const snapshot = buildSnapshot(objects, {offline: false});
  const evaluator = new Evaluator(snapshot);
  const source = snapshot.pods.find((pod) => pod.id === fromId);
  if (!source) return false;
  const target: Endpoint = snapshot.pods.find((pod) => pod.id === toId) ?? {kind: 'external', id: attempt.address, ip: attempt.address};
  return evaluator.evaluate(source, target, resolvePort(target, attempt.port, attempt.protocol)).allowed;
}

function matchesId(pattern: string, id: string): boolean {
  if (pattern === '*' || pattern === id) return true;
  const [namespace, name] = pattern.split('/');
  const [idNamespace, idName] = id.split('/');
  return name !== undefined && idName !== undefined && (namespace === '*' || namespace === idNamespace) && (name === '*' || name === idName);
}

function podWithIp(objects: KubeObject[], address: string): KubeObject | undefined {
  return objects.find((object) => object.kind === 'Pod' && !object.spec?.hostNetwork &&
    (object.status?.podIP === address || (object.status?.podIPs ?? []).some((entry: {ip: string}) => entry.ip === address)));
}
