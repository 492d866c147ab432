// CLI: node test/cluster/main.ts --manifests DIR --kubeconfig-out FILE [--port N] [--tls]
//        [--forbid RESOURCE,...] [--latency MS] [--connectivity FILE]
// Writes the kubeconfig once the server answers, runs until SIGTERM or SIGINT, then removes the
// kubeconfig (so that an existing file always means a live server) and exits 0.

import {enableCompileCache} from 'node:module';
import {parseArgs} from 'node:util';
import type {TestCluster} from './server.ts';

// Node caches the type-stripped and compiled modules (in the temporary directory), which halves
// the start; the cluster's own modules are therefore imported only after this.
enableCompileCache();

const usage =
  'usage: test-cluster --manifests DIR --kubeconfig-out FILE [--port N] [--tls] [--forbid RESOURCE,...] [--latency MS] [--token TOKEN] [--connectivity FILE]';

function fail(message: string): never {
  process.stderr.write(`test-cluster: ${message}\n${usage}\n`);
  process.exit(2);
}

function parseOptions() {
  let values;
  try {
    ({values} = parseArgs({
      options: {
        manifests: {type: 'string', multiple: true},
        'kubeconfig-out': {type: 'string'},
        port: {type: 'string', default: '0'},
        tls: {type: 'boolean', default: false},
        forbid: {type: 'string', multiple: true},
        latency: {type: 'string', default: '0'},
        token: {type: 'string'},
        connectivity: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const kubeconfigPath = values['kubeconfig-out'] ?? fail('--kubeconfig-out is required');
  const port = Number(values.port);
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) fail(`--latency must be milliseconds, not ${values.latency}`);
  return {
    manifests: values.manifests ?? [],
    kubeconfigPath,
    port,
    tls: values.tls,
    forbid: (values.forbid ?? []).flatMap((list) => list.split(',')).map((name) => name.trim()).filter(Boolean),
    latencyMs,
    token: values.token,
    connectivity: values.connectivity,
  };
}

async function probeRoutesFor(file: string) {
  const [{loadConnectivity}, {probeRoutes}] = await Promise.all([import('./handlers/connectivity.ts'), import('./handlers/probe-pods.ts')]);
  return probeRoutes(loadConnectivity(file));
}

async function main(): Promise<void> {
  const options = parseOptions();
  // Signals are handled from the start: the kubeconfig may appear, and a client may stop us,
  // before startTestCluster has even returned.
  let stopping = false;
  let started: Promise<TestCluster | undefined> = Promise.resolve(undefined);
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // a client that will not let go must not keep the process alive
    setTimeout(() => process.exit(0), 2000).unref();
    const cluster = await started.catch(() => undefined);
    await cluster?.close();
    const {removeKubeconfig} = await import('./kubeconfig.ts');
    await removeKubeconfig(options.kubeconfigPath);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  started = (async () => {
    // --connectivity: pods start, ephemeral containers and exec answer probes from the file.
    // Imported only then: the netpol engine and ws would slow every other start.
    const routes = options.connectivity ? await probeRoutesFor(options.connectivity) : [];
    const {startTestCluster} = await import('./server.ts');
    return startTestCluster({...options, routes});
  })();
  try {
    const cluster = await started;
    process.stderr.write(`test-cluster: serving ${cluster?.url}, kubeconfig ${options.kubeconfigPath}\n`);
  } catch (error) {
    process.stderr.write(`test-cluster: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

await main();
