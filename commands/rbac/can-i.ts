// kubectl rbac can-i VERB TARGET [NAME] --as USER [--as-group G]... [-n NS | -A] [--subresource S]
//   [-q] [--explain] [--sar];  kubectl rbac can-i --list --as USER [-n NS]
// kubectl auth can-i's flags, output and exit codes, evaluated locally for any subject.

import {Args, Flags} from '@oclif/core';
import {UsageError} from '../../src/errors.ts';
import {effectiveAccess, type AccessResult} from '../../src/rbac/access.ts';
import {authorize, type Decision} from '../../src/rbac/authorizer.ts';
import {loadRbacSnapshot} from '../../src/rbac/load.ts';
import {nearMisses} from '../../src/rbac/near-misses.ts';
import {renderAccess, renderCanI, renderExplanation} from '../../src/rbac/render.ts';
import {parseRequest} from '../../src/rbac/request.ts';
import {postFunctionOf, reviewWithServer, type ServerDecision} from '../../src/rbac/subject-access-review.ts';
import type {RequestAttributes, UserInfo} from '../../src/rbac/types.ts';
import {impersonatedUser} from '../../src/rbac/user-info.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {catalogOf, namespaceFlagOrDefault} from './shared.ts';

export interface CanIResult extends Partial<Decision> {
  allowed: boolean;
  reason: string;
  user: UserInfo;
  request: RequestAttributes;
  /** With --sar: the API server's own answer, and whether the local one agrees. */
  server?: ServerDecision;
  local?: {allowed: boolean; reason: string};
  agree?: boolean;
  /** For a denial: bindings naming a similar subject, and who would be allowed. */
  hints?: string[];
}

export default class RbacCanI extends SleuthCommand {
  static override summary = 'May this user or service account do this? kubectl auth can-i for anyone, with the reason.';
  static override description = [
    'Answers as the API server\'s RBAC authorizer would for --as USER with the groups impersonation gives',
    '(a service account system:serviceaccount:NS:NAME also gets system:serviceaccounts and',
    'system:serviceaccounts:NS unless --as-group is given; everyone but system:anonymous is in',
    'system:authenticated). TYPE/NAME names one object, as in kubectl auth can-i (a warning points to',
    '--subresource when NAME is a subresource such as exec or log). A Namespace by name is checked in',
    'itself, as the API server does: `get namespaces shop` counts the RoleBindings in shop. Prints yes or no;',
    'exit 0 for yes, 1 for no. --explain (or -o json) says which binding and rule decided.',
    'Live, --sar asks the API server with a SubjectAccessReview and reports when it disagrees.',
  ].join('\n');

  static override examples = [
    'kubectl rbac can-i list pods --as system:serviceaccount:monitoring:prometheus -A',
    'kubectl rbac can-i get pods --subresource=log --as alice -n shop --explain',
    'kubectl rbac can-i create deployments.apps --as bob --as-group devs -f manifests/',
    'kubectl rbac can-i --list --as system:serviceaccount:shop:api -n shop',
  ];

  static override args = {
    verb: Args.string({description: 'The verb: get, list, watch, create, update, patch, delete, ...'}),
    target: Args.string({description: 'TYPE, TYPE/NAME or a non-resource URL starting with /.'}),
    name: Args.string({description: 'A resource name (same as TYPE/NAME).'}),
  };

  static override flags = {
    quiet: Flags.boolean({char: 'q', helpGroup: 'CAN-I', description: 'If true, suppress output and just return the exit code.'}),
    subresource: Flags.string({helpGroup: 'CAN-I', description: 'SubResource such as pod/log or deployment/scale.'}),
    list: Flags.boolean({helpGroup: 'CAN-I', description: 'If true, prints all allowed actions.'}),
    explain: Flags.boolean({helpGroup: 'CAN-I', description: 'Say which binding, role and rule decided.'}),
    sar: Flags.boolean({helpGroup: 'CAN-I', aliases: ['subject-access-review'],
      description: 'Live only: ask the API server with a SubjectAccessReview instead, and report when the local answer differs.'}),
  };

  async run(): Promise<CanIResult | AccessResult> {
    const {args, flags} = await this.parse(RbacCanI);
    const common = flags as unknown as CommonFlagValues;
    // Validate, as kubectl auth can-i does.
    if (flags.list) {
      if (args.verb || args.target) throw new UsageError('list option must be specified with no arguments');
      if (flags.quiet || common['all-namespaces'] || flags.subresource) {
        throw new UsageError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
      }
    } else {
      if (!args.verb || !args.target) {
        throw new UsageError('you must specify two arguments: verb resource or verb resource/resourceName.', {hint: "See 'kubectl rbac can-i -h' for help and examples."});
      }
      if (common['no-headers']) throw new UsageError('--no-headers cannot be set without --list specified');
    }
    if (!common.as) {
      throw new UsageError('--as is required: name the user or service account to check (e.g. --as alice, --as system:serviceaccount:NS:NAME)');
    }
    const source = await this.openSource(common, {impersonate: false});
    if (flags.sar && !source.live) throw new UsageError('--sar asks the API server and needs a cluster; it cannot be used with -f');
    const user = impersonatedUser(common.as, common['as-group'] ?? []);
    const namespace = common['all-namespaces'] ? '' : namespaceFlagOrDefault(common.namespace, source);
    const [catalog, snapshot] = await Promise.all([catalogOf(source), loadRbacSnapshot(source)]);
    for (const warning of source.warnings) this.warnLine(warning);

    if (flags.list) {
      const access = effectiveAccess(snapshot, user, namespace);
      if (access.errors.length > 0) this.warnLine(`the list may be incomplete: ${access.errors.join(', ')}`);
      return this.emit(access, common, (out) => out.print(renderAccess(access, {palette: out.palette, noHeaders: out.noHeaders, wide: out.wide})));
    }

    const parsed = parseRequest({
      verb: args.verb!, target: args.target!, name: args.name, subresource: flags.subresource, catalog, slashMeans: 'name', namespace,
    });
    const warnings = [...parsed.warnings];
    if (parsed.namespaced === false && !common['all-namespaces']) {
      warnings.unshift(parsed.request.apiGroup
        ? `resource '${parsed.request.resource}' is not namespace scoped in group '${parsed.request.apiGroup}'`
        : `resource '${parsed.request.resource}' is not namespace scoped`);
    }
    if (parsed.ownNamespace !== undefined && common.namespace !== undefined && common.namespace !== parsed.ownNamespace) {
      // kubectl would send -n in its review; the API server authorizes the real request in the object's own namespace.
      warnings.push(`a request on namespace "${parsed.ownNamespace}" is authorized in namespace "${parsed.ownNamespace}", not "${common.namespace}": RoleBindings there count`);
    }
    for (const warning of warnings) this.warnLine(warning);

    const decision = authorize(snapshot, user, parsed.request);
    let result: CanIResult = {...decision, user, request: parsed.request};
    if (!decision.allowed) result.hints = nearMisses(snapshot, user, parsed.request);
    if (flags.sar) {
      const server = await reviewWithServer(postFunctionOf(source), user, parsed.request);
      const reason = [server.reason, server.evaluationError].filter(Boolean).join(' - ');
      result = {...result, allowed: server.allowed, reason, server, local: {allowed: decision.allowed, reason: decision.reason}, agree: server.allowed === decision.allowed};
      if (!result.agree) {
        this.warnLine(`the API server says ${server.allowed ? 'yes' : 'no'}, the local evaluation of the RBAC objects says ${decision.allowed ? 'yes' : 'no'}` +
          `${decision.reason ? ` (${decision.reason})` : ''}; another authorizer (Node, webhook, ABAC) or objects changed since reading may explain it`);
      }
    }
    if (!result.allowed) this.found();
    if (flags.quiet) return result;
    return this.emit(result, common, (out) => {
      if (flags.explain && !flags.sar) out.print(renderExplanation(decision, user, {palette: out.palette}, result.hints));
      else out.print(renderCanI(result));
    });
  }
}
