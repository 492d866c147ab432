// Reads a running Prometheus's /api/v1/targets?state=any: directly from a URL, or through the API
// server's service proxy for `svc/NAME[:PORT]` and `NS/svc/NAME[:PORT]` (default port 9090).
import type {Source} from '../../src/cluster/types.ts';
import {ClusterError, UsageError} from '../../src/errors.ts';
import type {ApiTargets} from '../../src/prometheus/compare.ts';

export async function fetchPrometheusTargets(ref: string, source: Source, namespace: string): Promise<{api: ApiTargets; where: string}> {
  let body: string;
  let where: string;
  if (/^https?:\/\//.test(ref)) {
    const url = `${ref.replace(/\/$/, '')}/api/v1/targets?state=any`;
    where = ref;
    let response: Response;
    try {
      response = await fetch(url, {signal: AbortSignal.timeout(30000)});
    } catch (error) {
      throw new ClusterError(`cannot reach Prometheus at ${ref}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new ClusterError(`Prometheus at ${ref} answered ${response.status} ${response.statusText} for /api/v1/targets`);
    body = await response.text();
  } else {
    const m = /^(?:([^/]+)\/)?(?:svc|service|services)\/([^/:]+)(?::([\w-]+))?$/.exec(ref);
    if (!m) throw new UsageError(`cannot read --prometheus ${JSON.stringify(ref)}: expected http(s)://HOST:PORT, svc/NAME[:PORT] or NS/svc/NAME[:PORT]`);
    const raw = source as unknown as {request?: (method: string, path: string, body?: unknown, options?: object) => Promise<{text(): string}>};
    if (!source.live || !raw.request) throw new UsageError('--prometheus svc/NAME goes through the API server, which offline mode (-f) does not have', {hint: 'give the Prometheus URL instead'});
    const ns = m[1] ?? namespace;
    const path = `/api/v1/namespaces/${ns}/services/${m[2]}:${m[3] ?? '9090'}/proxy/api/v1/targets`;
    where = `${ns}/svc/${m[2]} (through the API server)`;
    body = (await raw.request('GET', path, undefined, {query: {state: 'any'}})).text();
  }
  try {
    const parsed = JSON.parse(body) as {status?: string; data?: ApiTargets};
    if (!parsed.data) throw new Error('no data');
    return {api: parsed.data, where};
  } catch {
    throw new ClusterError(`${where} did not answer /api/v1/targets with Prometheus's JSON`);
  }
}
