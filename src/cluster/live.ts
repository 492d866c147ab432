// The live Source: cluster state read from an API server, as kubectl would read it.
// connectLive() picks cluster, user and namespace from the kubeconfig and flags (live-kubeconfig),
// then lists page by page (limit/continue), many lists at once (bounded), degrading optional
// kinds that are forbidden to a warning and a gap (kubectl-tree's habit), and discovers the
// served types (live-discovery). Loaded lazily by commands/base.ts: nothing here runs offline.

import {ClusterError} from '../errors.ts';
import {groupVersionOf, qualifiedName, ResourceCatalog} from './catalog.ts';
import {discoverResourceTypes} from './live-discovery.ts';
import {serverMessage, statusError, statusPhrase} from './live-errors.ts';
import {resolveKubeConfig} from './live-kubeconfig.ts';
import type {LiveOptions} from './live-options.ts';
import {collectionPath, describeGet, describeList, objectPath, queryString} from './live-paths.ts';
import {Transport} from './live-transport.ts';
import type {TransportTuning, WireResponse} from './live-transport.ts';
import type {ExecRequest, ExecResult} from './live-exec.ts';
import type {KubeObject, ListRequest, ListResult, ResourceType, Source} from './types.ts';

/** Metadata only, falling back to whole objects where a server cannot give metadata alone. */
export const metadataOnlyAccept = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export interface LiveTuning extends TransportTuning {
  /** Items per page (`limit`); kubectl uses 500. */
  pageSize?: number;
  /** KUBECONFIG, HTTPS_PROXY, NO_PROXY...: process.env unless a test gives its own. */
  env?: NodeJS.ProcessEnv;
}

/** Options of the generic `request()`. */
export interface RawRequestOptions {
  /** Accept header; default application/json. */
  accept?: string;
  /** Content-Type of the body; default application/json. */
  contentType?: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** Statuses handed back instead of thrown as errors, e.g. [404]; "any" hands back every answer. */
  allowStatus?: number[] | 'any';
  /** What is being done, for error messages (`create pods in namespace "x"`); default "METHOD PATH". */
  action?: string;
  /** Retry 429/5xx/connection resets; default true for GET, HEAD, PUT, DELETE, only on 429 otherwise. */
  retry?: boolean;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  /** The body parsed as JSON; throws ClusterError when it is not JSON. */
  json<T = unknown>(): T;
}

export class LiveSource implements Source {
  readonly live = true;
  readonly description: string;
  readonly defaultNamespace: string;
  readonly warnings: string[] = [];
  /** The API server URL, as in messages. */
  readonly server: string;
  /** The kubeconfig context in use ("" when flags alone named the server). */
  readonly contextName: string;
  private readonly transport: Transport;
  private readonly pageSize: number;
  private discovered?: Promise<ResourceType[]>;

  constructor(settings: {transport: Transport; defaultNamespace: string; contextName: string; pageSize?: number}) {
    this.transport = settings.transport;
    this.server = settings.transport.server;
    this.description = `cluster ${this.server}`;
    this.defaultNamespace = settings.defaultNamespace;
    this.contextName = settings.contextName;
    this.pageSize = settings.pageSize ?? 500;
  }

  /** The built-in catalogue extended (and corrected) by what the server serves: CRDs, aggregated APIs. */
  resourceTypes(): Promise<ResourceType[]> {
    this.discovered ??= discoverResourceTypes(
      async (path, accept) => {
        // the two roots are needed; a single group version may be a broken aggregated API, not worth waiting for
        const retry = path === '/api/v1' || path === '/apis';
        const action = `discover the served resources (GET ${path})`;
        const response = await this.transport.send({method: 'GET', path, accept, action, retry});
        if (!ok(response)) throw statusError(action, this.server, response);
        return parseJson(response, action, this.server);
      },
      (message) => this.warn(message),
    ).then((types) => [...new ResourceCatalog().with(types).types]);
    this.discovered.catch(() => {
      this.discovered = undefined;
    });
    return this.discovered;
  }

  /** All lists at once (requests bounded by the transport), each paged. Results keep the requests' order. */
  list(requests: ListRequest[]): Promise<ListResult[]> {
    return Promise.all(requests.map((request) => this.listOne(request)));
  }

  async get(type: ResourceType, name: string, namespace?: string): Promise<KubeObject | undefined> {
    const scope = type.namespaced ? (namespace || this.defaultNamespace) : undefined;
    const action = describeGet(type, name, scope);
    const response = await this.transport.send({method: 'GET', path: objectPath(type, name, scope), action});
    if (response.status === 404) return undefined;
    if (!ok(response)) throw statusError(action, this.server, response);
    return withTypeOf(type, parseJson(response, action, this.server) as Record<string, unknown>);
  }

  /**
   * Any request to the API server, for what lists and gets do not cover: a SubjectAccessReview
   * (`request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', review)`), a pod proxy
   * GET (`request('GET', '/api/v1/namespaces/NS/pods/NAME:PORT/proxy/metrics', undefined,
   * {accept: 'text/plain', allowStatus: 'any'})`), creating a probe pod. Objects are sent as JSON.
   * Credentials, impersonation, timeout, retries and `-v` logging are those of every other request.
   * Answers other than 2xx (and `allowStatus`) throw ClusterError/UsageError naming the server.
   */
  async request(method: string, path: string, body?: unknown, options: RawRequestOptions = {}): Promise<RawResponse> {
    const verb = method.toUpperCase();
    const query = queryString(options.query ?? {});
    const fullPath = query && path.includes('?') ? `${path}&${query.slice(1)}` : path + query;
    const action = options.action ?? `${verb} ${fullPath}`;
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body :
      Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const response = await this.transport.send({
      method: verb, path: fullPath, body: payload, accept: options.accept, contentType: options.contentType,
      action, retry: options.retry, signal: options.signal,
    });
    const allowed = options.allowStatus === 'any' || ok(response) || (options.allowStatus ?? []).includes(response.status);
    if (!allowed) throw statusError(action, this.server, response);
    const server = this.server;
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: response.body,
      text: () => response.body.toString('utf8'),
      json: <T>() => parseJson(response, action, server) as T,
    };
  }

  /** Runs a command in a container (kubectl exec) and returns its exit code and output. */
  async exec(request: ExecRequest): Promise<ExecResult> {
    // ws loads only for exec: reads never pay for it
    const {execInContainer} = await import('./live-exec.ts');
    return execInContainer(this.transport, request);
  }

  /** Closes idle connections (they never keep the process alive, but tests like it tidy). */
  close(): void {
    this.transport.close();
  }

  private async listOne(request: ListRequest): Promise<ListResult> {
    const {type} = request;
    const namespace = type.namespaced && request.namespace ? request.namespace : undefined;
    const action = describeList(type, namespace);
    const accept = request.metadataOnly ? metadataOnlyAccept : 'application/json';
    const items: KubeObject[] = [];
    let continueToken: string | undefined;
    let paged = true;
    for (;;) {
      const path = collectionPath(type, namespace) + queryString({
        labelSelector: request.labelSelector,
        fieldSelector: request.fieldSelector,
        limit: paged ? this.pageSize : undefined,
        continue: continueToken,
      });
      const response = await this.transport.send({method: 'GET', path, accept, action});
      if (response.status === 410 && continueToken !== undefined) {
        // the continue token expired between pages: start over with one unpaged list, as client-go's pager does
        items.length = 0;
        continueToken = undefined;
        paged = false;
        continue;
      }
      if (!ok(response)) {
        if (request.optional && (response.status === 403 || response.status === 404)) {
          const said = serverMessage(response.body);
          this.warn(`cannot ${action} on ${this.server}: ${statusPhrase(response.status)}${said ? `: ${said}` : ''}; left out`);
          return {type, items: [], skipped: response.status === 403 ? 'forbidden' : 'not found'};
        }
        throw statusError(action, this.server, response, {resource: qualifiedName(type)});
      }
      const list = parseJson(response, action, this.server) as {items?: Record<string, unknown>[]; metadata?: {continue?: string}};
      for (const item of list.items ?? []) items.push(withTypeOf(type, item));
      continueToken = list.metadata?.continue || undefined;
      if (continueToken === undefined) return {type, items};
    }
  }

  private warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}

/** Connects lazily: nothing is sent until the first list, get or discovery. */
export async function connectLive(options: LiveOptions, tuning: LiveTuning = {}): Promise<LiveSource> {
  const env = tuning.env ?? process.env;
  const resolved = resolveKubeConfig(options, env);
  const context = options.server ? `the server given with --server` :
    resolved.contextName ? `context "${resolved.contextName}" from ${resolved.origin}` : `from ${resolved.origin}`;
  // kubectl -v 6 says which configuration it read, before the requests
  if ((options.verbosity ?? 0) >= 6) options.log?.(`Config loaded from ${resolved.origin}${resolved.contextName ? `, context "${resolved.contextName}"` : ''}`);
  const transport = new Transport({
    kubeConfig: resolved.kubeConfig,
    server: resolved.server,
    requestTimeout: options.requestTimeout,
    impersonateUser: options.impersonateUser,
    impersonateGroups: options.impersonateGroups,
    verbosity: options.verbosity,
    log: options.log,
    contextHint: `(${context}; choose the cluster with --context, --kubeconfig, KUBECONFIG or --server)`,
    tuning,
    env,
  });
  return new LiveSource({transport, defaultNamespace: resolved.defaultNamespace, contextName: resolved.contextName, pageSize: tuning.pageSize});
}

function ok(response: WireResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

function parseJson(response: WireResponse, action: string, server: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    const type = response.headers['content-type'] ?? 'no content type';
    throw new ClusterError(`cannot ${action} on ${server}: the answer is not JSON (${type}): ${serverMessage(response.body)}`, {server});
  }
}

// List items (and metadata-only items always) come without kind and apiVersion: they are the type's.
function withTypeOf(type: ResourceType, item: Record<string, unknown>): KubeObject {
  const apiVersion = groupVersionOf(type);
  const object = {apiVersion, kind: type.kind, ...item} as KubeObject;
  object.apiVersion = apiVersion;
  object.kind = type.kind;
  return object;
}
