// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as kubectl honours them (Go's http.ProxyFromEnvironment),
// handed to Node's own agents (the `proxyEnv` agent option of Node 24.5+; older Nodes ignore it
// and connect directly). Go never proxies loopback addresses; Node would, so they are added to
// NO_PROXY.

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** The environment for an agent's `proxyEnv`, or undefined when no proxy is set. */
export function proxyEnvironment(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const set = proxyVariables.filter((name) => env[name]);
  if (set.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const name of set) result[name] = env[name]!;
  const noProxy = [env.NO_PROXY ?? env.no_proxy, 'localhost', '127.0.0.1', '::1'].filter((entry) => entry).join(',');
  result.NO_PROXY = noProxy;
  result.no_proxy = noProxy;
  return result;
}
