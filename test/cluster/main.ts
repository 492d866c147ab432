// CLI: node test/cluster/main.ts --manifests DIR --kubeconfig-out FILE [--port N] [--tls]
//        [--forbid RESOURCE,...] [--latency MS] [--connectivity FILE]
// Writes the kubeconfig once the server answers, runs until SIGTERM or SIGINT, then removes the
// kubeconfig (so that an existing file always means a live server) and exits 0.

import {parseArgs} from 'node:util';
import {loadConnectivity} from './handlers/connectivity.ts';
import {probeRoutes} from './handlers/probe-pods.ts';
import {removeKubeconfig} from './kubeconfig.ts';
import {startTestCluster} from './server.ts';

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

async function main(): Promise<void> {
  const options = parseOptions();
  let cluster;
  try {
    // --connectivity: pods start, ephemeral containers and exec answer probes from the file
    const routes = options.connectivity ? probeRoutes(loadConnectivity(options.connectivity)) : [];
    cluster = await startTestCluster({...options, routes});
  } catch (error) {
    process.stderr.write(`test-cluster: ${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stderr.write(`test-cluster: serving ${cluster.url}, kubeconfig ${options.kubeconfigPath}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // a client that will not let go must not keep the process alive
    setTimeout(() => process.exit(0), 2000).unref();
    await cluster.close();
    await removeKubeconfig(options.kubeconfigPath);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
