// HTTP to the API server with Node's own http/https: credentials from client-node's KubeConfig
// (applyToHTTPSOptions: bearer tokens, client certificates, exec plugins, CA), keep-alive
// connections, a bounded number of requests in flight, a per-request timeout, retries with
// exponential backoff for what is worth retrying, and kubectl's `-v 6` request log.

import {Agent as HttpAgent, request as httpRequest} from 'node:http';
import type {IncomingHttpHeaders, OutgoingHttpHeaders} from 'node:http';
import {Agent as HttpsAgent, request as httpsRequest} from 'node:https';
import type {RequestOptions as HttpsRequestOptions} from 'node:https';
import {promisify} from 'node:util';
import {gunzip} from 'node:zlib';
import type {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import {ClusterError} from '../errors.ts';
import {describeNetworkError, errorCode, isTransientNetworkError, timeoutError, unreachableError} from './live-errors.ts';
import {ConcurrencyLimiter} from './live-limiter.ts';
import {proxyEnvironment} from './live-proxy.ts';

const gunzipAsync = promisify(gunzip);

/** Knobs with kubectl-like defaults; tests turn the waits down. */
export interface TransportTuning {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** The first backoff; each later one doubles. */
  retryBaseMilliseconds?: number;
  /** Longest wait a Retry-After header may ask for. */
  maxRetryAfterMilliseconds?: number;
  /** Longest wait for a new connection, TLS handshake included (Go's dialer, which kubectl uses, waits 30 s). */
  connectTimeoutMilliseconds?: number;
}

const defaultTuning: Required<TransportTuning> = {
  concurrency: 16,
  maxAttempts: 4,
  retryBaseMilliseconds: 250,
  maxRetryAfterMilliseconds: 30_000,
  connectTimeoutMilliseconds: 30_000,
};

export interface TransportSettings {
  kubeConfig: KubeConfig;
  /** The server URL from the kubeconfig or --server; may carry a path prefix (Rancher, proxies). */
  server: string;
  /** Milliseconds per request (connect to last byte); 0 or undefined: no limit. */
  requestTimeout?: number;
  impersonateUser?: string;
  impersonateGroups?: string[];
  verbosity?: number;
  log?: (line: string) => void;
  /** Appended to "cannot reach" errors: which context/kubeconfig was used. */
  contextHint: string;
  tuning?: TransportTuning;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY come from; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export interface WireRequest {
  method: string;
  /** Path and query below the server URL, e.g. "/api/v1/pods?limit=500". */
  path: string;
  body?: Buffer;
  accept?: string;
  contentType?: string;
  /** What is being done, for messages: `list pods in namespace "x"`. */
  action: string;
  /**
   * Retry 429, 5xx and broken connections. Defaults to true for GET, HEAD, PUT and DELETE; POST
   * and PATCH are retried only on 429, which the server answers before doing anything.
   */
  retry?: boolean;
  signal?: AbortSignal;
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Credentials {
  headers: OutgoingHttpHeaders;
  basicAuth?: string;
  agent: HttpAgent;
}

const retriedStatuses = new Set([429, 500, 502, 503, 504]);
const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export class Transport {
  readonly server: string;
  private readonly settings: TransportSettings;
  private readonly tuning: Required<TransportTuning>;
  private readonly limiter: ConcurrencyLimiter;
  private readonly agents = new Map<string, HttpAgent>();
  private pendingCredentials?: Promise<Credentials>;

  constructor(settings: TransportSettings) {
    this.settings = settings;
    this.server = settings.server.replace(/\/+$/, '');
    this.tuning = {...defaultTuning, ...settings.tuning};
    this.limiter = new ConcurrencyLimiter(this.tuning.concurrency);
  }

  /**
   * Sends a request and returns the server's answer, whatever its status (after retries).
   * Throws ClusterError when no answer came: unreachable, TLS failure, timeout.
   */
  async send(request: WireRequest): Promise<WireResponse> {
    const retry = request.retry ?? idempotentMethods.has(request.method);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.tuning.maxAttempts;
      let response: WireResponse;
      try {
        response = await this.limiter.run(() => this.attempt(request));
      } catch (error) {
        if (error instanceof ClusterError || request.signal?.aborted) throw error;
        // a kept-alive connection the server had closed fails before the request reached it:
        // safe to send again whatever the method (Node's documented pattern, req.reusedSocket)
        const stale = (error as {reusedSocket?: boolean}).reusedSocket === true && errorCode(error) === 'ECONNRESET';
        if ((retry || stale) && !last && isTransientNetworkError(error)) {
          await this.pause(this.backoff(attempt), describeNetworkError(error));
          continue;
        }
        throw unreachableError(this.server, error, this.settings.contextHint);
      }
      const mayRetry = retry || response.status === 429;
      if (mayRetry && !last && retriedStatuses.has(response.status)) {
        const wait = this.retryAfter(response) ?? this.backoff(attempt);
        await this.pause(wait, `${response.status} ${response.statusText}`);
        continue;
      }
      return response;
    }
  }

  /**
   * What a connection that leaves plain HTTP (a WebSocket for exec) needs to talk to the server
   * as every other request does: credentials, impersonation and TLS settings.
   */
  async upgradeSettings(): Promise<{headers: OutgoingHttpHeaders; tls: HttpsRequestOptions; basicAuth?: string}> {
    // the same credential lookup as requests (errors and all); TLS settings as client-node gives them
    const credentials = await this.credentials();
    const options: HttpsRequestOptions = {headers: {}};
    await this.settings.kubeConfig.applyToHTTPSOptions(options);
    const headers: OutgoingHttpHeaders = {...credentials.headers, 'User-Agent': 'kubesleuth'};
    if (this.settings.impersonateUser) headers['Impersonate-User'] = this.settings.impersonateUser;
    if (this.settings.impersonateGroups?.length) headers['Impersonate-Group'] = this.settings.impersonateGroups;
    const tls = Object.fromEntries(Object.entries({ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername})
      .filter(([, value]) => value !== undefined)) as HttpsRequestOptions;
    return {headers, tls, ...(credentials.basicAuth ? {basicAuth: credentials.basicAuth} : {})};
  }

  /** A line for kubectl's `-v 6` request log, from requests made outside send() (exec). */
  logRequest(line: string): void {
    this.logLine(line);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private async attempt(request: WireRequest): Promise<WireResponse> {
    const credentials = await this.credentials();
    const url = new URL(this.server + request.path);
    const headers: OutgoingHttpHeaders = {
      ...credentials.headers,
      Accept: request.accept ?? 'application/json',
      'Accept-Encoding': 'gzip',
      'User-Agent': 'kubesleuth',
    };
    if (request.body !== undefined) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = String(request.body.length);
    }
    if (this.settings.impersonateUser) headers['Impersonate-User'] = this.settings.impersonateUser;
    if (this.settings.impersonateGroups?.length) headers['Impersonate-Group'] = this.settings.impersonateGroups;

    const timeout = this.settings.requestTimeout ?? 0;
    const timer = new AbortController();
    const handle = timeout > 0 ? setTimeout(() => timer.abort(), timeout) : undefined;
    const signal = request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal;
    const started = performance.now();
    this.logHeaders(request.method, url, headers);
    try {
      const options = {method: request.method, headers, agent: credentials.agent, auth: credentials.basicAuth, signal};
      const response = await exchange(url, options, request.body, this.tuning.connectTimeoutMilliseconds);
      this.logLine(`${request.method} ${url.href} ${response.status} ${response.statusText} in ${elapsed(started)} milliseconds`);
      return response;
    } catch (error) {
      this.logLine(`${request.method} ${url.href} failed in ${elapsed(started)} milliseconds: ${describeNetworkError(error)}`);
      if (timer.signal.aborted) throw timeoutError(request.action, this.server, timeout);
      throw error;
    } finally {
      clearTimeout(handle);
    }
  }

  // Concurrent requests share one credential lookup, so an exec plugin runs once, not 16 times;
  // later requests ask again, and client-node hands back its cached credential until it expires.
  private credentials(): Promise<Credentials> {
    this.pendingCredentials ??= this.loadCredentials().finally(() => {
      this.pendingCredentials = undefined;
    });
    return this.pendingCredentials;
  }

  private async loadCredentials(): Promise<Credentials> {
    const options: HttpsRequestOptions = {headers: {}};
    try {
      await this.settings.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      const user = this.settings.kubeConfig.getCurrentUser()?.name;
      throw new ClusterError(`cannot get credentials for kubeconfig user "${user}": ${(error as Error).message.trim()}`, {
        server: this.server,
        hint: 'check the user\'s exec plugin, token file or client certificate (`kubectl config view`)',
        cause: error,
      });
    }
    const proxied = Boolean(this.settings.kubeConfig.getCurrentCluster()?.proxyUrl);
    return {
      headers: {...(options.headers as OutgoingHttpHeaders)},
      basicAuth: options.auth ?? undefined,
      // client-node's own agent knows proxies; without one, a keep-alive agent of ours reuses
      // connections across the many pages and kinds of one run
      agent: proxied ? (options.agent as HttpAgent) : this.agentFor(options),
    };
  }

  private agentFor(options: HttpsRequestOptions): HttpAgent {
    const tls = {ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized, servername: options.servername};
    const key = JSON.stringify([String(tls.ca ?? ''), String(tls.cert ?? ''), String(tls.key ?? ''), tls.rejectUnauthorized, tls.servername]);
    let agent = this.agents.get(key);
    if (!agent) {
      const proxyEnv = proxyEnvironment(this.settings.env ?? process.env);
      const common = {keepAlive: true, maxSockets: this.tuning.concurrency, ...(proxyEnv ? {proxyEnv} : {})};
      if (this.server.startsWith('http:')) {
        agent = new HttpAgent(common);
      } else {
        const defined = Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
        agent = new HttpsAgent({...common, ...defined});
      }
      this.agents.set(key, agent);
    }
    return agent;
  }

  private backoff(attempt: number): number {
    const base = this.tuning.retryBaseMilliseconds * 2 ** (attempt - 1);
    return Math.round(base * (1 + Math.random() * 0.2));
  }

  /** Retry-After in seconds or as an HTTP date, capped. */
  private retryAfter(response: WireResponse): number | undefined {
    const header = response.headers['retry-after'];
    if (typeof header !== 'string' || header.trim() === '') return undefined;
    const seconds = Number(header);
    const milliseconds = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (!Number.isFinite(milliseconds)) return undefined;
    return Math.min(Math.max(0, milliseconds), this.tuning.maxRetryAfterMilliseconds);
  }

  private async pause(milliseconds: number, reason: string): Promise<void> {
    this.logLine(`retrying in ${milliseconds} milliseconds after: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, milliseconds));
  }

  private logLine(line: string): void {
    if ((this.settings.verbosity ?? 0) >= 6) this.settings.log?.(line);
  }

  // -v 7 shows the request headers, as kubectl does, with the credentials masked
  private logHeaders(method: string, url: URL, headers: OutgoingHttpHeaders): void {
    if ((this.settings.verbosity ?? 0) < 7 || !this.settings.log) return;
    this.settings.log(`${method} ${url.href}`);
    this.settings.log('Request Headers:');
    for (const [name, value] of Object.entries(headers)) {
      const shown = name.toLowerCase() === 'authorization' ? `${String(value).split(' ', 1)[0]} <masked>` : String(value);
      this.settings.log(`    ${name}: ${shown}`);
    }
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** One HTTP exchange, the whole body read (and un-gzipped) before it resolves. */
function exchange(url: URL, options: HttpsRequestOptions, body: Buffer | undefined, connectTimeout: number): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol !== 'http:';
    const send = secure ? httpsRequest : httpRequest;
    const request = send(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const status = response.statusCode ?? 0;
        const statusText = response.statusMessage ?? '';
        const decoded = response.headers['content-encoding'] === 'gzip' ? gunzipAsync(raw) : Promise.resolve(raw);
        decoded.then((data) => resolve({status, statusText, headers: response.headers, body: data}), reject);
      });
    });
    request.on('error', (error: Error & {reusedSocket?: boolean}) => {
      error.reusedSocket = request.reusedSocket;
      reject(error);
    });
    // a new connection must be ready in time; without this an unroutable address waits for the
    // operating system's own timeout, minutes. Kept-alive connections are ready already.
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const ready = secure ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        const stage = socket.connecting ? 'ETIMEDOUT' : 'ERR_TLS_HANDSHAKE_TIMEOUT';
        request.destroy(Object.assign(new Error(stage === 'ETIMEDOUT' ? 'connect timed out' : 'TLS handshake timed out'), {code: stage}));
      }, connectTimeout);
      socket.once(ready, () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    request.end(body);
  });
}
