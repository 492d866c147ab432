// kubectl rbac access SUBJECT [-n NS | -A]: every effective permission of a user, group or
// service account, as `kubectl auth can-i --list` would list it for them.

import {Args} from '@oclif/core';
import {UsageError} from '../../src/errors.ts';
import {effectiveAccess, type AccessResult} from '../../src/rbac/access.ts';
import {loadRbacSnapshot} from '../../src/rbac/load.ts';
import {renderAccess} from '../../src/rbac/render.ts';
import {parseSubject} from '../../src/rbac/user-info.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {namespaceFlagOrDefault} from './shared.ts';

export interface AccessCommandResult extends AccessResult {
  subject: {kind: string; name: string; namespace?: string};
}

export default class RbacAccess extends SleuthCommand {
  static override summary = 'What may this subject do? Every effective permission, merged and sorted like kubectl auth can-i --list.';
  static override description = [
    'SUBJECT: user:NAME, group:NAME, sa:NS/NAME or system:serviceaccount:NS:NAME (a bare name is a user).',
    'Users and service accounts get the groups impersonation gives them (system:authenticated;',
    'system:serviceaccounts and system:serviceaccounts:NS for a service account); --as-group adds more.',
    'With -n (default the current namespace): what a request in that namespace may do, cluster-wide grants',
    'included. With -A: cluster-wide grants once (namespace *), then each namespace\'s own. -o wide adds the',
    'bindings and roles each permission comes from.',
  ].join('\n');

  static override examples = [
    'kubectl rbac access sa:monitoring/prometheus -A',
    'kubectl rbac access user:alice -n shop -o wide',
    'kubectl rbac access group:devs -f manifests/ -o json',
  ];

  static override args = {
    subject: Args.string({description: 'user:NAME, group:NAME, sa:NS/NAME or system:serviceaccount:NS:NAME.'}),
  };

  async run(): Promise<AccessCommandResult> {
    const {args, flags} = await this.parse(RbacAccess);
    const common = flags as unknown as CommonFlagValues;
    const text = this.requireArgument(args.subject, 'SUBJECT');
    const subject = parseSubject(text, common['as-group'] ?? []);
    if (!subject) {
      throw new UsageError(`cannot read the subject "${text}"`, {hint: 'use user:NAME, group:NAME, sa:NS/NAME or system:serviceaccount:NS:NAME'});
    }
    const source = await this.openSource(common, {impersonate: false});
    const snapshot = await loadRbacSnapshot(source);
    for (const warning of source.warnings) this.warnLine(warning);
    const allNamespaces = common['all-namespaces'];
    const access = effectiveAccess(snapshot, subject.user, allNamespaces ? '' : namespaceFlagOrDefault(common.namespace, source), allNamespaces);
    if (access.errors.length > 0) this.warnLine(`the list may be incomplete: ${access.errors.join(', ')}`);
    const result: AccessCommandResult = {
      subject: {kind: subject.kind, name: subject.name, ...(subject.namespace ? {namespace: subject.namespace} : {})},
      ...access,
    };
    return this.emit(result, common, (out) => out.print(renderAccess(result, {palette: out.palette, noHeaders: out.noHeaders, wide: out.wide})));
  }
}
