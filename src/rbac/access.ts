// access: every effective permission of one subject, presented as `kubectl auth can-i --list`
// presents a SelfSubjectRulesReview (kubectl pkg/cmd/auth/cani.go printStatus, pkg/util/rbac):
// rules split into resource and non-resource rules, broken down to one group, resource, verb and
// name each, simple resource rules merged by group/resource/name with their verbs in order,
// then stable-sorted by the rule's Go String() form (which puts verbs first).

import {rulesFor, type RuleSource} from './authorizer.ts';
import type {RbacSnapshot} from './snapshot.ts';
import {compare} from './snapshot-order.ts';
import type {PolicyRule, UserInfo} from './types.ts';
import {privilegedGroup} from './user-info.ts';

export interface AccessRule {
  /** Where it applies: a namespace, or "" for cluster-wide (ClusterRoleBindings). */
  namespace: string;
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  /** The bindings and roles it comes from. */
  via: {binding: {kind: string; name: string; namespace: string}; role: {kind: string; name: string}}[];
}

export interface AccessResult {
  user: UserInfo;
  /** The namespace asked about; "" with allNamespaces. */
  namespace: string;
  allNamespaces: boolean;
  rules: AccessRule[];
  /** Missing roles of bindings that name this subject: the list may be incomplete. */
  errors: string[];
  /** A member of system:masters: every request is allowed, whatever the rules say. */
  privileged?: boolean;
}

interface SourcedRule {
  rule: PolicyRule;
  source?: RuleSource;
}

/**
 * One namespace: the rules a request in it would be checked against (cluster-wide ones
 * included), exactly like `can-i --list -n NS`. All namespaces: cluster-wide rules once, under
 * namespace "", then each namespace's RoleBinding rules under that namespace.
 */
export function effectiveAccess(snapshot: RbacSnapshot, user: UserInfo, namespace: string, allNamespaces = false): AccessResult {
  const errors: string[] = [];
  const rules: AccessRule[] = [];
  const collect = (scope: string, keep: (source: RuleSource) => boolean) => {
    const found = rulesFor(snapshot, user, scope);
    errors.push(...found.errors);
    const sourced = found.rules.filter(({source}) => keep(source));
    rules.push(...listRules(sourced).map((rule) => ({...rule, namespace: scope})));
  };
  if (!allNamespaces) {
    collect(namespace, () => true);
  } else {
    collect('', () => true);
    const namespaces = [...snapshot.roleBindings.keys()].sort(compare);
    for (const scope of namespaces) collect(scope, (source) => source.binding.kind === 'RoleBinding');
  }
  const result: AccessResult = {user, namespace: allNamespaces ? '' : namespace, allNamespaces, rules, errors: [...new Set(errors)].sort(compare)};
  // The API server allows system:masters everything before RBAC; its rules list shows only RBAC's.
  if (user.groups.includes(privilegedGroup)) result.privileged = true;
  return result;
}

/** Breakdown, compaction and order of kubectl's `can-i --list`, with the sources kept. */
export function listRules(sourced: readonly SourcedRule[]): Omit<AccessRule, 'namespace'>[] {
  // The API server's RulesFor: resource part if any resources, non-resource part if any URLs.
  const broken: {rule: PolicyRule; source?: RuleSource}[] = [];
  for (const {rule, source} of sourced) {
    if ((rule.resources ?? []).length > 0) {
      for (const group of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          for (const verb of rule.verbs) {
            const names = rule.resourceNames ?? [];
            if (names.length > 0) {
              for (const name of names) broken.push({rule: {verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name]}, source});
            } else {
              broken.push({rule: {verbs: [verb], apiGroups: [group], resources: [resource]}, source});
            }
          }
        }
      }
    }
    if ((rule.nonResourceURLs ?? []).length > 0) {
      for (const url of rule.nonResourceURLs ?? []) {
        for (const verb of rule.verbs) broken.push({rule: {verbs: [verb], nonResourceURLs: [url]}, source});
      }
    }
  }

  // CompactRules: every broken-down resource rule is "simple"; merge verbs per group/resource/name.
  const compacted: Omit<AccessRule, 'namespace'>[] = [];
  const simple = new Map<string, Omit<AccessRule, 'namespace'>>();
  for (const {rule, source} of broken) {
    const via = source ? [viaOf(source)] : [];
    if ((rule.nonResourceURLs ?? []).length > 0) {
      compacted.push({verbs: rule.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: rule.nonResourceURLs!, via});
      continue;
    }
    const names = rule.resourceNames ?? [];
    const key = `${rule.apiGroups![0]}\0${rule.resources![0]}\0${names.length > 0 ? `1\0${names[0]}` : '0'}`;
    const existing = simple.get(key);
    if (existing) {
      for (const verb of rule.verbs) if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
      for (const entry of via) if (!existing.via.some((seen) => sameVia(seen, entry))) existing.via.push(entry);
    } else {
      simple.set(key, {verbs: [...rule.verbs], apiGroups: rule.apiGroups!, resources: rule.resources!, resourceNames: names, nonResourceURLs: [], via});
    }
  }
  compacted.push(...simple.values());
  // Array.prototype.sort is stable, like sort.Stable.
  const keyed = compacted.map((rule) => ({rule, key: goRuleString(rule)}));
  keyed.sort((a, b) => compare(a.key, b.key));
  return keyed.map(({rule}) => rule);
}

/** rbacv1.PolicyRule's generated String(): `&PolicyRule{Verbs:[get list],APIGroups:[],...}`. */
export function goRuleString(rule: PolicyRule): string {
  const list = (values: readonly string[] | undefined) => `[${(values ?? []).join(' ')}]`;
  return `&PolicyRule{Verbs:${list(rule.verbs)},APIGroups:${list(rule.apiGroups)},Resources:${list(rule.resources)},` +
    `ResourceNames:${list(rule.resourceNames)},NonResourceURLs:${list(rule.nonResourceURLs)},}`;
}

/** kubectl describe's CombineResourceGroup: `deployments.apps/scale`, `*.*`. */
export function combineResourceGroup(resources: readonly string[], apiGroups: readonly string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let combined = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (apiGroups.length > 0 && apiGroups[0] !== '') combined += `.${apiGroups[0]}`;
  if (slash >= 0) combined += `/${resources[0].slice(slash + 1)}`;
  return combined;
}

function viaOf(source: RuleSource) {
  return {
    binding: {kind: source.binding.kind, name: source.binding.name, namespace: source.binding.namespace},
    role: {kind: source.role.kind, name: source.role.name},
  };
}

function sameVia(a: AccessRule['via'][number], b: AccessRule['via'][number]): boolean {
  return a.binding.kind === b.binding.kind && a.binding.name === b.binding.name && a.binding.namespace === b.binding.namespace;
}
