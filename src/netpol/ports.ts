// The ports worth asking about when no port is given ("is any port of this protocol allowed?").
// Over the 65,535 port numbers a flow's verdict changes only where a policy's port or range
// begins or ends, or at a port the destination declares (named policy ports resolve only
// there). So a few representatives answer for all: the declared ports, the ports the policies
// name (a range by its first port, and the port after its end when that falls inside another
// range), and one port that no policy names and the destination does not declare, standing for
// "any other port", which only rules without ports (or other tiers' defaults) decide.

import type {CompiledClusterPolicy} from './admin-policy.ts';
import type {CompiledNetworkPolicy} from './policy.ts';
import type {NetpolSnapshot} from './snapshot.ts';
import type {PodEndpoint, Protocol} from './types.ts';

/** An inclusive range of port numbers a policy names. */
export type PortInterval = readonly [number, number];

export interface PortCandidates {
  /** Declared ports first, then ports only the policies name; ascending within each. */
  named: number[];
  /** A port outside every interval and not declared: "any other port". Absent when none is left. */
  other?: number;
}

const maxPort = 65535;

/** The intervals the rules of one direction of a NetworkPolicy name for a protocol. */
export function networkPolicyIntervals(policy: CompiledNetworkPolicy, direction: 'ingress' | 'egress', protocol: Protocol): PortInterval[] {
  const intervals: PortInterval[] = [];
  for (const rule of policy[direction] ?? []) {
    for (const port of rule.ports ?? []) {
      if (port.protocol === protocol && typeof port.port === 'number') intervals.push([port.port, port.endPort ?? port.port]);
    }
  }
  return intervals;
}

/** The intervals an admin or baseline policy names for a protocol, both directions. */
export function clusterPolicyIntervals(policy: CompiledClusterPolicy, protocol: Protocol): PortInterval[] {
  const intervals: PortInterval[] = [];
  for (const rule of [...policy.ingress, ...policy.egress]) {
    for (const port of rule.ports ?? []) {
      if ((port.protocol === undefined || port.protocol === protocol) && port.start !== undefined) intervals.push([port.start, port.end ?? port.start]);
    }
  }
  return intervals;
}

/** Every interval any policy of the snapshot names for a protocol. */
export function snapshotIntervals(snapshot: NetpolSnapshot, protocol: Protocol): PortInterval[] {
  return [
    ...snapshot.policies.flatMap((policy) => [...networkPolicyIntervals(policy, 'ingress', protocol), ...networkPolicyIntervals(policy, 'egress', protocol)]),
    ...[...snapshot.adminPolicies, ...snapshot.baselinePolicies].flatMap((policy) => clusterPolicyIntervals(policy, protocol)),
  ];
}

/** A pod's declared container port numbers of a protocol, ascending, without repeats. */
export function declaredPortNumbers(pod: PodEndpoint, protocol: Protocol): number[] {
  return [...new Set(pod.ports.filter((port) => port.protocol === protocol).map((port) => port.containerPort))].sort((a, b) => a - b);
}

/** The representative ports for intervals and declared ports (see the file comment). */
export function candidatePorts(intervals: readonly PortInterval[], declared: readonly number[]): PortCandidates {
  const inside = (port: number) => intervals.some(([start, end]) => port >= start && port <= end);
  const points = new Set<number>();
  for (const [start, end] of intervals) {
    points.add(start);
    if (end + 1 <= maxPort && inside(end + 1)) points.add(end + 1);
  }
  // A declared port that is a region's only representative: its neighbour stands for the rest.
  for (const port of declared) if (points.has(port) && port + 1 <= maxPort && inside(port + 1)) points.add(port + 1);
  const declaredSet = new Set(declared);
  const named = [...declared, ...[...points].filter((port) => !declaredSet.has(port)).sort((a, b) => a - b)];
  const other = firstFreePort([...intervals, ...declared.map((port): PortInterval => [port, port])]);
  return other === undefined ? {named} : {named, other};
}

/** The lowest port number in no interval. */
function firstFreePort(taken: readonly PortInterval[]): number | undefined {
  let candidate = 1;
  for (const [start, end] of [...taken].sort((a, b) => a[0] - b[0])) {
    if (start > candidate) break;
    candidate = Math.max(candidate, end + 1);
  }
  return candidate <= maxPort ? candidate : undefined;
}
