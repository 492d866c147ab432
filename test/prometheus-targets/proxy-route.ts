// The API server's pod, service and node proxy for the test cluster (CONTRACT.md: "the pod and service
// proxy ... for `monitor --probe`"), as a route: GET /api/v1/namespaces/NS/pods/[https:]NAME:PORT/proxy/PATH
// (services likewise, nodes without a namespace) forwarded to a loopback port the test names.
import {request as httpRequest} from 'node:http';
import type {Route} from '../cluster/router.ts';

/** `pods/NS/NAME:PORT`, `services/NS/NAME:PORT` or `nodes/NAME:PORT` → the loopback port to forward to. */
export type ProxyTargets = Map<string, number>;

const pattern = /^\/api\/v1\/(?:namespaces\/([^/]+)\/(pods|services)|(nodes))\/(?:https?:)?([^/:]+):([^/]+)\/proxy(\/.*)?$/;

export function proxyRoute(targets: ProxyTargets, seen: string[] = []): Route {
  return {
    name: 'proxy',
    handle(context) {
      const m = pattern.exec(context.url.pathname);
      if (!m || context.request.method !== 'GET') return false;
      const key = m[3] ? `nodes/${m[4]}:${m[5]}` : `${m[2]}/${m[1]}/${m[4]}:${m[5]}`;
      seen.push(key);
      const port = targets.get(key);
      if (port === undefined) {
        context.response.statusCode = 503;
        context.response.setHeader('Content-Type', 'application/json');
        context.response.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `error trying to reach service: dial tcp: connect: connection refused`, code: 503}));
        return true;
      }
      const upstream = httpRequest({host: '127.0.0.1', port, path: `${m[6] ?? '/'}${context.url.search}`, headers: {accept: context.request.headers.accept ?? '*/*'}}, (res) => {
        context.response.writeHead(res.statusCode ?? 502, {'content-type': res.headers['content-type'] ?? 'text/plain'});
        res.pipe(context.response);
      });
      upstream.on('error', (error) => {
        context.response.statusCode = 503;
        context.response.end(error.message);
      });
      upstream.end();
      return true;
    },
  };
}
