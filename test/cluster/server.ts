// The test cluster: a Kubernetes API server for tests, over the manifests it was given.
// startTestCluster() is what jest tests call (port 0, in-process); main.ts is the CLI around it.

import {randomBytes} from 'node:crypto';
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import {createServer as createHttpServer, ServerResponse as HttpServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import {setTimeout as delay} from 'node:timers/promises';
import type {KubeObject} from '../../src/cluster/types.ts';
import {isForbidden} from './authorization.ts';
import {Catalogue, typeFromCrd} from './catalogue.ts';
import {discoveryRoute, healthRoute} from './handlers/discovery.ts';
import {resourceRoute} from './handlers/resources.ts';
import {scaleRoute} from './handlers/scale.ts';
import {selfSubjectAccessReviewRoute} from './handlers/self-subject-access-review.ts';
import {subjectAccessReviewRoute} from './handlers/subject-access-review.ts';
import {renderKubeconfig, writeKubeconfig} from './kubeconfig.ts';
import {loadManifests} from './manifests.ts';
import type {ClusterContext, RequestContext, Route} from './router.ts';
import {bodyReader, parseResourcePath, Router} from './router.ts';
import {seedStore} from './seed.ts';
import {forbidden, sendStatus, status, unauthorized} from './status.ts';
import {Store} from './store.ts';
import {generateCertificates} from './tls.ts';
import {WatchRegistry} from './watch.ts';

export interface TestClusterOptions {
  /** Manifest files or directories (recursive) that make the initial state. */
  manifests?: string | string[];
  /** Objects to add after the manifests. */
  objects?: KubeObject[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve HTTPS with a CA generated at startup; the kubeconfig carries the CA. */
  tls?: boolean;
  /** Resources answered with 403, as "pods" or "deployments.apps". */
  forbid?: string[];
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** The bearer token clients must send; random when not given. */
  token?: string;
  /**
   * Whether a request without any Authorization header is refused. kubectl attaches credentials
   * only to TLS connections (client-go's clientcmd), so over plain HTTP it can send no token at all:
   * by default such requests are served as the test user without --tls and refused (401) with it.
   * A wrong token is refused either way.
   */
  requireToken?: boolean;
  /** The user that the token stands for, as 403 messages name it. */
  user?: string;
  /** Where to write the kubeconfig once the server answers. */
  kubeconfigPath?: string;
  /** How often watches that allow bookmarks get one (default 15 s). */
  bookmarkIntervalMs?: number;
  /** How many changes watches can resume from (default 10,000); older resourceVersions get 410. */
  watchHistory?: number;
  /** Extra routes (exec, proxies, reviews...), tried before the built-in ones. */
  routes?: Route[];
}

export interface TestCluster {
  url: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  token: string;
  /** PEM of the CA, with tls. */
  caCertificate?: string;
  store: Store;
  catalogue: Catalogue;
  router: Router;
  /** How many watch streams are open now. */
  openWatches(): number;
  close(): Promise<void>;
}

// Paths an unauthenticated client may read, as system:public-info-viewer allows.
const publicPaths = new Set(['/version', '/healthz', '/livez', '/readyz']);

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const manifestPaths = options.manifests === undefined ? [] : [options.manifests].flat();
  const [objects, certificates] = await Promise.all([
    loadManifests(manifestPaths),
    options.tls ? generateCertificates() : Promise.resolve(undefined),
  ]);
  const catalogue = new Catalogue();
  const store = new Store({historyLimit: options.watchHistory});
  seedStore(store, catalogue, [...objects, ...(options.objects ?? [])]);
  // CRDs created later serve their kinds too
  const crdType = catalogue.kind('apiextensions.k8s.io', 'CustomResourceDefinition')!;
  store.subscribe((event) => {
    if (event.resourceType !== crdType || event.type === 'DELETED') return;
    const type = typeFromCrd(event.object);
    if (type) catalogue.add(type);
  });

  const token = options.token ?? randomBytes(24).toString('hex');
  const forbid = new Set(options.forbid ?? []);
  const latencyMs = options.latencyMs ?? 0;
  const requireToken = options.requireToken ?? options.tls === true;
  const router = new Router([...(options.routes ?? []), healthRoute, discoveryRoute, selfSubjectAccessReviewRoute, subjectAccessReviewRoute(), scaleRoute, resourceRoute]);
  const watches = new WatchRegistry();
  if (options.bookmarkIntervalMs !== undefined) watches.bookmarkIntervalMs = options.bookmarkIntervalMs;
  const cluster: ClusterContext = {store, catalogue, watches, forbid, user: options.user ?? 'test-user', serverAddress: ''};

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendStatus(response, status(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`));
      else response.destroy();
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (latencyMs > 0) await delay(latencyMs);
    const url = new URL(request.url ?? '/', 'http://test-cluster');
    const authorization = request.headers.authorization;
    const authenticated = authorization === `Bearer ${token}`;
    const anonymousAllowed = !requireToken || publicPaths.has(url.pathname);
    if (!authenticated && (authorization !== undefined || !anonymousAllowed)) {
      sendStatus(response, unauthorized());
      return;
    }
    const resource = parseResourcePath(request.method ?? 'GET', url, catalogue);
    if (resource && isForbidden(forbid, resource.resource, resource.group)) {
      sendStatus(
        response,
        forbidden({
          user: cluster.user,
          verb: resource.verb,
          group: resource.group,
          plural: resource.resource,
          subresource: resource.subresource,
          name: resource.name,
          namespace: resource.namespace,
        }),
      );
      return;
    }
    const context: RequestContext = {request, response, url, cluster, resource, body: bodyReader(request)};
    await router.dispatch(context);
  }

  const server: Server = certificates
    ? createHttpsServer({key: certificates.key, cert: certificates.certificate}, listener)
    : createHttpServer(listener);
  // WebSocket upgrades (exec) pass the same authentication and routes: a route that takes the
  // upgrade finds the socket on the request; the others answer on a response bound to it.
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    if (head.length > 0) socket.unshift(head);
    const response = new HttpServerResponse(request);
    response.assignSocket(socket);
    response.shouldKeepAlive = false;
    response.on('finish', () => socket.end());
    listener(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const {port} = server.address() as AddressInfo;
  cluster.serverAddress = `127.0.0.1:${port}`;
  const url = `${certificates ? 'https' : 'http'}://127.0.0.1:${port}`;
  const kubeconfig = renderKubeconfig({server: url, token, caCertificate: certificates?.caCertificate});
  if (options.kubeconfigPath) await writeKubeconfig(options.kubeconfigPath, kubeconfig);

  let closing: Promise<void> | undefined;
  return {
    url,
    kubeconfig,
    kubeconfigPath: options.kubeconfigPath,
    token,
    caCertificate: certificates?.caCertificate,
    store,
    catalogue,
    router,
    openWatches: () => watches.size,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        watches.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
