// rbac lint: RBAC objects that are broken (bindings to roles or accounts that do not exist),
// unused, or risky (grants that amount to cluster takeover or secret access), and workloads
// that carry a service account token nobody granted anything to. Each finding names its object
// and, where a near name exists, what was probably meant.

import {ruleAllows} from './rule-matching.ts';
import {roleReferenceRules, subjectKey, type RbacSnapshot} from './snapshot.ts';
import {compare} from './snapshot-order.ts';
import {closestNames} from './suggest.ts';
import type {KubeObject} from '../cluster/types.ts';
import type {Binding, PolicyRule, RequestAttributes, Role} from './types.ts';
import {allUnauthenticated, anonymousUser, privilegedGroup} from './user-info.ts';

export type Severity = 'error' | 'warning' | 'info';
export const severities: readonly Severity[] = ['error', 'warning', 'info'];

export interface Finding {
  severity: Severity;
  code: string;
  object: {kind: string; namespace: string; name: string};
  message: string;
  /** "Did you mean": the likely intended name, as `Kind ns/name`. */
  suggestion?: string;
}

export interface LintResult {
  findings: Finding[];
  /** Counts by severity. */
  summary: Record<Severity, number>;
  /** Checks that could not run, e.g. no ServiceAccounts in the input. */
  skipped: string[];
}

// Namespaces every cluster has, whether or not the input lists them.
const builtinNamespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
// ClusterRoles meant to be bound by users, shipped by Kubernetes.
const userFacingRoles = new Set(['cluster-admin', 'admin', 'edit', 'view']);

const workloadKinds = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

/** Severity at or above which `--fail-on` exits 1; `never` turns it off. */
export function failsOn(result: LintResult, level: Severity | 'never'): boolean {
  if (level === 'never') return false;
  const threshold = severities.indexOf(level);
  return result.findings.some((finding) => severities.indexOf(finding.severity) <= threshold);
}

export function lint(snapshot: RbacSnapshot): LintResult {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const add = (severity: Severity, code: string, object: {kind: string; namespace: string; name: string}, message: string, suggestion?: string) => {
    findings.push(suggestion ? {severity, code, object, message, suggestion} : {severity, code, object, message});
  };
  const namespaceExists = (namespace: string) => !snapshot.namespacesListed || builtinNamespaces.has(namespace) || snapshot.namespaces.has(namespace);
  if (!snapshot.namespacesListed) skipped.push('namespace checks: the input has no Namespace objects');
  if (!snapshot.serviceAccountsListed) skipped.push('service account checks: the input has no ServiceAccount objects');

  // Service account names by namespace, for "did you mean" (built once, not per finding).
  const accountsIn = new Map<string, string[]>();
  for (const key of snapshot.serviceAccounts.keys()) {
    const slash = key.indexOf('/');
    const list = accountsIn.get(key.slice(0, slash));
    if (list) list.push(key.slice(slash + 1));
    else accountsIn.set(key.slice(0, slash), [key.slice(slash + 1)]);
  }

  const allBindings: Binding[] = [...snapshot.clusterRoleBindings];
  for (const namespace of [...snapshot.roleBindings.keys()].sort(compare)) allBindings.push(...snapshot.roleBindings.get(namespace)!);
  const usedRoles = new Set<Role>();

  for (const binding of allBindings) {
    const object = {kind: binding.kind, namespace: binding.namespace, name: binding.name};
    const bootstrap = binding.name.startsWith('system:');
    if (binding.namespace && !namespaceExists(binding.namespace)) {
      add('warning', 'missing-namespace', object, `namespace "${binding.namespace}" does not exist`);
    }

    // roleRef
    const {role} = roleReferenceRules(snapshot, binding);
    if (role) usedRoles.add(role);
    else {
      const {message, suggestion} = missingRole(snapshot, binding);
      add('error', 'missing-role', object, message, suggestion);
    }

    // subjects
    for (const subject of binding.subjects) {
      if (subject.kind === 'ServiceAccount') {
        const namespace = subject.namespace || binding.namespace;
        if (!namespaceExists(namespace)) {
          add('warning', 'missing-namespace', object, `subject ServiceAccount ${namespace}/${subject.name}: namespace "${namespace}" does not exist`);
        } else if (snapshot.serviceAccountsListed && subject.name !== 'default' && !snapshot.serviceAccounts.has(`${namespace}/${subject.name}`)) {
          const [closest] = closestNames(subject.name, accountsIn.get(namespace) ?? [], 1);
          add('warning', 'missing-service-account', object,
            `subject ServiceAccount ${namespace}/${subject.name} does not exist${closest ? `; did you mean ${namespace}/${closest}?` : ''}`,
            closest ? `ServiceAccount ${namespace}/${closest}` : undefined);
        }
      }
      if (!bootstrap && ((subject.kind === 'User' && subject.name === anonymousUser) || (subject.kind === 'Group' && subject.name === allUnauthenticated))) {
        add('error', 'anonymous-access', object, `grants ${binding.roleRef.kind} ${binding.roleRef.name} to ${subject.kind} ${subject.name}: anyone who can reach the API server gets it`);
      }
    }

    // risky grants
    if (!role || bootstrap) continue;
    if (binding.subjects.length > 0 && binding.subjects.every((subject) => subject.kind === 'Group' && subject.name === privilegedGroup)) continue;
    for (const [code, message] of riskyGrants(role.rules, binding)) add('warning', code, object, message);
  }

  // roles no binding uses
  const roles: Role[] = [...snapshot.clusterRoles.values(), ...snapshot.roles.values()];
  for (const role of roles) {
    if (usedRoles.has(role) || role.name.startsWith('system:') || (role.kind === 'ClusterRole' && userFacingRoles.has(role.name))) continue;
    if (role.kind === 'ClusterRole' && (snapshot.aggregatedInto.has(role.name) || Object.keys(role.labels).some((label) => label.startsWith('rbac.authorization.k8s.io/aggregate-to-')))) continue;
    if (role.labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') continue;
    add('info', 'unused-role', {kind: role.kind, namespace: role.namespace, name: role.name}, `no binding refers to this ${role.kind}`);
  }
  for (const role of snapshot.roles.values()) {
    if (!namespaceExists(role.namespace)) add('warning', 'missing-namespace', {kind: 'Role', namespace: role.namespace, name: role.name}, `namespace "${role.namespace}" does not exist`);
  }

  // workloads and their service accounts
  for (const object of snapshot.others) {
    if (!workloadKinds.has(object.kind) || (object.metadata.ownerReferences ?? []).length > 0) continue;
    const podSpec = podSpecOf(object);
    if (!podSpec) continue;
    const namespace = object.metadata.namespace ?? 'default';
    const accountName: string = podSpec.serviceAccountName || podSpec.serviceAccount || 'default';
    const where = {kind: object.kind, namespace, name: object.metadata.name};
    const account = snapshot.serviceAccounts.get(`${namespace}/${accountName}`);
    if (snapshot.serviceAccountsListed && !account && accountName !== 'default') {
      const [closest] = closestNames(accountName, accountsIn.get(namespace) ?? [], 1);
      add('warning', 'missing-service-account', where, `runs as ServiceAccount ${namespace}/${accountName}, which does not exist${closest ? `; did you mean ${namespace}/${closest}?` : ''}`,
        closest ? `ServiceAccount ${namespace}/${closest}` : undefined);
      continue;
    }
    const automount = podSpec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
    if (automount === false || accountName === 'default') continue;
    // Bindings to the account itself or to the service-account groups it is in count;
    // system:authenticated does not (every cluster grants it discovery).
    const keys = [subjectKey('ServiceAccount', accountName, namespace), subjectKey('Group', 'system:serviceaccounts'), subjectKey('Group', `system:serviceaccounts:${namespace}`)];
    if (!keys.some((key) => snapshot.bindingsBySubject.has(key))) {
      add('info', 'unbound-token-mounted', where,
        `runs as ServiceAccount ${namespace}/${accountName}, which no binding grants anything, yet its token is mounted into the pods; set automountServiceAccountToken: false`);
    }
  }

  const rank = (severity: Severity) => severities.indexOf(severity);
  findings.sort((a, b) => rank(a.severity) - rank(b.severity) || compare(a.object.kind, b.object.kind) ||
    compare(a.object.namespace, b.object.namespace) || compare(a.object.name, b.object.name) || compare(a.code, b.code) || compare(a.message, b.message));
  const summary: Record<Severity, number> = {error: 0, warning: 0, info: 0};
  for (const finding of findings) summary[finding.severity]++;
  return {findings, summary, skipped};
}

function missingRole(snapshot: RbacSnapshot, binding: Binding): {message: string; suggestion?: string} {
  const {kind, name} = binding.roleRef;
  const where = kind === 'Role' ? ` in namespace ${binding.namespace}` : '';
  // The same name under the other kind is the likeliest slip.
  if (kind === 'Role' && snapshot.clusterRoles.has(name)) {
    return {message: `roleRef names Role ${name}, which does not exist${where}; a ClusterRole ${name} exists: set roleRef.kind to ClusterRole?`, suggestion: `ClusterRole ${name}`};
  }
  if (kind === 'ClusterRole' && binding.kind === 'RoleBinding' && snapshot.roles.has(`${binding.namespace}/${name}`)) {
    return {message: `roleRef names ClusterRole ${name}, which does not exist; a Role ${name} exists in ${binding.namespace}: set roleRef.kind to Role?`, suggestion: `Role ${binding.namespace}/${name}`};
  }
  const candidates = kind === 'Role'
    ? [...snapshot.roles.values()].filter((role) => role.namespace === binding.namespace).map((role) => role.name)
    : [...snapshot.clusterRoles.keys()];
  const [closest] = closestNames(name, candidates, 1);
  const suggestion = closest ? `${kind} ${kind === 'Role' ? `${binding.namespace}/` : ''}${closest}` : undefined;
  return {
    message: `roleRef names ${kind} ${name}, which does not exist${where}: the binding grants nothing${closest ? `; did you mean ${closest}?` : ''}`,
    suggestion,
  };
}

const workloadResources: [string, string][] = [
  ['', 'pods'], ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

/** The risky things these rules allow, as [code, message] for the binding's scope. */
export function riskyGrants(rules: readonly PolicyRule[], binding: Binding): [string, string][] {
  const namespace = binding.kind === 'ClusterRoleBinding' ? '' : binding.namespace;
  const scope = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${binding.namespace}`;
  const allows = (verb: string, apiGroup: string, resource: string, subresource = '', inNamespace = namespace) => {
    const request: RequestAttributes = {verb, namespace: inNamespace, resourceRequest: true, apiGroup, resource, subresource, name: ''};
    return rules.some((rule) => ruleAllows(request, rule));
  };
  const found: [string, string][] = [];
  const everything = rules.some((rule) => rule.verbs.includes('*') && (rule.apiGroups ?? []).includes('*') && (rule.resources ?? []).includes('*'));
  if (everything) {
    found.push(['wildcard-all', `grants every verb on every resource (\`*\` on \`*\`) ${scope}`]);
    return found;
  }
  if (binding.kind === 'ClusterRoleBinding') {
    const verbs = ['get', 'list', 'watch'].filter((verb) => allows(verb, '', 'secrets'));
    if (verbs.length > 0) found.push(['secrets-cluster-wide', `can ${verbs.join(', ')} Secrets in every namespace`]);
  }
  const exec = ['create', 'get'].some((verb) => allows(verb, '', 'pods', 'exec'));
  if (exec) found.push(['pods-exec', `can exec into pods (pods/exec) ${scope}`]);
  if (binding.kind === 'ClusterRoleBinding' || binding.namespace === 'kube-system') {
    const kinds = workloadResources.filter(([group, resource]) => allows('create', group, resource, '', 'kube-system')).map(([, resource]) => resource);
    if (kinds.length > 0) found.push(['workloads-kube-system', `can create ${kinds.join(', ')} in kube-system (and run as its privileged service accounts)`]);
  }
  const cluster = binding.kind === 'ClusterRoleBinding';
  // Cluster-scoped targets (ClusterRoles to escalate, users to impersonate, nodes) are only
  // reachable through a ClusterRoleBinding; binding a ClusterRole is checked in the namespace.
  for (const verb of ['escalate', 'bind']) {
    const candidates = cluster || verb === 'bind' ? ['roles', 'clusterroles'] : ['roles'];
    const targets = candidates.filter((resource) => allows(verb, 'rbac.authorization.k8s.io', resource));
    if (targets.length > 0) found.push([verb, `can ${verb} ${targets.join(' and ')} ${scope}: a way to grant itself more than it has`]);
  }
  const impersonable = cluster
    ? [['', 'users'], ['', 'groups'], ['', 'serviceaccounts'], ['authentication.k8s.io', 'userextras'], ['authentication.k8s.io', 'uids']]
    : [['', 'serviceaccounts']];
  const impersonated = impersonable
    .filter(([group, resource]) => allows('impersonate', group, resource)).map(([, resource]) => resource);
  if (impersonated.length > 0) found.push(['impersonate', `can impersonate ${impersonated.join(', ')} ${scope}`]);
  if (cluster && ['get', 'create'].some((verb) => allows(verb, '', 'nodes', 'proxy', ''))) {
    found.push(['nodes-proxy', 'can reach the kubelet API through nodes/proxy (exec into any pod on the node)']);
  }
  return found;
}

function podSpecOf(object: KubeObject): Record<string, any> | undefined {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template?.spec;
  return object.spec?.template?.spec;
}
