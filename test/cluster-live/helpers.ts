// Helpers for the live Source's tests: kubeconfig files in a temporary directory, a tiny
// scriptable API server for failure modes the test cluster cannot produce (429, 503, resets,
// expired continue tokens), and a log collector for `-v 6`.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import {createServer} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {dump} from 'js-yaml';

export interface Scratch {
  directory: string;
  /** Writes a file below the directory and returns its path. */
  file(name: string, text: string): string;
  /** Writes a kubeconfig (an object, dumped as YAML) and returns its path. */
  kubeconfig(name: string, config: object): string;
  remove(): void;
}

export function scratch(): Scratch {
  const directory = mkdtempSync(join(tmpdir(), 'cluster-live-'));
  const file = (name: string, text: string) => {
    const path = join(directory, name);
    writeFileSync(path, text, {mode: 0o600});
    return path;
  };
  return {
    directory,
    file,
    kubeconfig: (name, config) => file(name, dump({apiVersion: 'v1', kind: 'Config', preferences: {}, ...config})),
    remove: () => rmSync(directory, {recursive: true, force: true}),
  };
}

/** A kubeconfig with one context "test" for a server and token. */
export function simpleKubeconfig(server: string, options: {token?: string; namespace?: string; ca?: string} = {}): object {
  const cluster: Record<string, string> = {server};
  if (options.ca) cluster['certificate-authority-data'] = Buffer.from(options.ca).toString('base64');
  const context: Record<string, string> = {cluster: 'test', user: 'test'};
  if (options.namespace) context.namespace = options.namespace;
  return {
    clusters: [{name: 'test', cluster}],
    users: [{name: 'test', user: options.token ? {token: options.token} : {}}],
    contexts: [{name: 'test', context}],
    'current-context': 'test',
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeApi {
  url: string;
  requests: SeenRequest[];
  /** Most requests that were in flight at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export type FakeHandler = (request: SeenRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** An API server whose every answer the test writes. */
export async function startFakeApi(handler: FakeHandler, tls?: {key: string; cert: string}): Promise<FakeApi> {
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let most = 0;
  const listener = (raw: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const seen = {method: raw.method ?? 'GET', url: raw.url ?? '/', headers: raw.headers, body: Buffer.concat(chunks).toString('utf8')};
      requests.push(seen);
      inFlight += 1;
      most = Math.max(most, inFlight);
      response.on('close', () => {
        inFlight -= 1;
      });
      Promise.resolve(handler(seen, response, raw)).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  };
  const server: Server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, {'Content-Type': 'application/json', ...headers});
  response.end(JSON.stringify(body));
}

/** A Status object as the API server sends with errors. */
export function sendStatus(response: ServerResponse, code: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, code, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code}, headers);
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Collects `-v` log lines. */
export function logCollector(): {lines: string[]; log: (line: string) => void} {
  const lines: string[] = [];
  return {lines, log: (line) => lines.push(line)};
}

/** Settles a promise for expect(): the error it rejects with, or fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & {exitCode?: number; hint?: string; status?: number}> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Retry waits of a few milliseconds, so that retry tests stay fast. */
export const fastRetries = {retryBaseMilliseconds: 2, maxRetryAfterMilliseconds: 50};
