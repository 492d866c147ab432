// The user an impersonated request runs as (`--as`, `--as-group`), with the groups the API
// server's impersonation filter adds (k8s.io/apiserver pkg/endpoints/filters/impersonation.go),
// as CONTRACT.md's `rbac can-i` section states them.

import type {UserInfo} from './types.ts';

export const allAuthenticated = 'system:authenticated';
export const allUnauthenticated = 'system:unauthenticated';
export const anonymousUser = 'system:anonymous';
export const serviceAccountsGroup = 'system:serviceaccounts';
export const privilegedGroup = 'system:masters';
const serviceAccountPrefix = 'system:serviceaccount:';

/** `system:serviceaccount:NS:NAME` → {namespace, name}; anything else → undefined. */
export function splitServiceAccountUsername(username: string): {namespace: string; name: string} | undefined {
  if (!username.startsWith(serviceAccountPrefix)) return undefined;
  const rest = username.slice(serviceAccountPrefix.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  const namespace = rest.slice(0, colon);
  const name = rest.slice(colon + 1);
  if (name.includes(':')) return undefined;
  return {namespace, name};
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${serviceAccountPrefix}${namespace}:${name}`;
}

export function impersonatedUser(username: string, asGroups: readonly string[] = []): UserInfo {
  let groups = [...asGroups];
  const serviceAccount = splitServiceAccountUsername(username);
  // A service account's groups are a fixed mapping, added only when no group is asked for.
  if (serviceAccount && groups.length === 0) {
    groups = [serviceAccountsGroup, `${serviceAccountsGroup}:${serviceAccount.namespace}`];
  }
  if (username !== anonymousUser) {
    if (!groups.includes(allAuthenticated) && !groups.includes(allUnauthenticated)) groups.push(allAuthenticated);
  } else if (!groups.includes(allUnauthenticated)) {
    groups.push(allUnauthenticated);
  }
  return {name: username, groups};
}

export interface SubjectSpec {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
  user: UserInfo;
}

/**
 * `user:NAME`, `group:NAME`, `sa:NS/NAME` (or `serviceaccount:NS/NAME`), or a username as
 * `--as` takes it (`system:serviceaccount:NS:NAME` included). Users and service accounts get
 * the groups impersonation would give them; a group stands alone.
 */
export function parseSubject(text: string, asGroups: readonly string[] = []): SubjectSpec | undefined {
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? '' : text.slice(0, colon).toLowerCase();
  const rest = colon < 0 ? text : text.slice(colon + 1);
  if (['user', 'group', 'sa', 'serviceaccount'].includes(prefix) && !rest) return undefined;
  if (prefix === 'user' && rest) return {kind: 'User', name: rest, user: impersonatedUser(rest, asGroups)};
  if (prefix === 'group' && rest) return {kind: 'Group', name: rest, user: {name: '', groups: [rest, ...asGroups]}};
  if ((prefix === 'sa' || prefix === 'serviceaccount') && rest) {
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    const namespace = rest.slice(0, slash);
    const name = rest.slice(slash + 1);
    return {kind: 'ServiceAccount', name, namespace, user: impersonatedUser(serviceAccountUsername(namespace, name), asGroups)};
  }
  if (!text) return undefined;
  const account = splitServiceAccountUsername(text);
  if (account) return {kind: 'ServiceAccount', name: account.name, namespace: account.namespace, user: impersonatedUser(text, asGroups)};
  if (text.startsWith('system:serviceaccount:')) return undefined;
  return {kind: 'User', name: text, user: impersonatedUser(text, asGroups)};
}
