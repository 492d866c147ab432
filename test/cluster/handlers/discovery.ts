// Non-resource paths: /version, discovery documents, health checks and a minimal OpenAPI v3.

import {openApiGroupVersion, openApiRoot} from '../openapi.ts';
import {
  aggregatedDiscovery,
  aggregatedMediaType,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  serverVersion,
  wantsAggregated,
} from '../discovery.ts';
import type {Route} from '../router.ts';
import {sendJson} from '../status.ts';

export const discoveryRoute: Route = {
  name: 'discovery',
  handle(context) {
    if (context.request.method !== 'GET' && context.request.method !== 'HEAD') return false;
    const {catalogue, serverAddress} = context.cluster;
    const segments = context.url.pathname.split('/').filter((segment) => segment !== '');
    const path = `/${segments.join('/')}`;
    if ((path === '/api' || path === '/apis') && wantsAggregated(context.request.headers.accept)) {
      sendJson(context.response, 200, aggregatedDiscovery(catalogue, path === '/api'), aggregatedMediaType);
      return true;
    }
    let body: object | undefined;
    if (path === '/version') body = serverVersion;
    else if (path === '/api') body = apiVersions(serverAddress);
    else if (path === '/apis') body = apiGroupList(catalogue);
    else if (segments[0] === 'api' && segments.length === 2) body = apiResourceList(catalogue, '', segments[1]);
    else if (segments[0] === 'apis' && segments.length === 2) body = apiGroupDocument(catalogue, segments[1]);
    else if (segments[0] === 'apis' && segments.length === 3) body = apiResourceList(catalogue, segments[1], segments[2]);
    else if (path === '/openapi/v3') body = openApiRoot(catalogue);
    else if (path.startsWith('/openapi/v3/')) body = openApiGroupVersion(catalogue, path.slice('/openapi/v3/'.length));
    else return false;
    if (!body) return false;
    sendJson(context.response, 200, body);
    return true;
  },
};

export const healthRoute: Route = {
  name: 'health',
  handle(context) {
    if (!['/healthz', '/livez', '/readyz'].includes(context.url.pathname)) return false;
    context.response.writeHead(200, {'Content-Type': 'text/plain; charset=utf-8'});
    context.response.end('ok');
    return true;
  },
};
