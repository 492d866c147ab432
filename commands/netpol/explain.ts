// kubectl netpol explain [NAME]: what each policy selects and allows, with warnings for real mistakes.

import {Args} from '@oclif/core';
import {explainPolicies, type ExplainAnswer} from '../../src/netpol/explain.ts';
import {loadSnapshot} from '../../src/netpol/load.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';

export default class NetpolExplain extends SleuthCommand {
  static override summary = 'What each policy selects and allows, in plain words, with warnings for mistakes.';
  static override description = 'Warns about a policy that selects no pod, a peer that matches nothing, a named port no pod exposes, a namespaceSelector on labels no namespace has, egress isolation that blocks DNS, and redundant rules.';
  static override examples = ['kubectl netpol explain -n shop', 'kubectl netpol explain default-deny-ingress -n shop -f examples/netpol-tutorial'];
  static override args = {name: Args.string({description: 'A NetworkPolicy (in -n) or a cluster-wide policy; all when omitted.', required: false})};

  async run(): Promise<ExplainAnswer> {
    const {args, flags} = await this.parse(NetpolExplain);
    const common = flags as unknown as CommonFlagValues;
    const source = await this.openSource(common);
    const snapshot = await loadSnapshot(source);
    for (const warning of [...source.warnings, ...snapshot.warnings]) this.warnLine(warning);
    const namespace = this.namespaceScope(common, source);
    const answer = explainPolicies(snapshot, {namespace, name: args.name});
    if (args.name && answer.policies.length === 0) {
      const {UsageError} = await import('../../src/errors.ts');
      throw new UsageError(`networkpolicy "${args.name}" not found${namespace ? ` in namespace "${namespace}"` : ''}`);
    }
    return this.emit(answer, common, (out) => {
      const blocks = answer.policies.map((policy) => [
        out.palette.bold(`${policy.kind} ${policy.policy}`),
        ...policy.description.map((line) => `  ${line}`),
        ...policy.warnings.map((warning) => `  ${out.palette.warn('warning:')} ${warning.message}`),
      ].join('\n'));
      out.print(blocks.length ? blocks.join('\n\n') : 'no policies in scope: every pod accepts and sends any traffic');
      for (const note of answer.notes ?? []) out.warn(note);
    });
  }
}
