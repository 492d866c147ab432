// `kubectl exec` without kubectl: runs a command in a container over the API server's WebSocket
// exec stream (the channel.k8s.io subprotocols: each binary message starts with its stream
// number, 1 stdout, 2 stderr, 3 the final Status that carries the exit code). Used by live
// probes; loaded only by them.

import type {IncomingMessage} from 'node:http';
import WebSocket from 'ws';
import {ClusterError} from '../errors.ts';
import {serverMessage} from './live-errors.ts';
import type {Transport} from './live-transport.ts';

/** Newest first; v5 adds a close signal, v4 is what every supported server speaks. */
export const execSubprotocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export interface ExecRequest {
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  /** Milliseconds before the stream is abandoned. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** The command's exit code, when it ran. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the command; resolves with its exit code, throws ClusterError when it could not run. */
export async function execInContainer(transport: Transport, request: ExecRequest): Promise<ExecResult> {
  const settings = await transport.upgradeSettings();
  const query = new URLSearchParams();
  for (const word of request.command) query.append('command', word);
  if (request.container) query.set('container', request.container);
  query.set('stdout', 'true');
  query.set('stderr', 'true');
  const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/exec?${query}`;
  const url = (transport.server + path).replace(/^http/, 'ws');
  const action = `exec in pod ${request.namespace}/${request.pod}${request.container ? ` container ${request.container}` : ''}`;
  const headers = {...settings.headers} as Record<string, string | string[]>;
  if (settings.basicAuth) headers.Authorization = `Basic ${Buffer.from(settings.basicAuth).toString('base64')}`;

  return new Promise<ExecResult>((resolve, reject) => {
    const socket = new WebSocket(url, execSubprotocols, {...settings.tls, headers, handshakeTimeout: request.timeoutMs});
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let status: {status?: string; message?: string; reason?: string; details?: {causes?: {reason?: string; message?: string}[]}} | undefined;
    let settled = false;
    const started = performance.now();
    const finish = (error?: Error, result?: ExecResult) => {
      if (settled) return;
      settled = true;
      transport.logRequest(`GET ${url} (exec) ${error ? `failed: ${error.message}` : `exit ${result!.exitCode}`} in ${Math.round(performance.now() - started)} milliseconds`);
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(() => finish(new ClusterError(`cannot ${action} on ${transport.server}: no answer within ${request.timeoutMs} ms`, {server: transport.server})), request.timeoutMs);
    const onAbort = () => finish(new ClusterError(`${action}: interrupted`, {server: transport.server}));
    request.signal?.addEventListener('abort', onAbort, {once: true});

    socket.on('unexpected-response', (_request, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const said = serverMessage(Buffer.concat(chunks));
        finish(new ClusterError(`cannot ${action} on ${transport.server}: ${response.statusCode} ${response.statusMessage ?? ''}${said ? `: ${said}` : ''}`.trim(), {server: transport.server}));
      });
    });
    socket.on('error', (error) => finish(new ClusterError(`cannot ${action} on ${transport.server}: ${error.message}`, {server: transport.server, cause: error})));
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const message = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (message.length === 0) return;
      const payload = message.subarray(1);
      switch (message[0]) {
        case 1:
          stdout.push(payload);
          break;
        case 2:
          stderr.push(payload);
          break;
        case 3:
          if (payload.length > 0) {
            try {
              status = JSON.parse(payload.toString('utf8'));
            } catch {
              status = {status: 'Failure', message: payload.toString('utf8')};
            }
          }
          break;
        default:
          break;
      }
    });
    socket.on('close', () => {
      const output = {stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8')};
      if (!status || status.status === 'Success') {
        finish(undefined, {exitCode: 0, ...output});
        return;
      }
      const code = status.reason === 'NonZeroExitCode' ? status.details?.causes?.find((cause) => cause.reason === 'ExitCode')?.message : undefined;
      if (code !== undefined && /^\d+$/.test(code)) {
        finish(undefined, {exitCode: Number(code), ...output});
        return;
      }
      finish(new ClusterError(`cannot ${action} on ${transport.server}: ${status.message ?? 'the command did not run'}`, {server: transport.server}));
    });
  });
}
