// A direct scrape over node:http/https with the job's TLS settings: the fetcher for `--probe --direct`.
import {readFileSync} from 'node:fs';
import {request as httpRequest} from 'node:http';
import {request as httpsRequest} from 'node:https';
import type {PeerCertificate, TLSSocket} from 'node:tls';
import type {Fetcher, ProbeFailure} from './probe.ts';

function readOptional(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export const directFetcher: Fetcher = (_target, request) => new Promise((resolve, reject) => {
  const url = new URL(request.url);
  const https = url.protocol === 'https:';
  let certificate: PeerCertificate | undefined;
  const options = {
    method: 'GET',
    headers: request.headers,
    timeout: request.timeoutMs,
    ...(https ? {
      ca: readOptional(request.tls.caFile),
      cert: readOptional(request.tls.certFile),
      key: readOptional(request.tls.keyFile),
      servername: request.tls.serverName,
      rejectUnauthorized: !request.tls.insecureSkipVerify,
      // Keep the peer certificate so a name mismatch can say what it is valid for.
      checkServerIdentity: (host: string, cert: PeerCertificate) => {
        certificate = cert;
        return undefined;
      },
    } : {}),
  };
  const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve({status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8')}));
    res.on('error', (error) => reject({code: (error as NodeJS.ErrnoException).code, message: error.message} satisfies ProbeFailure));
  });
  if (https && !request.tls.insecureSkipVerify) {
    // Node's own identity check, done here so the certificate's names are at hand when it fails.
    req.on('socket', (socket) => {
      (socket as TLSSocket).once('secureConnect', () => {
        const cert = (socket as TLSSocket).getPeerCertificate();
        certificate = cert;
        const host = request.tls.serverName ?? url.hostname.replace(/^\[|\]$/g, '');
        const problem = checkIdentity(host, cert);
        if (problem) {
          req.destroy();
          reject({code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: problem, validFor: namesOf(cert)} satisfies ProbeFailure);
        }
      });
    });
  }
  req.on('timeout', () => {
    req.destroy();
    reject({code: 'TIMEOUT', message: 'timeout'} satisfies ProbeFailure);
  });
  req.on('error', (error) => reject({code: (error as NodeJS.ErrnoException).code, message: error.message, ...(certificate ? {validFor: namesOf(certificate)} : {})} satisfies ProbeFailure));
  req.end();
});

function namesOf(cert: PeerCertificate): string[] {
  return (cert.subjectaltname ?? '').split(', ').filter(Boolean).map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
}

function checkIdentity(host: string, cert: PeerCertificate): string | undefined {
  const names = namesOf(cert);
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  const match = names.some((name) => name === host || (!isIp && name.startsWith('*.') && host.endsWith(name.slice(1)) && host.split('.').length === name.split('.').length));
  return match ? undefined : `certificate is not valid for ${host}`;
}
