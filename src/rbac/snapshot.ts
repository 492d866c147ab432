// Turns Kubernetes objects into the engine's typed, indexed RBAC state: validated once at load
// (bad bindings are input errors, as the API server would refuse them), ClusterRoles aggregated
// offline, bindings sorted as the API lists them and indexed by subject so lookups for one
// subject never scan every binding.

import {InputError, type InputLocation} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';
import {aggregateClusterRoles} from './aggregation.ts';
import {compare} from './snapshot-order.ts';
import type {Binding, PolicyRule, Role, RoleRef, Subject, SubjectKind} from './types.ts';

export interface SnapshotOptions {
  /** Where an object came from (file, document), for error messages. */
  locate?: (object: KubeObject) => InputLocation;
  /** Compute aggregated ClusterRoles' rules (offline); a live cluster has done it already. */
  aggregate?: boolean;
  /** Whether ServiceAccounts / Namespaces were read at all; by default: any present. */
  serviceAccountsListed?: boolean;
  namespacesListed?: boolean;
}

/** A binding together with its place in the API's list order (the authorizer's visiting order). */
export interface IndexedBinding {
  binding: Binding;
  order: number;
  /** Index of the subject in binding.subjects that matched this index key. */
  subjectIndex: number;
}

export interface RbacSnapshot {
  /** `ns/name` → Role. */
  roles: Map<string, Role>;
  clusterRoles: Map<string, Role>;
  /** Sorted by name, as the API lists them. */
  clusterRoleBindings: Binding[];
  /** Namespace → RoleBindings sorted by name. */
  roleBindings: Map<string, Binding[]>;
  /** `User:NAME`, `Group:NAME`, `ServiceAccount:NS/NAME` → bindings naming that subject. */
  bindingsBySubject: Map<string, IndexedBinding[]>;
  /** `ns/name` of every ServiceAccount read, and their objects. */
  serviceAccounts: Map<string, KubeObject>;
  serviceAccountsListed: boolean;
  /** Namespaces known to exist: Namespace objects, and where ServiceAccounts and other objects live. */
  namespaces: Set<string>;
  /** Whether Namespace objects were read at all; without them namespace checks are skipped. */
  namespacesListed: boolean;
  /** Other objects read (workloads, pods) for lint. */
  others: KubeObject[];
  /** ClusterRole name → names of the aggregated ClusterRoles that select it. */
  aggregatedInto: Map<string, string[]>;
}

const subjectKinds: readonly string[] = ['User', 'Group', 'ServiceAccount'];

export function subjectKey(kind: SubjectKind, name: string, namespace = ''): string {
  return kind === 'ServiceAccount' ? `ServiceAccount:${namespace}/${name}` : `${kind}:${name}`;
}

export function buildRbacSnapshot(objects: readonly KubeObject[], options: SnapshotOptions = {}): RbacSnapshot {
  const locate = options.locate ?? (() => ({}));
  const roles = new Map<string, Role>();
  let clusterRoleList: Role[] = [];
  const clusterRoleBindings: Binding[] = [];
  const roleBindings = new Map<string, Binding[]>();
  const serviceAccounts = new Map<string, KubeObject>();
  const namespaces = new Set<string>();
  const others: KubeObject[] = [];

  for (const object of objects) {
    const group = groupOf(object.apiVersion);
    const isRbac = group === 'rbac.authorization.k8s.io';
    if (isRbac && object.kind === 'Role') {
      const role = readRole(object, 'Role', locate);
      roles.set(`${role.namespace}/${role.name}`, role);
    } else if (isRbac && object.kind === 'ClusterRole') {
      clusterRoleList.push(readRole(object, 'ClusterRole', locate));
    } else if (isRbac && object.kind === 'RoleBinding') {
      const binding = readBinding(object, 'RoleBinding', locate);
      let list = roleBindings.get(binding.namespace);
      if (!list) roleBindings.set(binding.namespace, (list = []));
      list.push(binding);
    } else if (isRbac && object.kind === 'ClusterRoleBinding') {
      clusterRoleBindings.push(readBinding(object, 'ClusterRoleBinding', locate));
    } else if (group === '' && object.kind === 'ServiceAccount') {
      serviceAccounts.set(`${object.metadata.namespace ?? 'default'}/${object.metadata.name}`, object);
    } else if (group === '' && object.kind === 'Namespace') {
      namespaces.add(object.metadata.name);
    } else {
      others.push(object);
    }
  }

  const namespaceObjects = namespaces.size;
  // Objects living in a namespace show it exists, even when the input leaves its Namespace out
  // (hand-written manifests often do). RBAC objects do not count: their namespace is what lint checks.
  for (const account of serviceAccounts.values()) namespaces.add(account.metadata.namespace ?? 'default');
  for (const object of others) if (object.metadata.namespace) namespaces.add(object.metadata.namespace);

  const aggregatedInto = new Map<string, string[]>();
  if (options.aggregate !== false) clusterRoleList = aggregateClusterRoles(clusterRoleList, aggregatedInto);
  else aggregateClusterRoles(clusterRoleList, aggregatedInto); // only to learn who selects whom
  const clusterRoles = new Map(clusterRoleList.map((role) => [role.name, role]));

  const byName = (a: Binding, b: Binding) => compare(a.name, b.name);
  clusterRoleBindings.sort(byName);
  for (const list of roleBindings.values()) list.sort(byName);

  const bindingsBySubject = new Map<string, IndexedBinding[]>();
  let order = 0;
  const index = (binding: Binding) => {
    order++;
    binding.subjects.forEach((subject, subjectIndex) => {
      const namespace = subject.kind === 'ServiceAccount' ? subject.namespace || binding.namespace : '';
      // A ServiceAccount subject of a ClusterRoleBinding without namespace applies to nobody.
      if (subject.kind === 'ServiceAccount' && !namespace) return;
      const key = subjectKey(subject.kind, subject.name, namespace);
      let list = bindingsBySubject.get(key);
      if (!list) bindingsBySubject.set(key, (list = []));
      // Only the first subject of a binding that matches counts (appliesTo returns the first).
      if (list.length > 0 && list[list.length - 1].binding === binding) return;
      list.push({binding, order, subjectIndex});
    });
  };
  clusterRoleBindings.forEach(index);
  for (const namespace of [...roleBindings.keys()].sort(compare)) roleBindings.get(namespace)!.forEach(index);

  return {
    roles, clusterRoles, clusterRoleBindings, roleBindings, bindingsBySubject, serviceAccounts,
    serviceAccountsListed: options.serviceAccountsListed ?? serviceAccounts.size > 0,
    namespaces,
    namespacesListed: options.namespacesListed ?? namespaceObjects > 0,
    others, aggregatedInto,
  };
}

/** The rules a binding's roleRef resolves to, or the error the API server's resolver reports. */
export function roleReferenceRules(snapshot: RbacSnapshot, binding: Binding): {role?: Role; error?: string} {
  const {roleRef} = binding;
  if (roleRef.kind === 'Role') {
    const role = snapshot.roles.get(`${binding.namespace}/${roleRef.name}`);
    return role ? {role} : {error: `role.rbac.authorization.k8s.io "${roleRef.name}" not found`};
  }
  const role = snapshot.clusterRoles.get(roleRef.name);
  return role ? {role} : {error: `clusterrole.rbac.authorization.k8s.io "${roleRef.name}" not found`};
}

function readRole(object: KubeObject, kind: 'Role' | 'ClusterRole', locate: (object: KubeObject) => InputLocation): Role {
  const at = (field: string) => ({...locate(object), field});
  const rules = object.rules ?? [];
  if (!Array.isArray(rules)) throw new InputError(`${describe(object)}: rules must be a list`, at('rules'));
  const role: Role = {
    kind,
    name: object.metadata.name,
    namespace: kind === 'Role' ? object.metadata.namespace ?? 'default' : '',
    labels: object.metadata.labels ?? {},
    rules: rules.map((rule: unknown, index: number) => readRule(rule, object, `rules[${index}]`, at)),
  };
  if (kind === 'ClusterRole' && object.aggregationRule) {
    const selectors = object.aggregationRule.clusterRoleSelectors ?? [];
    if (!Array.isArray(selectors)) {
      throw new InputError(`${describe(object)}: aggregationRule.clusterRoleSelectors must be a list`, at('aggregationRule.clusterRoleSelectors'));
    }
    role.aggregationSelectors = selectors;
  }
  return role;
}

function readRule(value: unknown, object: KubeObject, field: string, at: (field: string) => InputLocation): PolicyRule {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${describe(object)}: a rule must be a mapping`, at(field));
  }
  const rule = value as Record<string, unknown>;
  const list = (name: string): string[] => {
    const entries = rule[name];
    if (entries === undefined || entries === null) return [];
    if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'string')) {
      throw new InputError(`${describe(object)}: ${name} must be a list of strings`, at(`${field}.${name}`));
    }
    return entries as string[];
  };
  return {
    verbs: list('verbs'),
    apiGroups: list('apiGroups'),
    resources: list('resources'),
    resourceNames: list('resourceNames'),
    nonResourceURLs: list('nonResourceURLs'),
  };
}

function readBinding(object: KubeObject, kind: 'RoleBinding' | 'ClusterRoleBinding', locate: (object: KubeObject) => InputLocation): Binding {
  const at = (field: string) => ({...locate(object), field});
  const what = describe(object);
  const ref = object.roleRef;
  if (ref === undefined || ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    throw new InputError(`${what} has no roleRef`, at('roleRef'));
  }
  if (typeof ref.name !== 'string' || !ref.name) throw new InputError(`${what}: roleRef.name is required`, at('roleRef.name'));
  const allowedKinds = kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!allowedKinds.includes(ref.kind)) {
    throw new InputError(`${what}: roleRef.kind must be ${allowedKinds.join(' or ')}, not ${JSON.stringify(ref.kind ?? '')}`, at('roleRef.kind'));
  }
  const roleRef: RoleRef = {apiGroup: ref.apiGroup ?? 'rbac.authorization.k8s.io', kind: ref.kind, name: ref.name};
  const rawSubjects = object.subjects ?? [];
  if (!Array.isArray(rawSubjects)) throw new InputError(`${what}: subjects must be a list`, at('subjects'));
  const subjects = rawSubjects.map((raw: any, index: number): Subject => {
    const field = `subjects[${index}]`;
    if (raw === null || typeof raw !== 'object') throw new InputError(`${what}: a subject must be a mapping`, at(field));
    if (!subjectKinds.includes(raw.kind)) {
      throw new InputError(`${what}: unknown subject kind ${JSON.stringify(raw.kind ?? '')} (expected User, Group or ServiceAccount)`, at(`${field}.kind`));
    }
    if (typeof raw.name !== 'string' || !raw.name) throw new InputError(`${what}: subject name is required`, at(`${field}.name`));
    if (raw.namespace !== undefined && raw.namespace !== null && typeof raw.namespace !== 'string') {
      throw new InputError(`${what}: subject namespace must be a string`, at(`${field}.namespace`));
    }
    if (raw.kind === 'ServiceAccount' && kind === 'ClusterRoleBinding' && !raw.namespace) {
      throw new InputError(`${what}: a ServiceAccount subject of a ClusterRoleBinding needs a namespace`, at(`${field}.namespace`));
    }
    const subject: Subject = {kind: raw.kind, name: raw.name};
    if (raw.namespace) subject.namespace = raw.namespace;
    if (raw.apiGroup !== undefined) subject.apiGroup = raw.apiGroup;
    return subject;
  });
  return {kind, name: object.metadata.name, namespace: kind === 'RoleBinding' ? object.metadata.namespace ?? 'default' : '', roleRef, subjects};
}

function describe(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
