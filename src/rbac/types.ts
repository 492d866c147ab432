// Typed views of the rbac.authorization.k8s.io/v1 objects the engine reads, and the request
// and user shapes the authorizer takes (apiserver's authorizer.Attributes and user.Info).

export const rbacGroup = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

export interface Subject {
  kind: SubjectKind;
  name: string;
  /** ServiceAccounts only; empty means the binding's namespace (RoleBindings only). */
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole';
  name: string;
}

export interface Role {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** "" for ClusterRoles. */
  namespace: string;
  labels: Record<string, string>;
  rules: PolicyRule[];
  /** ClusterRoles with an aggregationRule: the selectors; their rules are computed. */
  aggregationSelectors?: unknown[];
}

export interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** "" for ClusterRoleBindings. */
  namespace: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

/** Who is asking: user.Info as the authenticator (or impersonation) leaves it. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** What is asked: the fields of authorizer.Attributes that RBAC looks at. */
export interface RequestAttributes {
  verb: string;
  /** "" for a cluster-wide request. */
  namespace: string;
  resourceRequest: boolean;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** Non-resource requests only. */
  path?: string;
}

/** A reference to a binding or role, as JSON output names them. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}
