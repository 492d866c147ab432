// Why not? For a denied can-i: bindings that name a subject much like the one asked about (the
// usual slip: `prometheus-server` bound, `prometheus` running), and who the request would be
// allowed for. Hints only; the verdict stays the authorizer's.

import {whoCan} from './subject-locator.ts';
import type {RbacSnapshot} from './snapshot.ts';
import {compare} from './snapshot-order.ts';
import {closestNames} from './suggest.ts';
import type {Binding, RequestAttributes, UserInfo} from './types.ts';
import {splitServiceAccountUsername} from './user-info.ts';

export function nearMisses(snapshot: RbacSnapshot, user: UserInfo, request: RequestAttributes, limit = 5): string[] {
  const hints: string[] = [];
  const account = splitServiceAccountUsername(user.name);
  const bindings: Binding[] = [...snapshot.clusterRoleBindings, ...(request.namespace ? snapshot.roleBindings.get(request.namespace) ?? [] : [])];
  const named = (binding: Binding) => `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`;

  // Subjects whose names are close to the user's (or its service account's) name.
  const close = new Set<string>();
  for (const binding of bindings) {
    for (const subject of binding.subjects) {
      if (account && subject.kind === 'ServiceAccount') {
        const namespace = subject.namespace || binding.namespace;
        const near = (namespace === account.namespace && closestNames(account.name, [subject.name], 1).length > 0) ||
          (subject.name === account.name && namespace !== account.namespace);
        if (near) close.add(`${named(binding)} names ServiceAccount ${namespace}/${subject.name}, not ${account.namespace}/${account.name}`);
      } else if (!account && subject.kind === 'User' && user.name && closestNames(user.name, [subject.name], 1).length > 0) {
        close.add(`${named(binding)} names User ${subject.name}, not ${user.name}`);
      }
    }
  }
  hints.push(...[...close].sort(compare).slice(0, limit));

  // Who would be allowed.
  const allowed = whoCan(snapshot, request).subjects.filter((subject) => !subject.privileged);
  if (allowed.length > 0) {
    const shown = allowed.slice(0, limit).map((subject) => `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`);
    hints.push(`allowed for: ${shown.join(', ')}${allowed.length > limit ? ` and ${allowed.length - limit} more` : ''}`);
  } else {
    hints.push('no binding allows this request for anyone (only system:masters)');
  }
  return hints;
}
