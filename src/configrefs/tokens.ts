// Tokens: a JWT's claims (service-account tokens, bound or legacy), never its signature; and
// bootstrap tokens (bootstrap.kubernetes.io/token, named bootstrap-token-<token-id>, with a
// 6-character id and 16-character secret of [a-z0-9]: k8s.io/cluster-bootstrap/token/api).

import {looksLikeJwt} from './formats.ts';

export interface TokenClaims {
  algorithm?: string;
  issuer?: string;
  subject?: string;
  audience?: string[];
  issuedAt?: string;
  notBefore?: string;
  /** ISO time, or undefined for a token that never expires (legacy service-account tokens). */
  expires?: string;
  expired?: boolean;
  /** Legacy (kubernetes/serviceaccount issuer) or bound (kubernetes.io claim) service-account details. */
  serviceAccount?: {namespace?: string; name?: string; uid?: string};
  boundTo?: {kind: string; name?: string}[];
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function time(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

function part(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** The claims of a JWT; `problems` says when it is not one. */
export function readJwt(token: string, now: number): TokenClaims {
  const text = token.trim();
  if (!looksLikeJwt(text)) return {problems: ['not a JSON Web Token']};
  const [headerPart, payloadPart] = text.split('.');
  let header: unknown;
  let payload: unknown;
  try {
    header = part(headerPart!);
    payload = part(payloadPart!);
  } catch {
    return {problems: ['the token payload is not base64url JSON']};
  }
  if (!isRecord(payload)) return {problems: ['the token payload is not a JSON object']};
  const claims: TokenClaims = {problems: []};
  if (isRecord(header) && typeof header.alg === 'string') claims.algorithm = header.alg;
  if (typeof payload.iss === 'string') claims.issuer = payload.iss;
  if (typeof payload.sub === 'string') claims.subject = payload.sub;
  if (typeof payload.aud === 'string') claims.audience = [payload.aud];
  else if (Array.isArray(payload.aud)) claims.audience = payload.aud.filter((entry): entry is string => typeof entry === 'string');
  claims.issuedAt = time(payload.iat);
  claims.notBefore = time(payload.nbf);
  claims.expires = time(payload.exp);
  if (claims.expires !== undefined) claims.expired = Date.parse(claims.expires) <= now;
  for (const key of ['issuedAt', 'notBefore', 'expires', 'expired'] as const) if (claims[key] === undefined) delete claims[key];
  const bound = payload['kubernetes.io'];
  if (isRecord(bound)) {
    const account = isRecord(bound.serviceaccount) ? bound.serviceaccount : {};
    claims.serviceAccount = {namespace: bound.namespace, name: account.name, uid: account.uid};
    claims.boundTo = ['pod', 'secret', 'node']
      .filter((kind) => isRecord(bound[kind]))
      .map((kind) => ({kind: kind[0]!.toUpperCase() + kind.slice(1), name: bound[kind].name}));
    if (claims.boundTo.length === 0) delete claims.boundTo;
  } else if (typeof payload['kubernetes.io/serviceaccount/service-account.name'] === 'string') {
    claims.serviceAccount = {
      namespace: payload['kubernetes.io/serviceaccount/namespace'],
      name: payload['kubernetes.io/serviceaccount/service-account.name'],
      uid: payload['kubernetes.io/serviceaccount/service-account.uid'],
    };
  }
  if (claims.serviceAccount) {
    for (const key of ['namespace', 'name', 'uid'] as const) if (typeof claims.serviceAccount[key] !== 'string') delete claims.serviceAccount[key];
  }
  return claims;
}

export interface BootstrapTokenReport {
  tokenId?: string;
  expiration?: string;
  expired?: boolean;
  usages: string[];
  extraGroups: string[];
  description?: string;
  problems: string[];
}

const TOKEN_ID = /^[a-z0-9]{6}$/;
const TOKEN_SECRET = /^[a-z0-9]{16}$/;

/** A bootstrap token Secret; `values` maps key → text (the token secret is checked, never returned). */
export function readBootstrapToken(name: string, namespace: string | undefined, values: ReadonlyMap<string, string>, now: number): BootstrapTokenReport {
  const report: BootstrapTokenReport = {usages: [], extraGroups: [], problems: []};
  const tokenId = values.get('token-id');
  if (tokenId === undefined) report.problems.push('no token-id');
  else if (!TOKEN_ID.test(tokenId)) report.problems.push('token-id must be 6 characters of [a-z0-9]');
  else report.tokenId = tokenId;
  const secret = values.get('token-secret');
  if (secret === undefined) report.problems.push('no token-secret');
  else if (!TOKEN_SECRET.test(secret)) report.problems.push('token-secret must be 16 characters of [a-z0-9]');
  if (report.tokenId && name !== `bootstrap-token-${report.tokenId}`) {
    report.problems.push(`the Secret must be named bootstrap-token-${report.tokenId} to be used`);
  }
  if (namespace !== undefined && namespace !== 'kube-system') report.problems.push('bootstrap tokens are only read from kube-system');
  const expiration = values.get('expiration');
  if (expiration !== undefined) {
    const at = Date.parse(expiration);
    if (Number.isNaN(at)) report.problems.push('expiration is not an RFC 3339 time');
    else {
      report.expiration = new Date(at).toISOString();
      report.expired = at <= now;
    }
  }
  for (const [key, value] of values) {
    if (key.startsWith('usage-bootstrap-') && value === 'true') report.usages.push(key.slice('usage-bootstrap-'.length));
  }
  report.usages.sort();
  const groups = values.get('auth-extra-groups');
  if (groups) report.extraGroups = groups.split(',').map((group) => group.trim()).filter(Boolean);
  const description = values.get('description');
  if (description !== undefined) report.description = description;
  return report;
}
