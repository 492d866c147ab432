// `kubectl inspect certs`: every certificate in Secrets and ConfigMaps (TLS pairs, CA bundles,
// any PEM in any key) with its expiry, soonest first. A certificate is inside the window when
// it expires within `expiringWithinDays` (or already has).

import type {KubeObject} from '../cluster/types.ts';
import {describeLocation, type InputLocation} from '../errors.ts';
import type {CertificateInfo, CertificateStatus} from './certificates.ts';
import {decodeLeniently, undecodableValues, type UndecodableValue} from './decode.ts';
import {describeValue} from './values.ts';

export interface CertificateRow {
  namespace?: string;
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
  /** 0-based position in the key's bundle. */
  index: number;
  subject: string;
  commonName?: string;
  issuer: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  status: CertificateStatus;
  keyType: string;
  keySize?: number;
  isCA: boolean;
  selfSigned: boolean;
  /** Whether it expires within the window (expired ones included). */
  inWindow: boolean;
}

export interface CertsResult {
  expiringWithinDays: number;
  certificates: CertificateRow[];
  /** Counts by status. */
  summary: {total: number; expired: number; expiring: number; valid: number; notYetValid: number; inWindow: number};
  problems: CertsProblem[];
}

/** A key whose PEM has a problem, or that could not be decoded at all (then `field` names it). */
export interface CertsProblem {
  namespace?: string;
  kind: string;
  name: string;
  key: string;
  message: string;
  field?: string;
  file?: string;
  document?: number;
}

export interface CertsOptions {
  now: number;
  expiringWithinDays: number;
  /** Where an object was read (offline): problems name the file and document. */
  locate?: (object: KubeObject) => InputLocation | undefined;
}

const PEM_MARKER = '-----BEGIN ';
// base64 of "-----BEGIN" at the three possible alignments: a cheap test before decoding.
const BASE64_MARKERS = ['LS0tLS1CRUdJ', 'LS0tQkVHSU4', 'LS0tLUJFR0lO'];

function mayHoldPem(object: KubeObject): boolean {
  for (const field of ['data', 'stringData', 'binaryData']) {
    const values = object[field];
    if (!values || typeof values !== 'object') continue;
    for (const value of Object.values(values)) {
      if (typeof value !== 'string') continue;
      if (field === 'stringData' || (field === 'data' && object.kind === 'ConfigMap')) {
        if (value.includes(PEM_MARKER)) return true;
      } else if (BASE64_MARKERS.some((marker) => value.includes(marker))) {
        return true;
      }
    }
  }
  return false;
}

export function listCertificates(objects: readonly KubeObject[], options: CertsOptions): CertsResult {
  const rows: CertificateRow[] = [];
  const problems: CertsResult['problems'] = [];
  const viewOptions = {now: options.now, expiringWithinDays: options.expiringWithinDays, reveal: false};
  for (const object of objects) {
    if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') continue;
    // A value that is not base64 could hide a certificate: say so rather than skip it silently.
    if (!mayHoldPem(object)) {
      for (const value of undecodableValues(object)) problems.push(undecodable(object, value, options));
      continue;
    }
    const decoded = decodeLeniently(object);
    for (const value of decoded.undecodable) problems.push(undecodable(object, value, options));
    for (const value of decoded.values) {
      if (!value.bytes.includes(PEM_MARKER)) continue;
      const view = describeValue(value, viewOptions);
      for (const problem of view.problems) {
        problems.push({namespace: object.metadata.namespace, kind: object.kind, name: object.metadata.name, key: value.key, message: `line ${problem.line}: ${problem.message}`});
      }
      for (const certificate of view.certificates ?? []) rows.push(row(object, value.key, certificate, options));
    }
  }
  rows.sort((a, b) => a.daysLeft - b.daysLeft || compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) ||
    compare(a.name, b.name) || compare(a.key, b.key) || a.index - b.index);
  problems.sort((a, b) => compare(a.namespace ?? '', b.namespace ?? '') || compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.key, b.key));
  const summary = {total: rows.length, expired: 0, expiring: 0, valid: 0, notYetValid: 0, inWindow: 0};
  for (const entry of rows) {
    if (entry.status === 'expired') summary.expired++;
    else if (entry.status === 'expiring') summary.expiring++;
    else if (entry.status === 'valid') summary.valid++;
    else summary.notYetValid++;
    if (entry.inWindow) summary.inWindow++;
  }
  return {expiringWithinDays: options.expiringWithinDays, certificates: rows, summary, problems};
}

function undecodable(object: KubeObject, value: UndecodableValue, options: CertsOptions): CertsProblem {
  const location: InputLocation = {...options.locate?.(object), field: value.field};
  const problem: CertsProblem = {
    namespace: object.metadata.namespace, kind: object.kind, name: object.metadata.name, key: value.key,
    message: `the key could not be decoded: ${value.reason} (${describeLocation(location)})`, field: value.field,
  };
  if (location.file !== undefined) problem.file = location.file;
  if (location.document !== undefined) problem.document = location.document;
  return problem;
}

function row(object: KubeObject, key: string, certificate: CertificateInfo, options: CertsOptions): CertificateRow {
  const out: CertificateRow = {
    namespace: object.metadata.namespace,
    kind: object.kind as 'Secret' | 'ConfigMap',
    name: object.metadata.name,
    key,
    index: certificate.index,
    subject: certificate.subject,
    issuer: certificate.issuer,
    sans: certificate.sans,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    daysLeft: certificate.daysLeft,
    status: certificate.status,
    keyType: certificate.keyType,
    isCA: certificate.isCA,
    selfSigned: certificate.selfSigned,
    inWindow: Date.parse(certificate.notAfter) - options.now <= options.expiringWithinDays * 86_400_000,
  };
  if (certificate.commonName !== undefined) out.commonName = certificate.commonName;
  if (certificate.keySize !== undefined) out.keySize = certificate.keySize;
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `30d`, `2w`, `720h`, `90m`, `45s`, or a bare number of days; whole or fractional days back. */
export function parseWindow(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(d|w|h|m|s)?\s*$/.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const perDay: Record<string, number> = {d: 1, w: 7, h: 1 / 24, m: 1 / 1440, s: 1 / 86_400};
  return amount * perDay[match[2] ?? 'd']!;
}
