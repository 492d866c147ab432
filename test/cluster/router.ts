// Request routing. A request is parsed once into a ResourceRequest (the API server's RequestInfo:
// verb, group, version, resource, namespace, name, subresource), then offered to each Route in
// turn until one answers. Capabilities that need more of the API (exec, proxies,
// SubjectAccessReview, pod creation with probes) add Routes in their own files and pass them to
// startTestCluster({routes}); those are tried before the built-in ones.

import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Catalogue, ServedType} from './catalogue.ts';
import type {Store} from './store.ts';
import type {WatchRegistry} from './watch.ts';
import {sendStatus, status} from './status.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  verb: Verb;
  group: string;
  version: string;
  /** The resource as named in the URL, e.g. "pods". */
  resource: string;
  /** The served type, when the catalogue knows the resource in this group and version. */
  type?: ServedType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** What follows the subresource, e.g. the path under .../proxy/. */
  subpath: string;
}

/** What every handler can reach: the state and the server's settings. */
export interface ClusterContext {
  store: Store;
  catalogue: Catalogue;
  watches: WatchRegistry;
  /** Resources answered with 403 (--forbid); see authorization.ts. */
  forbid: ReadonlySet<string>;
  /** The user the bearer token stands for, as named in 403 messages. */
  user: string;
  /** "host:port" that the server listens on, for /api's serverAddressByClientCIDRs. */
  serverAddress: string;
}

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  cluster: ClusterContext;
  /** Set for /api/v1/... and /apis/GROUP/VERSION/... paths below the discovery documents. */
  resource?: ResourceRequest;
  /** The request body, read once. */
  body(): Promise<Buffer>;
}

export interface Route {
  name: string;
  /** Answers and returns true, or returns false to let the next route try. */
  handle(context: RequestContext): boolean | Promise<boolean>;
}

// Subresources of a namespace itself, which its path shares with namespaced resources.
const namespaceSubresources = new Set(['status', 'finalize']);

/** The API server's RequestInfo for a path below /api/v1 or /apis/GROUP/VERSION, else undefined. */
export function parseResourcePath(method: string, url: URL, catalogue: Catalogue): ResourceRequest | undefined {
  const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let parts: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    [group, version, parts] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    [group, version, parts] = [segments[1], segments[2], segments.slice(3)];
  } else {
    return undefined;
  }
  if (parts.length === 0) return undefined;
  // the deprecated /watch/ prefix
  let watchPath = false;
  if (parts[0] === 'watch') {
    watchPath = true;
    parts = parts.slice(1);
    if (parts.length === 0) return undefined;
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !namespaceSubresources.has(parts[2])) parts = parts.slice(2);
  }
  const [resource, name, subresource] = parts;
  const watchParameter = url.searchParams.get('watch');
  const watch = watchPath || watchParameter === 'true' || watchParameter === '1';
  const verb = verbOf(method, name !== undefined, watch);
  if (!verb) return undefined;
  return {
    verb,
    group,
    version,
    resource,
    type: catalogue.resource(group, version, resource),
    namespace,
    name,
    subresource,
    subpath: parts.slice(3).join('/'),
  };
}

function verbOf(method: string, named: boolean, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

export class Router {
  private readonly routes: Route[];

  constructor(routes: Route[]) {
    this.routes = [...routes];
  }

  /** Adds routes that are tried before the ones already there. */
  prepend(...routes: Route[]): void {
    this.routes.unshift(...routes);
  }

  async dispatch(context: RequestContext): Promise<void> {
    for (const route of this.routes) {
      if (await route.handle(context)) return;
    }
    sendStatus(context.response, status(404, 'NotFound', 'the server could not find the requested resource'));
  }
}

/** Reads the body at most once, whoever asks first. */
export function bodyReader(request: IncomingMessage): () => Promise<Buffer> {
  let body: Promise<Buffer> | undefined;
  return () =>
    (body ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks)));
      request.on('error', reject);
    }));
}
