// kubectl monitor check [--config FILE | --configmap NS/NAME[:KEY] | --secret NS/NAME[:KEY]]
// The configuration as promtool checks it (file:line:column), plus what only the cluster can tell:
// the server's service account and mounts, its RBAC for each job's discovery, kubelet TLS pitfalls.

import {ClusterError, InputError, UsageError} from '../../src/errors.ts';
import {runCheck, type CheckResult} from '../../src/prometheus/check/index.ts';
import {renderCheck} from '../../src/prometheus/check/render.ts';
import {loadClusterState, resolveConfigSource, type ClusterState} from '../../src/prometheus/cluster-state.ts';
import {loadRbacSnapshot} from '../../src/rbac/load.ts';
import type {RbacSnapshot} from '../../src/rbac/snapshot.ts';
import type {Source} from '../../src/cluster/types.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {chooseVersion, configFlags, readConfigFile} from './targets.ts';

export default class MonitorCheck extends SleuthCommand {
  static override summary = 'Check a Prometheus configuration, its service account, RBAC and TLS settings against the cluster.';
  static override description = [
    'Validates the configuration as promtool check config does (unknown or misplaced fields with file:line:column,',
    'invalid relabel rules, duplicate job names, invalid SD roles), then checks what only the cluster can tell: the',
    'Prometheus pod\'s service account exists and mounts its token and CA, that account may list and watch what each',
    'job\'s Kubernetes service discovery needs, and kubelet/cAdvisor jobs that will fail TLS verification. Exit 1 on findings.',
  ].join('\n');

  static override examples = [
    'kubectl monitor check -f examples/prometheus/',
    'kubectl monitor check --config examples/prometheus-mistakes/prometheus.yml',
    'kubectl monitor check --configmap monitoring/prometheus-server',
  ];

  static override flags = {...configFlags};

  async run(): Promise<CheckResult> {
    const {flags} = await this.parse(MonitorCheck);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const chosen = [flags.config, flags.configmap, flags.secret].filter((x) => x !== undefined);
    if (chosen.length > 1) throw new UsageError('give at most one of --config, --configmap and --secret');
    const configText = flags.config === undefined ? undefined : readConfigFile(flags.config);
    const skipped: string[] = [];
    let source: Source | undefined;
    let state: ClusterState | undefined;
    let rbac: RbacSnapshot | undefined;
    try {
      source = await this.openSource(common);
      state = await loadClusterState(source);
      rbac = await loadRbacSnapshot(source, {accounts: true});
    } catch (error) {
      // With --config alone the check still runs, like promtool; the cluster's part is skipped.
      const noCluster = error instanceof ClusterError || ((error instanceof UsageError || error instanceof InputError) && !common.filename?.length);
      if (!noCluster || configText === undefined) throw error;
      skipped.push(`cluster checks: ${error.message}`);
    }
    const {version} = chooseVersion(flags['prometheus-version'], state?.servers ?? []);
    const resolved = await resolveConfigSource({config: flags.config, configText, configmap: flags.configmap, secret: flags.secret}, source, state,
      common.namespace ?? source?.defaultNamespace ?? 'default');
    const result = runCheck({
      text: resolved.text, origin: resolved.origin, version, server: resolved.server, skipped,
      ...(state ? {cluster: {objects: state.objects, discovery: state.discovery, rbac}} : {}),
    });
    for (const warning of source?.warnings ?? []) this.warnLine(warning);
    if (result.findings.length > 0) this.found();
    return this.emit(result, common, (out) => {
      const text = renderCheck(result, out.palette, {noHeaders: out.noHeaders, warn: out.warn});
      if (text !== '') out.print(text);
    });
  }
}
