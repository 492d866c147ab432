// One key of a Secret or ConfigMap, described without its value: size, sha256, text or binary,
// inner format with its syntax problems, and any certificates and keys inside. The value itself
// is attached only when the caller asks (`--reveal`).

import {createHash} from 'node:crypto';
import type {DecodedValue, ValueSource} from './decode.ts';
import {readPem, type CertificateInfo, type PrivateKeyInfo, type ReadOptions} from './certificates.ts';
import {readJwt, type TokenClaims} from './tokens.ts';
import {detectFormat, type FormatProblem, type ValueFormat} from './formats.ts';

export type KeyKind =
  | 'empty' | 'text' | 'binary' | 'certificate' | 'private-key' | 'pem' | 'token' | 'docker-config' | 'kubeconfig';

export interface KeyView {
  key: string;
  bytes: number;
  sha256: string;
  kind: KeyKind;
  format: ValueFormat;
  source: ValueSource;
  /** Syntax problems with line (and column) numbers; never quotes the value. */
  problems: FormatProblem[];
  certificates?: CertificateInfo[];
  privateKeys?: PrivateKeyInfo[];
  /** A JWT's claims (issuer, subject, expiry); never its signature. */
  claims?: TokenClaims;
  /** Only with --reveal: the value as UTF-8 text, or base64 when it is binary. */
  value?: string;
  encoding?: 'utf-8' | 'base64';
}

export interface ViewOptions extends ReadOptions {
  reveal: boolean;
}

export function describeValue(value: DecodedValue, options: ViewOptions): KeyView {
  const report = detectFormat(value.key, value.bytes);
  const view: KeyView = {
    key: value.key,
    bytes: value.bytes.length,
    sha256: createHash('sha256').update(value.bytes).digest('hex'),
    kind: report.kind,
    format: report.format,
    source: value.source,
    problems: report.problems,
  };
  if (report.format === 'pem') {
    const pem = readPem(value.bytes.toString('utf8'), options);
    if (pem.certificates.length > 0) view.certificates = pem.certificates;
    if (pem.privateKeys.length > 0) view.privateKeys = pem.privateKeys;
    view.kind = pem.certificates.length > 0 ? 'certificate' : pem.privateKeys.length > 0 ? 'private-key' : 'pem';
    view.problems = [...view.problems, ...pem.problems];
  } else if (report.format === 'der-certificate') {
    view.kind = 'certificate';
  } else if (report.format === 'jwt') {
    view.kind = 'token';
    view.claims = readJwt(value.bytes.toString('utf8'), options.now);
  } else if (report.format === 'docker-config' || report.format === 'kubeconfig') {
    view.kind = report.format;
  }
  if (options.reveal) {
    if (report.kind === 'binary') {
      view.value = value.bytes.toString('base64');
      view.encoding = 'base64';
    } else {
      view.value = value.bytes.toString('utf8');
      view.encoding = 'utf-8';
    }
  }
  return view;
}
