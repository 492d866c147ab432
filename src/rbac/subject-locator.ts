// who-can: the subjects allowed to make a request, each with the bindings and roles that grant
// it (kubernetes plugin/pkg/auth/authorizer/rbac/subject_locator.go): system:masters always,
// then the subjects of every ClusterRoleBinding and, for a namespace, every RoleBinding there,
// whose role allows the request. Each role is checked once per question, not once per binding.

import {ruleAllows} from './rule-matching.ts';
import {roleReferenceRules, type RbacSnapshot} from './snapshot.ts';
import {compare} from './snapshot-order.ts';
import type {Binding, RequestAttributes, Role, SubjectKind} from './types.ts';
import {allAuthenticated, privilegedGroup, serviceAccountsGroup} from './user-info.ts';

export interface Via {
  binding: {kind: string; name: string; namespace: string};
  role: {kind: string; name: string; namespace?: string};
  /** With --expand: the group subject of the binding that covers this service account. */
  group?: string;
}

export interface AllowedSubject {
  kind: SubjectKind;
  name: string;
  namespace: string;
  via: Via[];
  /** system:masters: allowed before RBAC is consulted. */
  privileged?: boolean;
}

export interface WhoCanResult {
  verb: string;
  resource: string;
  subresource: string;
  apiGroup: string;
  name: string;
  /** "" when cluster-wide or across all namespaces (see allNamespaces). */
  namespace: string;
  nonResourceURL?: string;
  allNamespaces: boolean;
  subjects: AllowedSubject[];
  /** Bindings that could not be resolved (missing roles): they grant nothing. */
  errors: string[];
}

export interface WhoCanOptions {
  /** Count RoleBindings of every namespace (-A), not just request.namespace. */
  allNamespaces?: boolean;
  /** List the service accounts that group subjects (system:serviceaccounts[:NS], system:authenticated) cover. */
  expand?: boolean;
}

export function whoCan(snapshot: RbacSnapshot, request: RequestAttributes, options: WhoCanOptions = {}): WhoCanResult {
  const allows = new Map<Role, boolean>();
  const roleAllows = (role: Role) => {
    let answer = allows.get(role);
    if (answer === undefined) allows.set(role, (answer = role.rules.some((rule) => ruleAllows(request, rule))));
    return answer;
  };
  const subjects = new Map<string, AllowedSubject>();
  const add = (kind: SubjectKind, name: string, namespace: string, via?: Via) => {
    const key = `${kind}\0${namespace}\0${name}`;
    let subject = subjects.get(key);
    if (!subject) subjects.set(key, (subject = {kind, name, namespace, via: []}));
    if (via && !subject.via.some((existing) => sameVia(existing, via))) subject.via.push(via);
    return subject;
  };
  add('Group', privilegedGroup, '').privileged = true;

  const errors: string[] = [];
  const covered = new Map<string, [string, string][]>();
  const coveredBy = (group: string) => {
    let accounts = covered.get(group);
    if (!accounts) covered.set(group, (accounts = coveredServiceAccounts(snapshot, group)));
    return accounts;
  };
  const consider = (binding: Binding) => {
    const {role, error} = roleReferenceRules(snapshot, binding);
    if (!role) {
      errors.push(`${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}: ${error}`);
      return;
    }
    if (!roleAllows(role)) return;
    const via: Via = {
      binding: {kind: binding.kind, name: binding.name, namespace: binding.namespace},
      role: role.kind === 'Role' ? {kind: role.kind, name: role.name, namespace: role.namespace} : {kind: role.kind, name: role.name},
    };
    for (const subject of binding.subjects) {
      const namespace = subject.kind === 'ServiceAccount' ? subject.namespace || binding.namespace : '';
      add(subject.kind, subject.name, namespace, via);
      if (options.expand && subject.kind === 'Group') {
        for (const [account, scope] of coveredBy(subject.name)) {
          add('ServiceAccount', account, scope, {...via, group: subject.name});
        }
      }
    }
  };
  snapshot.clusterRoleBindings.forEach(consider);
  if (options.allNamespaces) {
    for (const namespace of [...snapshot.roleBindings.keys()].sort(compare)) snapshot.roleBindings.get(namespace)!.forEach(consider);
  } else if (request.namespace) {
    (snapshot.roleBindings.get(request.namespace) ?? []).forEach(consider);
  }

  const sorted = [...subjects.values()].sort((a, b) =>
    compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name));
  for (const subject of sorted) subject.via.sort((a, b) => compare(viaKey(a), viaKey(b)));
  return {
    verb: request.verb,
    resource: request.resourceRequest ? request.resource ?? '' : '',
    subresource: request.resourceRequest ? request.subresource ?? '' : '',
    apiGroup: request.resourceRequest ? request.apiGroup ?? '' : '',
    name: request.resourceRequest ? request.name ?? '' : '',
    namespace: options.allNamespaces ? '' : request.namespace,
    ...(request.resourceRequest ? {} : {nonResourceURL: request.path ?? ''}),
    allNamespaces: options.allNamespaces ?? false,
    subjects: sorted,
    errors: [...new Set(errors)].sort(compare),
  };
}

/**
 * Service accounts a group subject covers: system:serviceaccounts and system:authenticated cover
 * all, system:serviceaccounts:NS those of NS, wherever the binding is (a RoleBinding grants
 * accounts of any namespace the right to act in its own).
 */
function coveredServiceAccounts(snapshot: RbacSnapshot, group: string): [string, string][] {
  let scope: string | undefined;
  if (group === serviceAccountsGroup || group === allAuthenticated) scope = undefined;
  else if (group.startsWith(`${serviceAccountsGroup}:`)) scope = group.slice(serviceAccountsGroup.length + 1);
  else return [];
  const covered: [string, string][] = [];
  for (const key of snapshot.serviceAccounts.keys()) {
    const slash = key.indexOf('/');
    const accountNamespace = key.slice(0, slash);
    if (scope !== undefined && accountNamespace !== scope) continue;
    covered.push([key.slice(slash + 1), accountNamespace]);
  }
  return covered;
}

function viaKey(via: Via): string {
  return `${via.binding.kind}\0${via.binding.namespace}\0${via.binding.name}\0${via.group ?? ''}`;
}

function sameVia(a: Via, b: Via): boolean {
  return viaKey(a) === viaKey(b);
}
