// One-sentence errors for what goes wrong talking to an API server, naming the server and what
// was being done ("cannot list pods in namespace "x" on https://...: Forbidden (403): ...").

import {STATUS_CODES} from 'node:http';
import {ClusterError, UsageError} from '../errors.ts';

/** The parts of an answer an error message needs. */
export interface FailedAnswer {
  status: number;
  body: Buffer;
}

/** The API server's own words: a Status object's message, else the start of the body. */
export function serverMessage(body: Buffer): string {
  const text = body.toString('utf8').trim();
  if (text === '') return '';
  try {
    const parsed = JSON.parse(text) as {kind?: string; message?: string};
    if (parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the text itself
  }
  const firstLine = text.split('\n', 1)[0];
  return firstLine.length > 300 ? `${firstLine.slice(0, 300)}...` : firstLine;
}

/** "Forbidden (403)". */
export function statusPhrase(status: number): string {
  return `${STATUS_CODES[status] ?? 'HTTP error'} (${status})`;
}

/**
 * The error for an HTTP answer that is not a success. A 400 is the request's fault (a bad
 * selector, say): exit 2; a 404 on a needed type means the server lacks that type: exit 2 as for an
 * unknown kind; everything else is the cluster's: exit 3.
 */
export function statusError(action: string, server: string, answer: FailedAnswer, options: {resource?: string} = {}): ClusterError | UsageError {
  const said = serverMessage(answer.body);
  const message = `cannot ${action} on ${server}: ${statusPhrase(answer.status)}${said ? `: ${said}` : ''}`;
  if (answer.status === 400 || answer.status === 422) return new UsageError(message);
  if (answer.status === 404 && options.resource) {
    return new UsageError(`the server ${server} doesn't have a resource type "${options.resource}"`, {
      hint: 'list the types it serves with `kubectl api-resources`',
    });
  }
  return new ClusterError(message, {server, resource: options.resource, status: answer.status, hint: statusHint(answer.status)});
}

function statusHint(status: number): string | undefined {
  if (status === 401) return 'the credentials were not accepted: check the kubeconfig user, --token or the exec plugin, or log in again';
  if (status === 403) return 'ask for access to it, or use another --context (check with `kubectl auth can-i`)';
  if (status === 429 || status >= 500) return 'the API server is overloaded or failing; try again later';
  return undefined;
}

// Node's error codes in the words kubectl (Go's net package) uses for them.
const networkReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by peer',
  EPIPE: 'broken pipe',
  ETIMEDOUT: 'connection timed out',
  ERR_TLS_HANDSHAKE_TIMEOUT: 'TLS handshake timeout',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'temporary failure in name resolution',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  EADDRNOTAVAIL: 'cannot assign requested address',
  UND_ERR_SOCKET: 'connection closed by the server',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'x509: certificate signed by unknown authority (self-signed)',
  SELF_SIGNED_CERT_IN_CHAIN: 'x509: certificate signed by unknown authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'x509: certificate signed by unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'x509: certificate signed by unknown authority',
  CERT_HAS_EXPIRED: 'x509: certificate has expired',
  CERT_NOT_YET_VALID: 'x509: certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'x509: certificate is not valid for this host name',
};

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'EPROTO',
]);

// Failures worth another attempt: the connection broke, not the server's will (client-go retries
// connection resets and unexpected EOFs the same way).
// A connection that could not be made in time (ETIMEDOUT) is not retried: it already waited long.
const transientCodes = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

export function errorCode(error: unknown): string | undefined {
  const code = (error as {code?: unknown})?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isTransientNetworkError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && transientCodes.has(code);
}

export function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  if (code && networkReasons[code]) return networkReasons[code];
  if (code === 'EPROTO') return `TLS handshake failed (${(error as Error).message.split('\n', 1)[0]})`;
  return (error as Error)?.message ?? String(error);
}

/** The server could not be reached or spoken to at all. */
export function unreachableError(server: string, error: unknown, contextHint: string): ClusterError {
  const code = errorCode(error);
  const tls = code !== undefined && tlsCodes.has(code);
  const hint = tls ?
    'the kubeconfig cluster needs the CA that signed the server certificate (certificate-authority-data), or pass --insecure-skip-tls-verify (insecure)' :
    `is the cluster running, and is this the right one? ${contextHint}`;
  return new ClusterError(`cannot reach the cluster at ${server}: ${describeNetworkError(error)}`, {server, hint, cause: error});
}

export function timeoutError(action: string, server: string, milliseconds: number): ClusterError {
  return new ClusterError(`cannot ${action} on ${server}: no answer within ${formatMilliseconds(milliseconds)} (--request-timeout)`, {
    server,
    hint: 'the server is slow or unreachable; raise --request-timeout (0 waits as long as it takes)',
  });
}

function formatMilliseconds(milliseconds: number): string {
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000}s` : `${milliseconds}ms`;
}
