// kubectl rbac lint [-n NS] [--fail-on error|warning|info|never]

import {Flags} from '@oclif/core';
import {failsOn, lint, type LintResult, type Severity} from '../../src/rbac/lint.ts';
import {loadRbacSnapshot} from '../../src/rbac/load.ts';
import {renderLint} from '../../src/rbac/render.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';

export default class RbacLint extends SleuthCommand {
  static override summary = 'Which RBAC objects are broken or risky? Findings with severity, the object, and what was probably meant.';
  static override description = [
    'Errors: bindings to a Role or ClusterRole that does not exist (with a "did you mean"), bindings to',
    'system:anonymous or system:unauthenticated. Warnings: ServiceAccount subjects or workloads\' accounts',
    'that do not exist, subjects and bindings in missing namespaces, risky grants (reading Secrets',
    'cluster-wide, pods/exec, creating workloads in kube-system, bind/escalate/impersonate, nodes/proxy,',
    '* on *). Info: roles no binding uses, workloads mounting the token of an account nothing is granted to.',
    'Exit 1 when a finding is at or above --fail-on (default warning; never turns it off). -n limits the',
    'findings to one namespace (and cluster-scoped objects).',
  ].join('\n');

  static override examples = [
    'kubectl rbac lint -f examples/prometheus/',
    'kubectl rbac lint --fail-on error -o json',
  ];

  static override flags = {
    'fail-on': Flags.string({helpGroup: 'LINT', description: 'Exit 1 for findings at or above this severity.', options: ['error', 'warning', 'info', 'never'], default: 'warning'}),
  };

  async run(): Promise<LintResult> {
    const {flags} = await this.parse(RbacLint);
    const common = flags as unknown as CommonFlagValues;
    const source = await this.openSource(common);
    const snapshot = await loadRbacSnapshot(source, {accounts: true, workloads: true});
    for (const warning of source.warnings) this.warnLine(warning);
    let result = lint(snapshot);
    if (common.namespace !== undefined && !common['all-namespaces']) {
      const findings = result.findings.filter((finding) => finding.object.namespace === common.namespace || finding.object.namespace === '');
      const summary: Record<Severity, number> = {error: 0, warning: 0, info: 0};
      for (const finding of findings) summary[finding.severity]++;
      result = {...result, findings, summary};
    }
    for (const skipped of result.skipped) this.warnLine(`skipped ${skipped}`);
    if (failsOn(result, flags['fail-on'] as Severity | 'never')) this.found();
    return this.emit(result, common, (out) => {
      const text = renderLint(result, {palette: out.palette, noHeaders: out.noHeaders, wide: out.wide});
      if (text) out.print(text);
    });
  }
}
