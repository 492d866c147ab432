// What only the cluster can tell about a Prometheus setup: its pod's service account exists and has its
// token and CA mounted where the config reads them; that account may list and watch what each job's
// Kubernetes SD role needs, in the namespaces it covers (asked of the rbac engine's authorizer); and
// kubelet/cAdvisor jobs that will fail TLS verification.
import type {KubeObject} from '../../cluster/types.ts';
import {authorize} from '../../rbac/authorizer.ts';
import type {RbacSnapshot} from '../../rbac/snapshot.ts';
import {impersonatedUser, serviceAccountUsername} from '../../rbac/user-info.ts';
import type {PrometheusConfig, ScrapeJob} from '../config/types.ts';
import type {PrometheusServer} from '../config/sources.ts';
import {namespacesOf} from '../discovery/index.ts';
import type {KubernetesSdConfig} from '../discovery/types.ts';
import type {TargetsResult} from '../targets.ts';
import type {CheckFinding} from './types.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

interface Need {
  resource: string;
  apiGroup: string;
  /** "" = cluster-wide. */
  namespaces: string[] | undefined;
  why: string;
}

/** What an SD config's informers list and watch (discovery/kubernetes/kubernetes.go Run). */
export function discoveryNeeds(sd: KubernetesSdConfig, ownNamespace?: string): Need[] {
  const namespaces = namespacesOf(sd, ownNamespace);
  const needs: Need[] = [];
  const add = (resource: string, apiGroup: string, why: string, clusterScoped = false) => needs.push({resource, apiGroup, namespaces: clusterScoped ? undefined : namespaces, why});
  switch (sd.role) {
    case 'node':
      add('nodes', '', 'role node', true);
      break;
    case 'pod':
      add('pods', '', 'role pod');
      if (sd.attachMetadata.node) add('nodes', '', 'attach_metadata.node', true);
      if (sd.attachMetadata.deployment) add('replicasets', 'apps', 'attach_metadata.deployment');
      if (sd.attachMetadata.job || sd.attachMetadata.cronjob) add('jobs', 'batch', 'attach_metadata.job/cronjob');
      break;
    case 'service':
      add('services', '', 'role service');
      break;
    case 'endpoints':
      add('endpoints', '', 'role endpoints');
      add('services', '', 'role endpoints (service labels)');
      add('pods', '', 'role endpoints (pod labels)');
      if (sd.attachMetadata.node) add('nodes', '', 'attach_metadata.node', true);
      break;
    case 'endpointslice':
      add('endpointslices', 'discovery.k8s.io', 'role endpointslice');
      add('services', '', 'role endpointslice (service labels)');
      add('pods', '', 'role endpointslice (pod labels)');
      if (sd.attachMetadata.node) add('nodes', '', 'attach_metadata.node', true);
      break;
    case 'ingress':
      add('ingresses', 'networking.k8s.io', 'role ingress');
      break;
  }
  if (sd.attachMetadata.namespace) add('namespaces', '', 'attach_metadata.namespace', true);
  return needs;
}

/** Files the config reads from the service account directory, with the job and field that reads each. */
function serviceAccountFiles(job: ScrapeJob): Array<{path: string; field: string}> {
  const out: Array<{path: string; field: string}> = [];
  const scan = (http: ScrapeJob['http'], prefix: string) => {
    const files: Array<[string | undefined, string]> = [
      [http.tls.caFile, 'tls_config.ca_file'], [http.tls.certFile, 'tls_config.cert_file'], [http.tls.keyFile, 'tls_config.key_file'],
      [http.bearerTokenFile, 'bearer_token_file'], [http.authorization?.credentialsFile, 'authorization.credentials_file'],
    ];
    for (const [path, field] of files) if (path) out.push({path, field: `${prefix}${field}`});
  };
  scan(job.http, '');
  job.kubernetesSdConfigs.forEach((sd, i) => scan(sd.http, `kubernetes_sd_configs[${i}].`));
  return out;
}

function mountsPath(podSpec: Record<string, any>, path: string): boolean {
  for (const container of (podSpec.containers as Array<Record<string, any>>) ?? []) {
    for (const mount of (container.volumeMounts as Array<Record<string, any>>) ?? []) {
      const dir = String(mount.mountPath ?? '').replace(/\/$/, '');
      if (path === dir || path.startsWith(`${dir}/`)) return true;
    }
  }
  return false;
}

export interface ClusterCheckInput {
  config: PrometheusConfig;
  server?: PrometheusServer;
  objects: KubeObject[];
  rbac?: RbacSnapshot;
  targets?: TargetsResult;
}

export function checkCluster(input: ClusterCheckInput): {findings: CheckFinding[]; skipped: string[]} {
  const findings: CheckFinding[] = [];
  const skipped: string[] = [];
  const {config, server} = input;
  const file = config.origin;
  const jobsWithSd = config.jobs.filter((j) => j.kubernetesSdConfigs.some((sd) => !sd.apiServer && !sd.kubeconfigFile));

  if (!server) {
    skipped.push('service account, mount and RBAC checks: no Prometheus server found in the cluster (a workload running a prometheus image, or a monitoring.coreos.com Prometheus)');
  } else {
    const ns = server.namespace;
    const saName = server.serviceAccountName;
    const where = `${server.kind} ${ns}/${server.name}`;
    const serviceAccounts = input.objects.filter((o) => o.kind === 'ServiceAccount');
    const sa = serviceAccounts.find((o) => o.metadata.namespace === ns && o.metadata.name === saName);
    if (serviceAccounts.length === 0) {
      skipped.push('service account check: no ServiceAccounts were read');
    } else if (!sa) {
      findings.push({severity: 'error', check: 'serviceaccount', message: `${where} runs as service account ${ns}/${saName}, which does not exist: its pods cannot be created`,
        hint: `kubectl -n ${ns} create serviceaccount ${saName}`});
    }
    // Token and CA: mounted by default unless automountServiceAccountToken is false on the pod or the account.
    const automount = server.podSpec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
    for (const job of config.jobs) {
      for (const {path, field} of serviceAccountFiles(job)) {
        if (!path.startsWith(`${SERVICE_ACCOUNT_DIR}/`)) continue;
        if (automount === false && !mountsPath(server.podSpec, path)) {
          findings.push({severity: 'error', check: 'serviceaccount', job: job.name, file,
            message: `${field} reads ${path}, but ${where} does not mount the service account token (automountServiceAccountToken: false)`,
            hint: 'set automountServiceAccountToken: true, or mount a projected token volume at that path'});
        }
      }
      // In-cluster discovery itself reads the token and CA from there.
      if (automount === false && job.kubernetesSdConfigs.some((sd) => !sd.apiServer && !sd.kubeconfigFile) && !mountsPath(server.podSpec, `${SERVICE_ACCOUNT_DIR}/token`)) {
        findings.push({severity: 'error', check: 'serviceaccount', job: job.name, file,
          message: `kubernetes_sd_configs uses the in-cluster config, which reads ${SERVICE_ACCOUNT_DIR}/token and ca.crt, but ${where} does not mount them`,
          hint: 'set automountServiceAccountToken: true'});
      }
    }

    if (!input.rbac) {
      skipped.push('RBAC check: RBAC objects could not be read');
    } else if (jobsWithSd.length > 0) {
      const user = impersonatedUser(serviceAccountUsername(ns, saName));
      // One finding per resource and scope, naming every job that needs it.
      const denied = new Map<string, {need: Need; scope: string; verbs: Set<string>; jobs: Set<string>; reason: string}>();
      for (const job of jobsWithSd) {
        for (const sd of job.kubernetesSdConfigs) {
          if (sd.apiServer || sd.kubeconfigFile) continue;
          for (const need of discoveryNeeds(sd, ns)) {
            for (const scope of need.namespaces ?? ['']) {
              for (const verb of ['list', 'watch']) {
                const decision = authorize(input.rbac, user, {verb, namespace: scope, resourceRequest: true, apiGroup: need.apiGroup, resource: need.resource});
                if (decision.allowed) continue;
                const key = `${need.apiGroup}/${need.resource}@${scope}`;
                const entry = denied.get(key) ?? {need, scope, verbs: new Set<string>(), jobs: new Set<string>(), reason: decision.reason};
                entry.verbs.add(verb);
                entry.jobs.add(`${job.name} (${need.why})`);
                denied.set(key, entry);
              }
            }
          }
        }
      }
      const hint = bindingHint(input.rbac, ns, saName);
      for (const {need, scope, verbs, jobs, reason} of [...denied.values()].sort((a, b) => a.need.resource.localeCompare(b.need.resource) || a.scope.localeCompare(b.scope))) {
        const resource = need.apiGroup ? `${need.resource}.${need.apiGroup}` : need.resource;
        findings.push({
          severity: 'error', check: 'rbac',
          message: `service account ${ns}/${saName} cannot ${[...verbs].join('/')} ${resource} ${scope ? `in namespace ${scope}` : 'cluster-wide'}, needed by ${[...jobs].join(', ')}: discovery fails with 403 and finds no targets${reason ? ` (${reason})` : ''}`,
          hint,
        });
      }
    }
  }

  // Kubelet and cAdvisor scraped directly on the node's address: their serving certificates are
  // self-signed or lack the node IP in their SANs, and are not signed by the cluster CA.
  for (const job of config.jobs) {
    if (job.http.tls.insecureSkipVerify) continue;
    const active = (input.targets?.activeTargets ?? []).filter((t) => t.scrapePool === job.name && t.scrapeUrl.startsWith('https://') && t.discoveredLabels.__meta_kubernetes_node_name !== undefined);
    const kubelet = active.filter((t) => /^https:\/\/[^/]+:10250\//.test(t.scrapeUrl));
    if (kubelet.length === 0) continue;
    findings.push({
      severity: 'warning', check: 'tls', job: job.name, file,
      message: `job scrapes ${kubelet.length} kubelet${kubelet.length === 1 ? '' : 's'} directly over HTTPS (e.g. ${kubelet[0]!.scrapeUrl}) verifying ${job.http.tls.caFile ? `against ${job.http.tls.caFile}` : 'against the system roots'}: kubelet serving certificates are usually self-signed or lack the node IP among their SANs, so the scrape fails with "x509: certificate ..."`,
      hint: 'either set tls_config.insecure_skip_verify: true (and keep the bearer token), or scrape through the API server: relabel __address__ to kubernetes.default.svc:443 and __metrics_path__ to /api/v1/nodes/${1}/proxy/metrics (or .../metrics/cadvisor) from __meta_kubernetes_node_name',
    });
  }
  return {findings, skipped};
}

/** Bindings that look meant for this account but miss: wrong account name, or a missing role. */
function bindingHint(rbac: RbacSnapshot, namespace: string, name: string): string | undefined {
  const hints: string[] = [];
  const bindings = [...rbac.clusterRoleBindings, ...[...rbac.roleBindings.values()].flat()];
  for (const binding of bindings) {
    const accounts = binding.subjects.filter((s) => s.kind === 'ServiceAccount' && (s.namespace ?? binding.namespace) === namespace);
    if (accounts.length === 0) continue;
    const label = `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`;
    const missingRole = binding.roleRef.kind === 'ClusterRole' ? !rbac.clusterRoles.has(binding.roleRef.name) : !rbac.roles.has(`${binding.namespace}/${binding.roleRef.name}`);
    const others = accounts.filter((s) => s.name !== name);
    const parts: string[] = [];
    if (others.length === accounts.length) {
      const exists = others.map((s) => `${s.name}${rbac.serviceAccountsListed && !rbac.serviceAccounts.has(`${namespace}/${s.name}`) ? ' (which does not exist)' : ''}`);
      parts.push(`grants to service account ${exists.join(', ')}, not ${name}`);
    }
    if (missingRole) parts.push(`refers to ${binding.roleRef.kind} ${binding.roleRef.name}, which does not exist`);
    if (parts.length > 0) hints.push(`${label} ${parts.join(' and ')}`);
  }
  return hints.length > 0 ? hints.join('; ') : undefined;
}
