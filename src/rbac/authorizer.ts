// The RBAC authorizer (kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go) over a snapshot:
// visit the rules that apply to a user in a namespace, ClusterRoleBindings first, then that
// namespace's RoleBindings, each in list order (pkg/registry/rbac/validation/rule.go
// VisitRulesFor); the first allowing rule stops the walk and is the reason. Bindings whose
// role is missing grant nothing; their errors are collected, not fatal. Members of
// system:masters are allowed before RBAC is asked (the API server's privileged-group authorizer).

import {ruleAllows} from './rule-matching.ts';
import {roleReferenceRules, subjectKey, type IndexedBinding, type RbacSnapshot} from './snapshot.ts';
import type {Binding, PolicyRule, RequestAttributes, Role, Subject, UserInfo} from './types.ts';
import {privilegedGroup, splitServiceAccountUsername} from './user-info.ts';

/** Where a rule came from: the binding, the subject in it that matched, and the role. */
export interface RuleSource {
  binding: Binding;
  subject: Subject;
  role: Role;
}

/** Return false to stop visiting. `rule` is undefined when `error` reports a missing role. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, ruleIndex: number, error: string | undefined) => boolean;

/** Bindings that name this user (by name, group or service account), in visiting order. */
export function bindingsForUser(snapshot: RbacSnapshot, user: UserInfo, namespace: string): IndexedBinding[] {
  const keys = [subjectKey('User', user.name)];
  for (const group of user.groups) keys.push(subjectKey('Group', group));
  const serviceAccount = splitServiceAccountUsername(user.name);
  if (serviceAccount) keys.push(subjectKey('ServiceAccount', serviceAccount.name, serviceAccount.namespace));
  const found = new Map<Binding, IndexedBinding>();
  for (const key of keys) {
    for (const entry of snapshot.bindingsBySubject.get(key) ?? []) {
      const {binding} = entry;
      if (binding.kind === 'RoleBinding' && (!namespace || binding.namespace !== namespace)) continue;
      const seen = found.get(binding);
      // appliesTo reports the first subject of the binding that matches.
      if (!seen || entry.subjectIndex < seen.subjectIndex) found.set(binding, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.order - b.order);
}

export function visitRulesFor(snapshot: RbacSnapshot, user: UserInfo, namespace: string, visitor: RuleVisitor): void {
  for (const {binding, subjectIndex} of bindingsForUser(snapshot, user, namespace)) {
    const {role, error} = roleReferenceRules(snapshot, binding);
    if (!role) {
      if (!visitor(undefined, undefined, -1, error)) return;
      continue;
    }
    const source: RuleSource = {binding, subject: binding.subjects[subjectIndex], role};
    for (let index = 0; index < role.rules.length; index++) {
      if (!visitor(source, role.rules[index], index, undefined)) return;
    }
  }
}

export interface Decision {
  allowed: boolean;
  /** As the API server words it: `RBAC: allowed by ...`, or resolution errors on a denial. */
  reason: string;
  /** The binding, role and rule that allowed the request. */
  allowedBy?: {binding: {kind: string; name: string; namespace: string}; role: {kind: string; name: string; namespace: string}; subject: Subject; rule: PolicyRule; ruleIndex: number};
  privileged?: boolean;
  /** Bindings of this user whose roles are missing. */
  errors: string[];
}

export function authorize(snapshot: RbacSnapshot, user: UserInfo, request: RequestAttributes): Decision {
  if (user.groups.includes(privilegedGroup)) {
    return {allowed: true, reason: `allowed: member of the ${privilegedGroup} group, which the API server always allows`, privileged: true, errors: []};
  }
  const errors: string[] = [];
  let decision: Decision | undefined;
  visitRulesFor(snapshot, user, request.namespace, (source, rule, ruleIndex, error) => {
    if (source && rule && ruleAllows(request, rule)) {
      decision = {
        allowed: true,
        reason: `RBAC: allowed by ${describeSource(source)}`,
        allowedBy: {
          binding: {kind: source.binding.kind, name: source.binding.name, namespace: source.binding.namespace},
          role: {kind: source.role.kind, name: source.role.name, namespace: source.role.namespace},
          subject: source.subject,
          rule,
          ruleIndex,
        },
        errors,
      };
      return false;
    }
    if (error) errors.push(error);
    return true;
  });
  if (decision) return decision;
  return {allowed: false, reason: errors.length === 0 ? '' : `RBAC: ${aggregateErrors(errors)}`, errors};
}

/** Every rule that applies to the user in the namespace ("" for cluster-wide only). */
export function rulesFor(snapshot: RbacSnapshot, user: UserInfo, namespace: string): {rules: {rule: PolicyRule; source: RuleSource}[]; errors: string[]} {
  const rules: {rule: PolicyRule; source: RuleSource}[] = [];
  const errors: string[] = [];
  visitRulesFor(snapshot, user, namespace, (source, rule, _index, error) => {
    if (source && rule) rules.push({rule, source});
    if (error) errors.push(error);
    return true;
  });
  return {rules, errors};
}

/** The upstream describers' wording: `RoleBinding "name/ns" of Role "r" to User "u"`. */
export function describeSource(source: RuleSource): string {
  const {binding, subject} = source;
  const name = binding.kind === 'RoleBinding' ? `${binding.name}/${binding.namespace}` : binding.name;
  return `${binding.kind} ${quote(name)} of ${binding.roleRef.kind} ${quote(binding.roleRef.name)} to ${describeSubject(subject, binding.namespace)}`;
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `${subject.kind} ${quote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${quote(subject.name)}`;
}

/** utilerrors.NewAggregate's message: one error as is, several in brackets. */
function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** Go's %q for the plain names RBAC uses. */
function quote(text: string): string {
  return JSON.stringify(text);
}
