// The predicates of the RBAC authorizer, one per PolicyRule field, joined by AND in ruleAllows
// (kubernetes pkg/apis/rbac/v1/evaluation_helpers.go, plugin/pkg/auth/authorizer/rbac/rbac.go).
// Matching is exact and case-sensitive; "*" is the only wildcard, except the `*/subresource`
// resource form and a trailing `*` on non-resource URLs.

import type {PolicyRule, RequestAttributes} from './types.ts';

export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  for (const verb of rule.verbs ?? []) {
    if (verb === '*' || verb === requestedVerb) return true;
  }
  return false;
}

export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  for (const group of rule.apiGroups ?? []) {
    if (group === '*' || group === requestedGroup) return true;
  }
  return false;
}

/** `combinedResource` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combinedResource: string, requestedSubresource: string): boolean {
  for (const resource of rule.resources ?? []) {
    if (resource === '*' || resource === combinedResource) return true;
    // `*/scale` grants that subresource of every resource; the request must name a subresource.
    if (requestedSubresource.length === 0) continue;
    if (resource.length === requestedSubresource.length + 2 && resource.startsWith('*/') && resource.endsWith(requestedSubresource)) {
      return true;
    }
  }
  return false;
}

/** No resourceNames means every name, including requests without a name (list, create). */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(requestedName);
}

export function nonResourceURLMatches(rule: PolicyRule, requestedURL: string): boolean {
  for (const url of rule.nonResourceURLs ?? []) {
    if (url === '*' || url === requestedURL) return true;
    // Upstream trims every trailing `*` (strings.TrimRight), so `/a**` acts as `/a*`.
    if (url.endsWith('*') && requestedURL.startsWith(url.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function combinedResource(request: RequestAttributes): string {
  const resource = request.resource ?? '';
  return request.subresource ? `${resource}/${request.subresource}` : resource;
}

export function ruleAllows(request: RequestAttributes, rule: PolicyRule): boolean {
  if (request.resourceRequest) {
    return verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup ?? '') &&
      resourceMatches(rule, combinedResource(request), request.subresource ?? '') &&
      resourceNameMatches(rule, request.name ?? '');
  }
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path ?? '');
}

export function rulesAllow(request: RequestAttributes, rules: readonly PolicyRule[]): boolean {
  for (const rule of rules) if (ruleAllows(request, rule)) return true;
  return false;
}
