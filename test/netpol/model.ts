// The upstream e2e model (kubernetes test/e2e/network/netpol/model.go): namespaces x, y, z
// labelled `ns: NAME`, pods labelled `pod: NAME`, one container per port and protocol named
// cont-PORT-proto with the container port named serve-PORT-proto. One generator feeds the
// tests, the examples and the benchmark.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {Protocol} from '../../src/netpol/types.ts';

export interface ModelOptions {
  /** `x/a` strings; defaults to every namespace x pod combination. */
  pods?: string[];
  namespaces?: string[];
  podNames?: string[];
  ports?: number[];
  protocols?: Protocol[];
}

export function podIp(namespace: string, pod: string, namespaces: string[] = ['x', 'y', 'z']): string {
  const nsIndex = Math.max(0, namespaces.indexOf(namespace));
  const podIndex = pod.charCodeAt(0) - 96;
  return `10.${nsIndex + 1}.0.${podIndex + 10}`;
}

export function modelObjects(options: ModelOptions = {}): KubeObject[] {
  const namespaces = options.namespaces ?? ['x', 'y', 'z'];
  const podNames = options.podNames ?? ['a', 'b', 'c'];
  const pods = options.pods ?? namespaces.flatMap((ns) => podNames.map((pod) => `${ns}/${pod}`));
  const ports = options.ports ?? [80, 81];
  const protocols = options.protocols ?? ['TCP', 'UDP', 'SCTP'];
  const objects: KubeObject[] = namespaces.map((name) => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {ns: name}}}));
  objects.push({apiVersion: 'v1', kind: 'Node', metadata: {name: 'node-1', labels: {'kubernetes.io/hostname': 'node-1'}},
    status: {addresses: [{type: 'InternalIP', address: '192.168.0.1'}]}});
  for (const id of pods) {
    const [namespace, name] = id.split('/');
    const containers = ports.flatMap((port) => protocols.map((protocol) => ({
      name: `cont-${port}-${protocol.toLowerCase()}`,
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
      ports: [{containerPort: port, name: `serve-${port}-${protocol.toLowerCase()}`, protocol}],
    })));
    const ip = podIp(namespace, name, namespaces);
    objects.push({
      apiVersion: 'v1', kind: 'Pod',
      metadata: {name, namespace, labels: {pod: name}},
      spec: {containers, nodeName: 'node-1'},
      status: {phase: 'Running', podIP: ip, podIPs: [{ip}], hostIP: '192.168.0.1'},
    });
    objects.push({
      apiVersion: 'v1', kind: 'Service',
      metadata: {name: `s-${namespace}-${name}`, namespace},
      spec: {selector: {pod: name}, ports: ports.flatMap((port) => protocols.map((protocol) => ({
        name: `service-port-${protocol.toLowerCase()}-${port}`, port, protocol, targetPort: port,
      })))},
    });
  }
  return objects;
}

type Selector = {matchLabels?: Record<string, string>; matchExpressions?: {key: string; operator: string; values?: string[]}[]};

/** A NetworkPolicy object, in the e2e helpers' spirit (GenNetworkPolicyWithNameAndPodSelector). */
export function networkPolicy(namespace: string, name: string, podSelector: Selector, spec: {ingress?: unknown[]; egress?: unknown[]; policyTypes?: string[]}): KubeObject {
  return {apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {name, namespace}, spec: {podSelector, ...spec}};
}

/** SetSpecIngressRules(rules...): ingress rules plus policyTypes [Ingress]. */
export function ingressOnly(...rules: unknown[]): {ingress: unknown[]; policyTypes: string[]} {
  return {ingress: rules, policyTypes: ['Ingress']};
}

export function egressOnly(...rules: unknown[]): {egress: unknown[]; policyTypes: string[]} {
  return {egress: rules, policyTypes: ['Egress']};
}
