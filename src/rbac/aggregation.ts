// ClusterRole aggregation as the clusterrole-aggregation controller does it
// (kubernetes pkg/controller/clusterroleaggregation): a ClusterRole with an aggregationRule gets,
// in place of its own rules, the rules of every other ClusterRole its selectors match, selector by
// selector, matched roles in name order, duplicates dropped. The controller re-syncs whenever any
// ClusterRole changes, so aggregates of aggregates settle; offline we repeat to that fixed point.

import {compileLabelSelector, type LabelSelector} from '../kube/selector.ts';
import {compare} from './snapshot-order.ts';
import type {PolicyRule, Role} from './types.ts';

/**
 * Returns the roles with aggregated rules filled in (the input is not changed). `selectedBy`
 * receives, for each ClusterRole, the aggregated roles that pick it up.
 */
export function aggregateClusterRoles(clusterRoles: readonly Role[], selectedBy?: Map<string, string[]>): Role[] {
  const current = new Map(clusterRoles.map((role) => [role.name, {...role}]));
  const byName = [...current.values()].sort((a, b) => compare(a.name, b.name));
  const aggregated = byName.filter((role) => role.aggregationSelectors !== undefined);
  if (aggregated.length === 0) return clusterRoles.slice();
  const selectors = new Map(aggregated.map((role) => [role.name,
    role.aggregationSelectors!.map((selector, index) =>
      compileLabelSelector(selector as LabelSelector, {field: `aggregationRule.clusterRoleSelectors[${index}]`}))]));

  for (const role of aggregated) {
    for (const selector of selectors.get(role.name)!) {
      for (const other of byName) {
        if (other.name === role.name || !selector.matches(other.labels)) continue;
        let list = selectedBy?.get(other.name);
        if (selectedBy && !list) selectedBy.set(other.name, (list = []));
        if (list && !list.includes(role.name)) list.push(role.name);
      }
    }
  }

  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const rules: PolicyRule[] = [];
      for (const selector of selectors.get(role.name)!) {
        for (const other of byName) {
          if (other.name === role.name || !selector.matches(other.labels)) continue;
          for (const rule of current.get(other.name)!.rules) {
            if (!rules.some((existing) => rulesEqual(existing, rule))) rules.push(rule);
          }
        }
      }
      const target = current.get(role.name)!;
      if (!ruleListsEqual(target.rules, rules)) {
        target.rules = rules;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return clusterRoles.map((role) => current.get(role.name)!);
}

/** Semantic equality: a missing list equals an empty one (apimachinery's equality.Semantic). */
export function rulesEqual(a: PolicyRule, b: PolicyRule): boolean {
  return listsEqual(a.verbs, b.verbs) && listsEqual(a.apiGroups, b.apiGroups) && listsEqual(a.resources, b.resources) &&
    listsEqual(a.resourceNames, b.resourceNames) && listsEqual(a.nonResourceURLs, b.nonResourceURLs);
}

function ruleListsEqual(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((rule, index) => rulesEqual(rule, b[index]));
}

function listsEqual(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((entry, index) => entry === right[index]);
}
