// What `--from` and `--to` name (CONTRACT.md): `NS/POD`, `KIND/NAME` (pod, deploy, sts, ds,
// rs, job, cronjob, svc; plural and long names too), `NS/KIND/NAME`, a template pod's
// `NS/KIND/NAME`, or an IP address. `A/B` is KIND/NAME when A is a kind name, else NS/POD.

import {UsageError} from '../errors.ts';
import {parseIp, formatIp} from './ip.ts';
import {servicePods, type NetpolSnapshot, type ServiceInfo} from './snapshot.ts';
import type {Endpoint, ExternalEndpoint, PodEndpoint} from './types.ts';

const kindNames: Record<string, string> = {};
for (const [kind, names] of Object.entries({
  pod: ['pod', 'pods', 'po'],
  deployment: ['deploy', 'deployment', 'deployments'],
  statefulset: ['sts', 'statefulset', 'statefulsets'],
  daemonset: ['ds', 'daemonset', 'daemonsets'],
  replicaset: ['rs', 'replicaset', 'replicasets'],
  job: ['job', 'jobs'],
  cronjob: ['cj', 'cronjob', 'cronjobs'],
  service: ['svc', 'service', 'services'],
})) {
  for (const name of names) kindNames[name] = kind;
}

export function kindOf(name: string): string | undefined {
  return kindNames[name.toLowerCase()];
}

export interface ResolvedTarget {
  /** What the user typed. */
  text: string;
  endpoints: Endpoint[];
  /** Set when the target is a service: its ports pick the destination port. */
  service?: ServiceInfo;
}

export function resolveTarget(snapshot: NetpolSnapshot, text: string, defaultNamespace: string, role: 'from' | 'to'): ResolvedTarget {
  const ip = parseIp(text);
  if (ip) return resolveIp(snapshot, formatIp(ip), text, role);
  const parts = text.split('/');
  let namespace = defaultNamespace;
  let kind = 'pod';
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const asKind = kindOf(parts[0]);
    if (asKind) [kind, name] = [asKind, parts[1]];
    else [namespace, name] = parts;
  } else if (parts.length === 3) {
    const asKind = kindOf(parts[1]);
    if (!asKind) throw new UsageError(`"${parts[1]}" in "${text}" is not a kind netpol understands`, {hint: 'use pod, deploy, sts, ds, rs, job, cronjob or svc'});
    [namespace, kind, name] = [parts[0], asKind, parts[2]];
  } else {
    throw new UsageError(`cannot read "${text}" as NS/POD, KIND/NAME, NS/KIND/NAME or an IP address`);
  }
  if (!name || !namespace) throw new UsageError(`cannot read "${text}" as NS/POD, KIND/NAME, NS/KIND/NAME or an IP address`);
  if (kind === 'service') {
    if (role === 'from') throw new UsageError(`--from cannot be a service (${text}): name the pods or workload that send`);
    const service = snapshot.services.find((item) => item.namespace === namespace && item.name === name);
    if (!service) throw new UsageError(`service "${name}" not found in namespace "${namespace}"`);
    const pods = servicePods(snapshot, service);
    if (pods.length === 0) {
      throw new UsageError(`service ${service.id} selects no pod${service.selector ? ` (selector ${service.selector.text})` : ' (it has no selector)'}`);
    }
    return {text, endpoints: pods, service};
  }
  if (kind === 'pod') {
    const pod = snapshot.pods.find((item) => item.namespace === namespace && (item.name === name || item.template === name));
    if (!pod) throw new UsageError(`pod "${name}" not found in namespace "${namespace}"`, {hint: podHint(snapshot, namespace)});
    return {text, endpoints: [pod]};
  }
  const workload = `${kind}/${name}`;
  const pods = snapshot.pods.filter((pod) => pod.namespace === namespace && (pod.owners.includes(workload) || pod.template === workload));
  if (pods.length === 0) throw new UsageError(`${kind} "${name}" has no pods in namespace "${namespace}" (and no template in the input)`);
  return {text, endpoints: pods};
}

function podHint(snapshot: NetpolSnapshot, namespace: string): string | undefined {
  const names = snapshot.pods.filter((pod) => pod.namespace === namespace).slice(0, 5).map((pod) => pod.name);
  return names.length ? `pods in ${namespace}: ${names.join(', ')}${names.length === 5 ? ', ...' : ''}` : `no pods in namespace ${namespace}`;
}

/** An IP is the pod that has it, a service's cluster IP, a node, or a host outside the cluster. */
function resolveIp(snapshot: NetpolSnapshot, ip: string, text: string, role: 'from' | 'to'): ResolvedTarget {
  const pod = snapshot.pods.find((item) => !item.hostNetwork && item.ips.includes(ip));
  if (pod) return {text, endpoints: [pod]};
  if (role === 'to') {
    const service = snapshot.services.find((item) => item.clusterIPs.includes(ip));
    if (service) {
      const pods = servicePods(snapshot, service);
      if (pods.length > 0) return {text, endpoints: pods, service};
    }
  }
  const node = [...snapshot.nodes.values()].find((item) => item.addresses.includes(ip));
  const external: ExternalEndpoint = {kind: 'external', id: ip, ip, ...(node ? {nodeName: node.name} : {})};
  return {text, endpoints: [external]};
}

export function isPod(endpoint: Endpoint): endpoint is PodEndpoint {
  return endpoint.kind === 'pod';
}
