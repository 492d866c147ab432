// A SafeTLSConfig (CA, cert and key from Secrets or ConfigMaps) as the Prometheus Operator writes it into
// the configuration: files under /etc/prometheus/certs named `<0 Secret|1 ConfigMap>_NS_NAME_KEY`
// (prometheus-operator v0.93 pkg/prometheus/promcfg.go addSafeTLStoYaml, pkg/assets/tls.go). The
// files live in the Prometheus pod, so a probe from here cannot read them; the names still tell which
// Secret to look at.
const TLS_ASSETS_DIR = '/etc/prometheus/certs';

type KeyRef = {name?: string; key?: string};

function assetFile(namespace: string, ref: {secret?: KeyRef; configMap?: KeyRef} | undefined): string | undefined {
  if (ref?.secret) return `${TLS_ASSETS_DIR}/0_${namespace}_${ref.secret.name ?? ''}_${ref.secret.key ?? ''}`;
  if (ref?.configMap) return `${TLS_ASSETS_DIR}/1_${namespace}_${ref.configMap.name ?? ''}_${ref.configMap.key ?? ''}`;
  return undefined;
}

export function safeTlsConfig(tls: Record<string, any> | undefined, namespace: string): Record<string, unknown> | undefined {
  if (!tls) return undefined;
  const out: Record<string, unknown> = {};
  if (tls.insecureSkipVerify !== undefined && tls.insecureSkipVerify !== null) out.insecure_skip_verify = Boolean(tls.insecureSkipVerify);
  const ca = assetFile(namespace, tls.ca);
  if (ca) out.ca_file = ca;
  const cert = assetFile(namespace, tls.cert);
  if (cert) out.cert_file = cert;
  const key = tls.keySecret ? assetFile(namespace, {secret: tls.keySecret}) : undefined;
  if (key) out.key_file = key;
  if (tls.serverName) out.server_name = tls.serverName;
  if (tls.minVersion) out.min_version = tls.minVersion;
  if (tls.maxVersion) out.max_version = tls.maxVersion;
  return out;
}
