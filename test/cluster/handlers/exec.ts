// pods/NAME/exec over WebSocket, as kubectl (1.30+) and client-node speak it: the
// v5.channel.k8s.io / v4.channel.k8s.io subprotocols, each binary message led by its stream
// number (1 stdout, 2 stderr, 3 the closing Status with the exit code). Nothing runs: the
// commands a live probe sends are answered from the connectivity file (nc and agnhost connect),
// `touch /tmp/netpol-probe-done` ends the probe container, anything else is "not found" (127).

import type {Socket} from 'node:net';
import {WebSocketServer} from 'ws';
import type {KubeObject} from '../../../src/cluster/types.ts';
import {probeDoneFile, probeForAnnotation} from '../../../src/netpol/probe.ts';
import type {Protocol} from '../../../src/netpol/types.ts';
import type {ClusterContext, Route} from '../router.ts';
import {badRequest, notFound, sendStatus} from '../status.ts';
import type {Connectivity} from './connectivity.ts';
import {connects} from './connectivity.ts';
import {markTerminated} from './probe-pods.ts';

const subprotocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** Every exec the cluster answered, for tests: pod, container, command, exit code. */
export interface ExecRecord {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  exitCode: number;
}

export function execRoute(connectivity: Connectivity, log: ExecRecord[] = []): Route {
  const server = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => subprotocols.find((protocol) => offered.has(protocol)) ?? false,
  });
  return {
    name: 'exec',
    handle(context) {
      const request = context.resource;
      if (!request || request.group !== '' || request.resource !== 'pods' || request.subresource !== 'exec') return false;
      const {store, catalogue} = context.cluster;
      const pod = store.get(catalogue.kind('', 'Pod')!, request.name!, request.namespace);
      if (!pod) {
        sendStatus(context.response, notFound('', 'pods', request.name ?? ''));
        return true;
      }
      const command = context.url.searchParams.getAll('command');
      const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])] as {name: string}[];
      const container = context.url.searchParams.get('container') ?? containers[0]?.name ?? '';
      if (!containers.some((item) => item.name === container)) {
        sendStatus(context.response, badRequest(`container ${container} is not valid for pod ${request.name}`));
        return true;
      }
      const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])] as {name: string; state?: {running?: object}}[];
      // pods from manifests often carry a phase but no container statuses: running, then
      const containerStatus = statuses.find((item) => item.name === container);
      if (containerStatus ? !containerStatus.state?.running : pod.status?.phase !== 'Running') {
        sendStatus(context.response, badRequest(`container ${container} is not running`));
        return true;
      }
      if (command.length === 0) {
        sendStatus(context.response, badRequest('you must specify at least 1 command'));
        return true;
      }
      // checked last, so that kubectl's SPDY fallback reports the real problem above
      if ((context.request.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
        sendStatus(context.response, badRequest('Upgrade request required: this test cluster serves exec over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) only'));
        return true;
      }
      const socket = context.request.socket as Socket;
      context.response.detachSocket(socket);
      server.handleUpgrade(context.request, socket, Buffer.alloc(0), (webSocket) => {
        void (async () => {
          // only connection attempts are slow: a probe's clean-up answers at once; a client that
          // gives up (Ctrl-C) ends the wait
          if (connectivity.execDelayMs > 0 && command[0] !== 'touch') {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([
              new Promise((resolve) => { timer = setTimeout(resolve, connectivity.execDelayMs); }),
              new Promise((resolve) => webSocket.on('close', resolve)),
            ]);
            clearTimeout(timer);
            if (webSocket.readyState !== 1) return; // closed while waiting
          }
          const outcome = run(context.cluster, connectivity, pod, container, command);
          log.push({namespace: pod.metadata.namespace ?? '', pod: pod.metadata.name, container, command, exitCode: outcome.exitCode});
          if (outcome.stdout) webSocket.send(frame(1, outcome.stdout));
          if (outcome.stderr) webSocket.send(frame(2, outcome.stderr));
          const final = outcome.exitCode === 0
            ? {metadata: {}, status: 'Success'}
            : {
              metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
              message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${outcome.exitCode}`,
              details: {causes: [{reason: 'ExitCode', message: String(outcome.exitCode)}]},
            };
          webSocket.send(frame(3, JSON.stringify(final)));
          webSocket.close(1000);
        })();
      });
      return true;
    },
  };
}

function frame(channel: number, text: string): Buffer {
  return Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
}

interface Outcome {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

function run(cluster: ClusterContext, connectivity: Connectivity, pod: KubeObject, container: string, command: string[]): Outcome {
  const [program, ...args] = command;
  if (program === 'touch' && args[0] === probeDoneFile) {
    markTerminated(cluster, pod, container);
    return {exitCode: 0};
  }
  const attempt = program === 'nc' ? readNc(args) : program === '/agnhost' && args[0] === 'connect' ? readAgnhost(args.slice(1)) : undefined;
  if (!attempt) return {exitCode: 127, stderr: `sh: ${program}: not found\n`};
  const everything = cluster.store.types().flatMap((type) => cluster.store.list(type));
  const on = pod.metadata.annotations?.[probeForAnnotation];
  const [namespace, name] = on ? on.split('/') : [];
  const from = (on && everything.find((object) => object.kind === 'Pod' && object.metadata.namespace === namespace && object.metadata.name === name)) || pod;
  if (connects(connectivity, everything, {from, ...attempt})) return {exitCode: 0, stderr: program === 'nc' ? '' : undefined};
  return program === 'nc' ? {exitCode: 1, stderr: `nc: ${attempt.address} (${attempt.address}:${attempt.port}): Connection timed out\n`} : {exitCode: 1, stderr: 'TIMEOUT\n'};
}

function readNc(args: string[]): {address: string; port: number; protocol: Protocol} | undefined {
  let protocol: Protocol = 'TCP';
  const positional: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '-u') protocol = 'UDP';
    else if (arg === '-w') index++;
    else if (!arg.startsWith('-')) positional.push(arg);
  }
  const [address, port] = positional;
  return address && /^\d+$/.test(port ?? '') ? {address, port: Number(port), protocol} : undefined;
}

function readAgnhost(args: string[]): {address: string; port: number; protocol: Protocol} | undefined {
  const target = args.find((arg) => !arg.startsWith('--'));
  const protocol = (args.find((arg) => arg.startsWith('--protocol='))?.slice('--protocol='.length) ?? 'tcp').toUpperCase() as Protocol;
  const match = target?.match(/^\[?([^\]]+?)\]?:(\d+)$/);
  return match ? {address: match[1], port: Number(match[2]), protocol} : undefined;
}
