// Cases from kubernetes pkg/controller/clusterroleaggregation/clusterroleaggregation_controller_test.go
// (TestSyncClusterRole), plus aggregates of aggregates, which the controller settles by re-syncing.

import {aggregateClusterRoles} from '../../src/rbac/aggregation.ts';
import type {PolicyRule, Role} from '../../src/rbac/types.ts';

const hammerRules = (): PolicyRule[] => [{verbs: ['hammer'], resources: ['nails']}, {verbs: ['hammer'], resources: ['wedges']}];
const chiselRules = (): PolicyRule[] => [{verbs: ['chisel'], resources: ['mortises']}];
const sawRules = (): PolicyRule[] => [{verbs: ['saw'], resources: ['boards']}];
const role = (name: string, labels: Record<string, string>, rules: PolicyRule[]): Role => ({kind: 'ClusterRole', name, namespace: '', labels, rules});
const combinedRole = (selectors: Record<string, string>[], ...rules: PolicyRule[][]): Role => ({
  kind: 'ClusterRole', name: 'combined', namespace: '', labels: {}, rules: rules.flat(),
  aggregationSelectors: selectors.map((matchLabels) => ({matchLabels})),
});

describe('aggregateClusterRoles (upstream TestSyncClusterRole)', () => {
  test.each([
    ['remove dead rules', [role('hammer', {foo: 'bar'}, hammerRules()), combinedRole([{foo: 'bar'}], sawRules())], hammerRules()],
    ['strip rules', [role('hammer', {foo: 'not-bar'}, hammerRules()), combinedRole([{foo: 'bar'}], hammerRules())], []],
    ['select properly and put in order', [
      role('hammer', {foo: 'bar'}, hammerRules()), role('chisel', {foo: 'bar'}, chiselRules()), role('saw', {foo: 'not-bar'}, sawRules()),
      combinedRole([{foo: 'bar'}]),
    ], [...chiselRules(), ...hammerRules()]],
    ['select properly with multiple selectors', [
      role('hammer', {foo: 'bar'}, hammerRules()), role('chisel', {foo: 'bar'}, chiselRules()), role('saw', {foo: 'not-bar'}, sawRules()),
      combinedRole([{foo: 'bar'}, {foo: 'not-bar'}]),
    ], [...chiselRules(), ...hammerRules(), ...sawRules()]],
    ['select properly remove duplicates', [
      role('hammer', {foo: 'bar'}, hammerRules()), role('chisel', {foo: 'bar'}, chiselRules()), role('saw', {foo: 'bar'}, sawRules()),
      role('other-saw', {foo: 'not-bar'}, sawRules()),
      combinedRole([{foo: 'bar'}, {foo: 'not-bar'}]),
    ], [...chiselRules(), ...hammerRules(), ...sawRules()]],
    ['no diff skip', [role('hammer', {foo: 'bar'}, hammerRules()), combinedRole([{foo: 'bar'}], hammerRules())], hammerRules()],
  ] as [string, Role[], PolicyRule[]][])('%s', (_name, roles, expected) => {
    const result = aggregateClusterRoles(roles);
    expect(result.find((r) => r.name === 'combined')!.rules).toEqual(expected);
  });

  test('aggregates of aggregates settle (admin picks up edit, edit picks up view)', () => {
    const roles: Role[] = [
      {...role('admin', {}, []), aggregationSelectors: [{matchLabels: {'aggregate-to-admin': 'true'}}]},
      {...role('edit', {'aggregate-to-admin': 'true'}, []), aggregationSelectors: [{matchLabels: {'aggregate-to-edit': 'true'}}]},
      role('view', {'aggregate-to-edit': 'true'}, sawRules()),
      role('extra', {'aggregate-to-admin': 'true'}, chiselRules()),
    ];
    const selectedBy = new Map<string, string[]>();
    const result = aggregateClusterRoles(roles, selectedBy);
    expect(result.find((r) => r.name === 'admin')!.rules).toEqual([...sawRules(), ...chiselRules()]);
    expect(result.find((r) => r.name === 'edit')!.rules).toEqual(sawRules());
    expect(Object.fromEntries(selectedBy)).toEqual({edit: ['admin'], extra: ['admin'], view: ['edit']});
    expect(roles[0].rules).toEqual([]); // the input is left alone
  });

  test('matchExpressions select too', () => {
    const result = aggregateClusterRoles([
      role('a', {tier: 'x'}, sawRules()),
      {...role('combined', {}, []), aggregationSelectors: [{matchExpressions: [{key: 'tier', operator: 'In', values: ['x', 'y']}]}]},
    ]);
    expect(result[1].rules).toEqual(sawRules());
  });
});
