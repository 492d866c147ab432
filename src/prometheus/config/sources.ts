// Where a Prometheus configuration lives in a cluster: a ConfigMap key, a Secret key (the Prometheus
// Operator's `prometheus-NAME` Secret holds `prometheus.yaml.gz`, gzip-compressed), or whatever the
// Prometheus server's pods mount at their --config.file. Pure functions over objects.
import {gunzipSync} from 'node:zlib';
import type {KubeObject} from '../../cluster/types.ts';
import {InputError} from '../../errors.ts';

export interface ConfigLocation {
  kind: 'ConfigMap' | 'Secret';
  namespace: string;
  name: string;
  key: string;
}

/** NS/NAME[:KEY] as the flags take it. */
export function parseConfigRef(text: string, kind: 'ConfigMap' | 'Secret', defaultNamespace: string): {namespace: string; name: string; key?: string} {
  const colon = text.indexOf(':');
  const ref = colon < 0 ? text : text.slice(0, colon);
  const key = colon < 0 ? undefined : text.slice(colon + 1);
  const slash = ref.indexOf('/');
  const namespace = slash < 0 ? defaultNamespace : ref.slice(0, slash);
  const name = slash < 0 ? ref : ref.slice(slash + 1);
  if (!name) throw new InputError(`invalid ${kind} reference ${JSON.stringify(text)}: expected NS/NAME[:KEY]`);
  return {namespace, name, ...(key ? {key} : {})};
}

const CONFIG_KEYS = ['prometheus.yaml.gz', 'prometheus.yml', 'prometheus.yaml', 'prometheus.env.yaml'];

function decodeValue(bytes: Buffer, key: string, where: string): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch (error) {
      throw new InputError(`cannot gunzip ${where} key ${key}: ${(error as Error).message}`);
    }
  }
  return bytes.toString('utf8');
}

/** The configuration text of a ConfigMap or Secret key; without a key, the one Prometheus setups use. */
export function configText(object: KubeObject, key?: string): {key: string; text: string} {
  const kind = object.kind;
  const where = `${kind.toLowerCase()}/${object.metadata.namespace}/${object.metadata.name}`;
  const values = new Map<string, Buffer>();
  if (kind === 'Secret') {
    for (const [k, v] of Object.entries((object.data ?? {}) as Record<string, string>)) values.set(k, Buffer.from(String(v), 'base64'));
    for (const [k, v] of Object.entries((object.stringData ?? {}) as Record<string, string>)) values.set(k, Buffer.from(String(v), 'utf8'));
  } else {
    for (const [k, v] of Object.entries((object.data ?? {}) as Record<string, string>)) values.set(k, Buffer.from(String(v), 'utf8'));
    for (const [k, v] of Object.entries((object.binaryData ?? {}) as Record<string, string>)) values.set(k, Buffer.from(String(v), 'base64'));
  }
  const chosen = key ?? CONFIG_KEYS.find((k) => values.has(k)) ?? (values.size === 1 ? [...values.keys()][0] : undefined);
  if (chosen === undefined || !values.has(chosen)) {
    throw new InputError(`${where} has no key ${key ? JSON.stringify(key) : 'with a Prometheus configuration'}`, {}, {hint: `keys: ${[...values.keys()].join(', ') || '(none)'}; name one with NS/NAME:KEY`});
  }
  return {key: chosen, text: decodeValue(values.get(chosen)!, chosen, where)};
}

export interface PrometheusServer {
  /** The workload (or pod) that runs Prometheus. */
  kind: string;
  namespace: string;
  name: string;
  serviceAccountName: string;
  /** The image tag, e.g. v2.42.0, when it says a version. */
  imageTag?: string;
  config?: ConfigLocation;
  /** The pod spec, for mount checks. */
  podSpec: Record<string, any>;
}

function podSpecOf(object: KubeObject): Record<string, any> | undefined {
  if (object.kind === 'Pod') return object.spec;
  if (object.kind === 'CronJob') return object.spec?.jobTemplate?.spec?.template?.spec;
  return object.spec?.template?.spec;
}

function configFileArg(container: Record<string, any>): string | undefined {
  const args: string[] = [...((container.command as string[]) ?? []), ...((container.args as string[]) ?? [])];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--?config\.file(?:=(.*))?$/.exec(a);
    if (m) return m[1] ?? args[i + 1];
  }
  return undefined;
}

/**
 * Prometheus servers in the objects: workloads whose container runs a Prometheus image, with the
 * ConfigMap or Secret mounted where --config.file points (default /etc/prometheus/prometheus.yml).
 * The Prometheus Operator's `Prometheus` resources map to their generated Secret.
 */
export function findPrometheusServers(objects: readonly KubeObject[]): PrometheusServer[] {
  const servers: PrometheusServer[] = [];
  const ownedPods = new Set<string>();
  for (const object of objects) {
    if (object.kind === 'Prometheus' && String(object.apiVersion).startsWith('monitoring.coreos.com/')) {
      const ns = object.metadata.namespace ?? 'default';
      servers.push({
        kind: 'Prometheus', namespace: ns, name: object.metadata.name,
        serviceAccountName: object.spec?.serviceAccountName ?? 'default',
        ...(object.spec?.version ? {imageTag: String(object.spec.version)} : {}),
        config: {kind: 'Secret', namespace: ns, name: `prometheus-${object.metadata.name}`, key: 'prometheus.yaml.gz'},
        podSpec: {serviceAccountName: object.spec?.serviceAccountName ?? 'default', automountServiceAccountToken: object.spec?.automountServiceAccountToken},
      });
      continue;
    }
    if (!['Deployment', 'StatefulSet', 'DaemonSet', 'Pod'].includes(object.kind)) continue;
    if (object.kind === 'Pod' && (object.metadata.ownerReferences ?? []).some((r) => r.controller)) {
      ownedPods.add(`${object.metadata.namespace}/${object.metadata.name}`);
    }
    const spec = podSpecOf(object);
    if (!spec) continue;
    for (const container of (spec.containers as Array<Record<string, any>>) ?? []) {
      const image = String(container.image ?? '');
      const imageName = image.split('@')[0]!.replace(/:[^/]*$/, '');
      if (!/(^|\/)prometheus$/.test(imageName)) continue;
      const tagMatch = /:([^/@]+)(?:@|$)/.exec(image);
      const configPath = configFileArg(container) ?? '/etc/prometheus/prometheus.yml';
      let config: ConfigLocation | undefined;
      for (const mount of (container.volumeMounts as Array<Record<string, any>>) ?? []) {
        const dir = String(mount.mountPath ?? '').replace(/\/$/, '');
        const filePath = mount.subPath ? dir : `${dir}/`;
        if (!(mount.subPath ? configPath === dir : configPath.startsWith(filePath))) continue;
        const key = mount.subPath ? String(mount.subPath) : configPath.slice(filePath.length);
        const volume = ((spec.volumes as Array<Record<string, any>>) ?? []).find((v) => v.name === mount.name);
        if (volume?.configMap) config = {kind: 'ConfigMap', namespace: object.metadata.namespace ?? 'default', name: String(volume.configMap.name), key};
        else if (volume?.secret) config = {kind: 'Secret', namespace: object.metadata.namespace ?? 'default', name: String(volume.secret.secretName), key};
      }
      servers.push({
        kind: object.kind,
        namespace: object.metadata.namespace ?? 'default',
        name: object.metadata.name,
        serviceAccountName: String(spec.serviceAccountName ?? spec.serviceAccount ?? 'default'),
        ...(tagMatch ? {imageTag: tagMatch[1]} : {}),
        ...(config ? {config} : {}),
        podSpec: spec,
      });
      break;
    }
  }
  // A pod that a listed workload controls is the same server; keep the workload.
  return servers.filter((s) => !(s.kind === 'Pod' && ownedPods.has(`${s.namespace}/${s.name}`) && servers.some((o) => o.kind !== 'Pod' && o.namespace === s.namespace)));
}
