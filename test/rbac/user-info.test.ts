// The groups impersonation gives (CONTRACT.md `rbac can-i`; k8s.io/apiserver
// pkg/endpoints/filters/impersonation.go) and the SUBJECT forms `rbac access` reads.

import {impersonatedUser, parseSubject, splitServiceAccountUsername} from '../../src/rbac/user-info.ts';

describe('impersonatedUser', () => {
  test.each([
    ['a user is authenticated', 'alice', [], ['system:authenticated']],
    ['given groups come first', 'alice', ['devs'], ['devs', 'system:authenticated']],
    ['system:authenticated is not doubled', 'alice', ['system:authenticated'], ['system:authenticated']],
    ['system:unauthenticated given: not authenticated', 'alice', ['system:unauthenticated'], ['system:unauthenticated']],
    ['a service account brings its groups', 'system:serviceaccount:shop:api', [],
      ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated']],
    ['a service account with --as-group gets only those', 'system:serviceaccount:shop:api', ['ops'], ['ops', 'system:authenticated']],
    ['anonymous is unauthenticated', 'system:anonymous', [], ['system:unauthenticated']],
    ['anonymous with groups', 'system:anonymous', ['x'], ['x', 'system:unauthenticated']],
    ['anonymous is never authenticated', 'system:anonymous', ['system:unauthenticated'], ['system:unauthenticated']],
    ['a malformed service account name is a user', 'system:serviceaccount:shop', [], ['system:authenticated']],
  ])('%s', (_name, user, groups, expected) => {
    expect(impersonatedUser(user, groups)).toEqual({name: user, groups: expected});
  });

  test.each([
    ['system:serviceaccount:ns:name', {namespace: 'ns', name: 'name'}],
    ['system:serviceaccount:ns:', undefined],
    ['system:serviceaccount::name', undefined],
    ['system:serviceaccount:a:b:c', undefined],
    ['alice', undefined],
  ])('splitServiceAccountUsername(%s)', (text, expected) => {
    expect(splitServiceAccountUsername(text)).toEqual(expected);
  });
});

describe('parseSubject', () => {
  test.each([
    ['user:alice', 'User', 'alice', undefined, 'alice', ['system:authenticated']],
    ['alice', 'User', 'alice', undefined, 'alice', ['system:authenticated']],
    ['group:devs', 'Group', 'devs', undefined, '', ['devs']],
    ['sa:shop/api', 'ServiceAccount', 'api', 'shop', 'system:serviceaccount:shop:api', ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated']],
    ['system:serviceaccount:shop:api', 'ServiceAccount', 'api', 'shop', 'system:serviceaccount:shop:api', ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated']],
  ])('%s', (text, kind, name, namespace, username, groups) => {
    expect(parseSubject(text)).toEqual({kind, name, ...(namespace ? {namespace} : {}), user: {name: username, groups}});
  });

  test.each(['sa:shop', 'sa:/api', 'user:', 'system:serviceaccount:shop', ''])('rejects %j', (text) => {
    expect(parseSubject(text)).toBeUndefined();
  });
});
