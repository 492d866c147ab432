// `monitor targets --probe`: scrapes every active target once, as its job would (scheme, TLS, bearer
// token or basic auth, timeout, params), through a fetcher the caller gives (the API server's proxy or
// a direct connection), with bounded concurrency. Reports health, duration, samples and a lastError
// worded as Prometheus words it, plus the usual fixes.
import type {ScrapeJob} from './config/types.ts';
import type {ActiveTarget} from './targets.ts';

export interface ProbeRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  tls: {caFile?: string; certFile?: string; keyFile?: string; serverName?: string; insecureSkipVerify: boolean};
  /** Files the job reads for credentials that could not be read here. */
  unreadable: string[];
}

export interface ProbeResponse {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/** A failed request: `code` is Node's error code (ECONNREFUSED, ERR_TLS_CERT_ALTNAME_INVALID, ...). */
export interface ProbeFailure {
  code?: string;
  message: string;
  /** For certificate errors: the names and IPs the certificate is valid for. */
  validFor?: string[];
}

export type Fetcher = (target: ActiveTarget, request: ProbeRequest) => Promise<ProbeResponse>;

export interface ProbeResult {
  scrapePool: string;
  scrapeUrl: string;
  health: 'up' | 'down';
  lastError: string;
  lastScrapeDuration: number;
  samples: number;
  hint?: string;
  /** How it was reached: `direct` or the API server path. */
  via: string;
}

export interface ProbeOptions {
  concurrency: number;
  onDone?: (done: number, total: number) => void;
  /** Reads a credential file; undefined when it cannot be read here. */
  readFile: (path: string) => string | undefined;
  now?: () => number;
}

const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2';

/** The request a job's scrape of this target makes (scrape/scrape.go targetScraper, common/config). */
export function probeRequest(target: ActiveTarget, job: ScrapeJob | undefined, readFile: ProbeOptions['readFile']): ProbeRequest {
  const headers: Record<string, string> = {Accept: ACCEPT, 'User-Agent': 'Prometheus/kubesleuth-probe'};
  const timeout = target.discoveredLabels.__scrape_timeout__ ?? job?.defaults.scrapeTimeout ?? '10s';
  const timeoutMs = parseSimpleDuration(timeout);
  headers['X-Prometheus-Scrape-Timeout-Seconds'] = String(timeoutMs / 1000);
  const unreadable: string[] = [];
  const http = job?.http;
  if (http?.bearerTokenFile) {
    const token = readFile(http.bearerTokenFile);
    if (token === undefined) unreadable.push(http.bearerTokenFile);
    else headers.Authorization = `Bearer ${token.trim()}`;
  } else if (http?.authorization?.credentialsFile) {
    const token = readFile(http.authorization.credentialsFile);
    if (token === undefined) unreadable.push(http.authorization.credentialsFile);
    else headers.Authorization = `${http.authorization.type} ${token.trim()}`;
  } else if (http?.basicAuth?.passwordFile) {
    const password = readFile(http.basicAuth.passwordFile);
    if (password === undefined) unreadable.push(http.basicAuth.passwordFile);
    else headers.Authorization = `Basic ${Buffer.from(`${http.basicAuth.username}:${password.trim()}`).toString('base64')}`;
  }
  const tls = {...(http?.tls ?? {insecureSkipVerify: false})};
  for (const file of [tls.caFile, tls.certFile, tls.keyFile]) if (file && readFile(file) === undefined) unreadable.push(file);
  return {url: target.scrapeUrl, headers, timeoutMs, tls, unreadable};
}

function parseSimpleDuration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    ms += Number(n) * ({ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000}[unit!] ?? 0);
  }
  return ms || 10_000;
}

/** Counts samples of a text exposition (Prometheus or OpenMetrics); null when the body is not one. */
export function countSamples(body: string): number | null {
  let samples = 0;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s+\S+(\s+\S+)?$/.test(line) && !/^\{.*\}\s+\S+/.test(line)) return null;
    samples++;
  }
  return samples;
}

/** What went wrong, worded as Prometheus's lastError, with the usual fixes. */
export function describeFailure(failure: ProbeFailure, request: ProbeRequest, timeoutMs: number): {error: string; hint?: string} {
  const host = (() => {
    try {
      return new URL(request.url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return '';
    }
  })();
  switch (failure.code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        error: `Get "${request.url}": x509: certificate is valid for ${(failure.validFor ?? []).join(', ') || 'other names'}, not ${host}`,
        hint: 'the certificate lacks this IP among its SANs (kubelets\' self-signed certificates often do): set tls_config.insecure_skip_verify: true, or scrape through the API server proxy (relabel __address__ to kubernetes.default.svc:443 and __metrics_path__ to /api/v1/nodes/$NODE/proxy/metrics)',
      };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return {
        error: `Get "${request.url}": x509: certificate signed by unknown authority`,
        hint: `give the CA that signed it as tls_config.ca_file${request.tls.caFile ? ` (${request.tls.caFile} did not)` : ''}, or set insecure_skip_verify: true`,
      };
    case 'CERT_HAS_EXPIRED':
      return {error: `Get "${request.url}": x509: certificate has expired or is not yet valid`};
    case 'ECONNREFUSED':
      return {error: `Get "${request.url}": dial tcp ${hostPort(request.url)}: connect: connection refused`, hint: 'nothing listens on that port: check the port (prometheus.io/port annotation, container port) and that the exporter runs'};
    case 'ETIMEDOUT':
    case 'ABORT_ERR':
    case 'TIMEOUT':
      return {error: `Get "${request.url}": context deadline exceeded`, hint: `no answer within the scrape timeout (${timeoutMs / 1000}s)`};
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {error: `Get "${request.url}": dial tcp: lookup ${host}: no such host`, hint: 'cluster DNS names resolve only inside the cluster: probe through the API server (leave out --direct)'};
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return {error: `Get "${request.url}": dial tcp ${hostPort(request.url)}: connect: no route to host`, hint: 'pod and node IPs are seldom reachable from outside the cluster: probe through the API server (leave out --direct)'};
    default:
      return {error: `Get "${request.url}": ${failure.message}`};
  }
}

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}

export async function probeTargets(targets: ActiveTarget[], jobs: ScrapeJob[], fetcher: Fetcher, options: ProbeOptions, via: (t: ActiveTarget) => string = () => 'direct'): Promise<ProbeResult[]> {
  const now = options.now ?? (() => performance.now());
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      const job = jobs.find((j) => j.name === target.scrapePool);
      const request = probeRequest(target, job, options.readFile);
      const start = now();
      let result: ProbeResult;
      try {
        const response = await fetcher(target, request);
        const duration = (now() - start) / 1000;
        const base = {scrapePool: target.scrapePool, scrapeUrl: target.scrapeUrl, lastScrapeDuration: duration, via: via(target)};
        if (response.status < 200 || response.status >= 300) {
          const auth = response.status === 401 || response.status === 403;
          const hint = auth
            ? request.unreadable.length > 0
              ? `the job's credentials (${request.unreadable.join(', ')}) live in the Prometheus pod and could not be read here`
              : 'the credentials were refused: check bearer_token_file/authorization, and that the account may get this path (e.g. nodes/metrics for kubelets)'
            : undefined;
          result = {...base, health: 'down', lastError: `server returned HTTP status ${response.status} ${response.statusText}`.trim(), samples: 0, ...(hint ? {hint} : {})};
        } else {
          const samples = countSamples(response.body);
          result = samples === null
            ? {...base, health: 'down', lastError: `received unsupported Content-Type ${JSON.stringify(response.contentType)} or a body that is not Prometheus exposition format`, samples: 0,
              hint: 'the path does not serve metrics: check metrics_path (prometheus.io/path) and the port'}
            : {...base, health: 'up', lastError: '', samples};
        }
      } catch (error) {
        const failure = error as ProbeFailure;
        const {error: lastError, hint} = describeFailure(failure, request, request.timeoutMs);
        result = {scrapePool: target.scrapePool, scrapeUrl: target.scrapeUrl, health: 'down', lastError, lastScrapeDuration: (now() - start) / 1000, samples: 0, via: via(target), ...(hint ? {hint} : {})};
      }
      results[index] = result;
      done++;
      options.onDone?.(done, targets.length);
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(options.concurrency, targets.length))}, worker));
  return results;
}

/** The API server proxy path for a target from a pod, service or node, or undefined (direct only). */
export function proxyPath(target: ActiveTarget): string | undefined {
  let url: URL;
  try {
    url = new URL(target.scrapeUrl);
  } catch {
    return undefined;
  }
  const scheme = url.protocol === 'https:' ? 'https:' : '';
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const rest = `${url.pathname}${url.search}`;
  const d = target.discoveredLabels;
  const ns = d.__meta_kubernetes_namespace;
  const podIp = d.__meta_kubernetes_pod_ip;
  if (d.__meta_kubernetes_pod_name && ns && (podIp === undefined || podIp === url.hostname)) {
    return `/api/v1/namespaces/${ns}/pods/${scheme}${d.__meta_kubernetes_pod_name}:${port}/proxy${rest}`;
  }
  if (target.source.startsWith('node/') && d.__meta_kubernetes_node_name) {
    return `/api/v1/nodes/${scheme}${d.__meta_kubernetes_node_name}:${port}/proxy${rest}`;
  }
  if (target.source.startsWith('svc/') && d.__meta_kubernetes_service_name && ns) {
    return `/api/v1/namespaces/${ns}/services/${scheme}${d.__meta_kubernetes_service_name}:${port}/proxy${rest}`;
  }
  return undefined;
}
