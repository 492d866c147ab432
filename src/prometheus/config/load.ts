// Reads a whole Prometheus configuration (config/config.go): globals, and per scrape config the
// target defaults, relabel rules (through the relabel engine's compiler), kubernetes_sd_configs,
// static_configs and file_sd_configs. Bad input is an InputError naming file and line.
import {InputError} from '../../errors.ts';
import {KUBERNETES_ROLES, kubernetesSdConfig} from '../discovery/types.ts';
import type {KubernetesRole, KubernetesSdConfig, SelectorConfig, TargetGroup} from '../discovery/types.ts';
import type {Labels} from '../labels.ts';
import {goQuote} from '../labels.ts';
import {jobDefaultsFrom} from '../rule-sources.ts';
import {compileRuleList} from '../rules.ts';
import type {RelabelSemantics} from '../version.ts';
import type {GoYaml} from '../yaml-go.ts';
import {mapGet, readGoYamlDocuments} from '../yaml-go.ts';
import type {HttpSettings, PrometheusConfig, ScrapeJob} from './types.ts';

const OTHER_SD = ['azure_sd_configs', 'consul_sd_configs', 'digitalocean_sd_configs', 'docker_sd_configs', 'dockerswarm_sd_configs', 'dns_sd_configs',
  'ec2_sd_configs', 'eureka_sd_configs', 'gce_sd_configs', 'hetzner_sd_configs', 'http_sd_configs', 'ionos_sd_configs', 'kuma_sd_configs',
  'lightsail_sd_configs', 'linode_sd_configs', 'marathon_sd_configs', 'nerve_sd_configs', 'nomad_sd_configs', 'openstack_sd_configs',
  'ovhcloud_sd_configs', 'puppetdb_sd_configs', 'scaleway_sd_configs', 'serverset_sd_configs', 'triton_sd_configs', 'uyuni_sd_configs', 'vultr_sd_configs'];

function scalar(node: GoYaml | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.text : undefined;
}

function items(node: GoYaml | undefined): GoYaml[] {
  return node?.kind === 'seq' ? node.items : [];
}

function bool(node: GoYaml | undefined): boolean {
  return scalar(node) === 'true';
}

export function httpSettings(node: GoYaml | undefined): HttpSettings {
  const tls = mapGet(node, 'tls_config');
  const authorization = mapGet(node, 'authorization');
  const basicAuth = mapGet(node, 'basic_auth');
  return {
    tls: {
      caFile: scalar(mapGet(tls, 'ca_file')),
      certFile: scalar(mapGet(tls, 'cert_file')),
      keyFile: scalar(mapGet(tls, 'key_file')),
      serverName: scalar(mapGet(tls, 'server_name')),
      insecureSkipVerify: bool(mapGet(tls, 'insecure_skip_verify')),
      ca: scalar(mapGet(tls, 'ca')),
    },
    ...(scalar(mapGet(node, 'bearer_token_file')) ? {bearerTokenFile: scalar(mapGet(node, 'bearer_token_file'))} : {}),
    ...(scalar(mapGet(node, 'bearer_token')) ? {bearerToken: true} : {}),
    ...(authorization?.kind === 'map'
      ? {authorization: {type: scalar(mapGet(authorization, 'type')) ?? 'Bearer', credentialsFile: scalar(mapGet(authorization, 'credentials_file')), credentials: scalar(mapGet(authorization, 'credentials')) !== undefined}}
      : {}),
    ...(basicAuth?.kind === 'map'
      ? {basicAuth: {username: scalar(mapGet(basicAuth, 'username')) ?? '', passwordFile: scalar(mapGet(basicAuth, 'password_file')), password: scalar(mapGet(basicAuth, 'password')) !== undefined}}
      : {}),
  };
}

function kubernetesSd(node: GoYaml, file: string, field: string): KubernetesSdConfig & {line: number; http: HttpSettings} {
  const roleText = scalar(mapGet(node, 'role')) ?? '';
  const where = (n: GoYaml | undefined) => ({file, field, line: n?.line || node.line});
  if (roleText === '') throw new InputError('role missing (one of: pod, service, endpoints, endpointslice, node, ingress)', where(node));
  if (!(KUBERNETES_ROLES as readonly string[]).includes(roleText)) throw new InputError(`unknown Kubernetes SD role ${goQuote(roleText)}`, where(mapGet(node, 'role')));
  const role = roleText as KubernetesRole;
  const namespaces = mapGet(node, 'namespaces');
  const selectors: SelectorConfig[] = items(mapGet(node, 'selectors')).map((s) => {
    const selectorRole = scalar(mapGet(s, 'role')) ?? '';
    if (!(KUBERNETES_ROLES as readonly string[]).includes(selectorRole)) throw new InputError(`unknown Kubernetes SD role ${goQuote(selectorRole)}`, where(mapGet(s, 'role')));
    return {role: selectorRole as KubernetesRole, label: scalar(mapGet(s, 'label')), field: scalar(mapGet(s, 'field'))};
  });
  const attach = mapGet(node, 'attach_metadata');
  return {
    ...kubernetesSdConfig(role, {
      namespaces: {names: items(mapGet(namespaces, 'names')).map((n) => scalar(n) ?? ''), ownNamespace: bool(mapGet(namespaces, 'own_namespace'))},
      selectors,
      attachMetadata: {node: bool(mapGet(attach, 'node')), namespace: bool(mapGet(attach, 'namespace')), deployment: bool(mapGet(attach, 'deployment')), job: bool(mapGet(attach, 'job')), cronjob: bool(mapGet(attach, 'cronjob'))},
      ...(scalar(mapGet(node, 'api_server')) ? {apiServer: scalar(mapGet(node, 'api_server'))} : {}),
      ...(scalar(mapGet(node, 'kubeconfig_file')) ? {kubeconfigFile: scalar(mapGet(node, 'kubeconfig_file'))} : {}),
    }),
    line: node.line,
    http: httpSettings(node),
  };
}

function labelMap(node: GoYaml | undefined): Labels {
  const out: Labels = {};
  if (node?.kind === 'map') for (const [k, v] of node.entries) out[k] = scalar(v) ?? '';
  return out;
}

/** static_configs: one group per entry; upstream's source is the entry's index. */
function staticConfigs(node: GoYaml | undefined): TargetGroup[] {
  return items(node).map((entry, i) => ({
    source: String(i),
    labels: labelMap(mapGet(entry, 'labels')),
    targets: items(mapGet(entry, 'targets')).map((t) => ({__address__: scalar(t) ?? ''})),
  }));
}

export function loadPrometheusConfig(text: string, origin: string, semantics: RelabelSemantics): PrometheusConfig {
  const docs = readGoYamlDocuments(text, origin);
  if (docs.length > 1) throw new InputError(`expected one YAML document, found ${docs.length}`, {file: origin, document: 2});
  const root = docs[0] ?? {kind: 'null', line: 0};
  if (root.kind !== 'map' && root.kind !== 'null') throw new InputError('a Prometheus configuration must be a YAML mapping', {file: origin, line: root.line});
  const global = mapGet(root, 'global');
  const seen = new Map<string, number>();
  const jobs: ScrapeJob[] = items(mapGet(root, 'scrape_configs')).map((jobNode, index) => {
    const field = `scrape_configs[${index}]`;
    const name = scalar(mapGet(jobNode, 'job_name')) ?? '';
    if (name === '') throw new InputError('job_name is empty', {file: origin, field, line: jobNode.line});
    if (seen.has(name)) throw new InputError(`found multiple scrape configs with job name ${goQuote(name)}`, {file: origin, field, line: mapGet(jobNode, 'job_name')?.line});
    seen.set(name, index);
    const defaults = jobDefaultsFrom(jobNode, global, origin, field);
    const rules = compileRuleList(mapGet(jobNode, 'relabel_configs'), semantics, {file: origin, listField: `${field}.relabel_configs`});
    const kubernetesSdConfigs = items(mapGet(jobNode, 'kubernetes_sd_configs')).map((sd, i) => kubernetesSd(sd, origin, `${field}.kubernetes_sd_configs[${i}]`));
    const fileSdFiles = items(mapGet(jobNode, 'file_sd_configs')).flatMap((sd) => items(mapGet(sd, 'files')).map((f) => scalar(f) ?? ''));
    return {
      index,
      name,
      line: jobNode.line,
      defaults,
      rules,
      kubernetesSdConfigs,
      staticConfigs: staticConfigs(mapGet(jobNode, 'static_configs')),
      fileSdFiles,
      otherSd: OTHER_SD.filter((key) => mapGet(jobNode, key) !== undefined),
      http: httpSettings(jobNode),
    };
  });
  return {origin, text, jobs};
}
