// Hints for a denied can-i: a binding that names a near-identical subject, and who is allowed.

import {nearMisses} from '../../src/rbac/near-misses.ts';
import {impersonatedUser} from '../../src/rbac/user-info.ts';
import {attributes, bindToClusterRole, named, newClusterRole, newClusterRoleBinding, newRoleBinding, newRule, snapshotOf} from './fixtures.ts';

const snapshot = snapshotOf(
  newClusterRole('reader', newRule('get,list', '', 'pods', '')),
  named('prometheus', newClusterRoleBinding('reader', 'ServiceAccount:monitoring/prometheus-server')),
  named('elsewhere', newClusterRoleBinding('reader', 'ServiceAccount:other/prometheus')),
  named('erin', newRoleBinding('shop', 'reader', bindToClusterRole, 'User:erin')),
);

describe('nearMisses', () => {
  test.each([
    ['a service account bound under a longer name, and the same name in another namespace', 'system:serviceaccount:monitoring:prometheus', 'shop', [
      'ClusterRoleBinding elsewhere names ServiceAccount other/prometheus, not monitoring/prometheus',
      'ClusterRoleBinding prometheus names ServiceAccount monitoring/prometheus-server, not monitoring/prometheus',
      'allowed for: ServiceAccount monitoring/prometheus-server, ServiceAccount other/prometheus, User erin',
    ]],
    ['a user one letter off', 'erinn', 'shop', [
      'RoleBinding shop/erin names User erin, not erinn',
      'allowed for: ServiceAccount monitoring/prometheus-server, ServiceAccount other/prometheus, User erin',
    ]],
    ['nobody close; RoleBindings of other namespaces do not count', 'zed', 'web', [
      'allowed for: ServiceAccount monitoring/prometheus-server, ServiceAccount other/prometheus',
    ]],
  ])('%s', (_name, user, namespace, expected) => {
    expect(nearMisses(snapshot, impersonatedUser(user), attributes('list', 'pods', '', namespace, ''))).toEqual(expected);
  });

  test('nobody is allowed', () => {
    expect(nearMisses(snapshot, impersonatedUser('x'), attributes('delete', 'pods', '', 'shop', ''))).toEqual(['no binding allows this request for anyone (only system:masters)']);
  });
});
