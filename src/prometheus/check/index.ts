// `monitor check`: the configuration as promtool checks it, then the cluster-side checks, into one
// sorted list of findings.
import type {KubeObject} from '../../cluster/types.ts';
import type {RbacSnapshot} from '../../rbac/snapshot.ts';
import type {PrometheusServer} from '../config/sources.ts';
import type {DiscoveryObjects} from '../discovery/index.ts';
import {computeTargets} from '../targets.ts';
import type {PrometheusVersion} from '../version.ts';
import {formatVersion, relabelSemantics} from '../version.ts';
import {checkCluster} from './cluster-check.ts';
import {checkConfigText} from './config-check.ts';
import type {CheckFinding, CheckResult} from './types.ts';

export type {CheckFinding, CheckResult} from './types.ts';

export interface CheckInput {
  text: string;
  origin: string;
  version: PrometheusVersion;
  server?: PrometheusServer;
  /** Undefined when no cluster state could be read. */
  cluster?: {objects: KubeObject[]; discovery: DiscoveryObjects; rbac?: RbacSnapshot};
  skipped?: string[];
}

const ORDER = {config: 0, serviceaccount: 1, rbac: 2, tls: 3};

export function runCheck(input: CheckInput): CheckResult {
  const {findings, config} = checkConfigText(input.text, input.origin, relabelSemantics(input.version));
  const skipped = [...(input.skipped ?? [])];
  if (config && input.cluster) {
    const targets = computeTargets(config, input.cluster.discovery, {version: input.version, ownNamespace: input.server?.namespace});
    const cluster = checkCluster({config, server: input.server, objects: input.cluster.objects, rbac: input.cluster.rbac, targets});
    findings.push(...cluster.findings);
    skipped.push(...cluster.skipped);
  } else if (!config) {
    skipped.push('cluster checks: the configuration does not load');
  }
  const sorted = findings.sort((a: CheckFinding, b: CheckFinding) => ORDER[a.check] - ORDER[b.check] || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return {
    config: input.origin,
    prometheusVersion: formatVersion(input.version),
    ...(input.server ? {server: `${input.server.kind} ${input.server.namespace}/${input.server.name} (service account ${input.server.serviceAccountName})`} : {}),
    findings: sorted,
    skipped,
  };
}
