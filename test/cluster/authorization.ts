// The test cluster's authorizer: the token's user may do everything except touch the resources
// named by --forbid (as "pods", which forbids pods in every group, or "deployments.apps").

export function isForbidden(forbid: ReadonlySet<string>, resource: string, group: string): boolean {
  return forbid.has(resource) || (group !== '' && forbid.has(`${resource}.${group}`));
}
