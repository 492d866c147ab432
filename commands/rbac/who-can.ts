// kubectl rbac who-can VERB TARGET [NAME] [-n NS | -A] [--expand]

import {Args, Flags} from '@oclif/core';
import {loadRbacSnapshot} from '../../src/rbac/load.ts';
import {renderWhoCan} from '../../src/rbac/render.ts';
import {parseRequest} from '../../src/rbac/request.ts';
import {whoCan, type WhoCanResult} from '../../src/rbac/subject-locator.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {catalogOf, namespaceFlagOrDefault} from './shared.ts';

export default class RbacWhoCan extends SleuthCommand {
  static override summary = 'Who may do this? The users, groups and service accounts allowed, and the bindings that allow them.';
  static override description = [
    'TARGET: RESOURCE, RESOURCE.GROUP, RESOURCE/SUBRESOURCE, or a non-resource URL starting with /.',
    'Counts ClusterRoleBindings and the RoleBindings of the namespace (-n, default the current one), or of',
    'every namespace with -A, exactly as the API server\'s RBAC authorizer would. Members of system:masters',
    'are always allowed. Bindings to roles that do not exist grant nothing and are reported on stderr.',
  ].join('\n');

  static override examples = [
    'kubectl rbac who-can get secrets -n kube-system',
    'kubectl rbac who-can create pods/exec -A',
    'kubectl rbac who-can list deployments.apps -f manifests/ --expand',
    'kubectl rbac who-can get /metrics',
  ];

  static override args = {
    verb: Args.string({description: 'The verb: get, list, watch, create, update, patch, delete, deletecollection, or any other.'}),
    target: Args.string({description: 'RESOURCE, RESOURCE.GROUP, RESOURCE/SUBRESOURCE or /non-resource-url.'}),
    name: Args.string({description: 'A resource name (rules with resourceNames only match named requests).'}),
  };

  static override flags = {
    expand: Flags.boolean({helpGroup: 'RBAC', description: 'Also list the service accounts that group subjects (system:serviceaccounts, system:serviceaccounts:NS, system:authenticated) cover.'}),
  };

  async run(): Promise<WhoCanResult> {
    const {args, flags} = await this.parse(RbacWhoCan);
    const common = flags as unknown as CommonFlagValues;
    const verb = this.requireArgument(args.verb, 'VERB');
    const target = this.requireArgument(args.target, 'TARGET');
    const source = await this.openSource(common);
    const [catalog, snapshot] = await Promise.all([catalogOf(source), loadRbacSnapshot(source, {accounts: flags.expand})]);
    const parsed = parseRequest({
      verb, target, name: args.name, catalog, slashMeans: 'subresource',
      namespace: namespaceFlagOrDefault(common.namespace, source),
    });
    // A cluster-scoped resource is requested without a namespace: only ClusterRoleBindings count.
    // Except one Namespace object: its request carries its own name as namespace (parseRequest).
    if (parsed.namespaced === false && parsed.ownNamespace === undefined) parsed.request.namespace = '';
    const allNamespaces = common['all-namespaces'] && parsed.request.namespace !== '' && parsed.ownNamespace === undefined;
    if (allNamespaces) parsed.request.namespace = '';
    for (const warning of [...source.warnings, ...parsed.warnings]) this.warnLine(warning);
    const result = whoCan(snapshot, parsed.request, {allNamespaces, expand: flags.expand});
    for (const error of result.errors) this.warnLine(`${error} (the binding grants nothing)`);
    return this.emit(result, common, (out) => out.print(renderWhoCan(result, {palette: out.palette, noHeaders: out.noHeaders})));
  }
}
