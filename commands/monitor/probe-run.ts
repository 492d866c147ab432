// Wiring for `monitor targets --probe`: the API server proxy fetcher (live) or the direct one, a
// progress bar on stderr, and the results folded into the active targets.
import {readFileSync} from 'node:fs';
import type {Source} from '../../src/cluster/types.ts';
import {UsageError} from '../../src/errors.ts';
import {createProgress} from '../../src/output/progress.ts';
import type {PrometheusConfig} from '../../src/prometheus/config/types.ts';
import {probeTargets, proxyPath, type Fetcher} from '../../src/prometheus/probe.ts';
import {directFetcher} from '../../src/prometheus/probe-direct.ts';
import type {TargetsResult} from '../../src/prometheus/targets.ts';

interface RawSource {
  request(method: string, path: string, body?: unknown, options?: {accept?: string; allowStatus?: 'any'; retry?: boolean; signal?: AbortSignal}): Promise<{status: number; statusText: string; headers: Record<string, string | string[] | undefined>; text(): string}>;
}

export async function probeActiveTargets(result: TargetsResult, config: PrometheusConfig, source: Source, options: {direct: boolean; concurrency: number}): Promise<void> {
  const raw = (source as Partial<RawSource>).request ? (source as unknown as RawSource) : undefined;
  if (!options.direct && (!source.live || !raw)) {
    throw new UsageError('--probe goes through the API server, which offline mode (-f) does not have', {hint: 'add --direct to connect to the targets themselves'});
  }
  const proxied: Fetcher = async (target, request) => {
    const path = proxyPath(target);
    if (!path) return directFetcher(target, request);
    const signal = AbortSignal.timeout(request.timeoutMs);
    try {
      const response = await raw!.request('GET', path, undefined, {accept: request.headers.Accept, allowStatus: 'any', retry: false, signal});
      return {status: response.status, statusText: response.statusText, contentType: String(response.headers['content-type'] ?? ''), body: response.text()};
    } catch (error) {
      if (signal.aborted) throw {code: 'TIMEOUT', message: 'timeout'};
      throw {message: (error as Error).message};
    }
  };
  const progress = createProgress({label: 'probing targets', total: result.activeTargets.length});
  const readFile = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  try {
    const probes = await probeTargets(result.activeTargets, config.jobs, options.direct ? directFetcher : proxied, {
      concurrency: options.concurrency, readFile, onDone: (done, total) => progress.update(done, {total}),
    }, (target) => (options.direct || !proxyPath(target) ? 'direct' : `apiserver ${proxyPath(target)}`));
    probes.forEach((probe, i) => {
      const target = result.activeTargets[i]!;
      target.health = probe.health;
      target.lastError = probe.lastError;
      target.lastScrapeDuration = probe.lastScrapeDuration;
      target.samples = probe.samples;
      target.probedVia = probe.via;
      if (probe.hint) target.hint = probe.hint;
    });
  } finally {
    progress.done();
  }
}
