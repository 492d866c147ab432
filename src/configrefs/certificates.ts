// Certificates and keys read with Node's own X.509 support (node:crypto X509Certificate):
// who a certificate is for and from, how long it has left, its key, whether a private key
// fits it, and whether a bundle is a chain in the order servers send it (leaf first, then each
// issuer: RFC 8446 section 4.4.2, RFC 5246 section 7.4.2).

import {createPrivateKey, X509Certificate, type KeyObject} from 'node:crypto';
import {isPrivateKeyLabel, pemBlocks, type PemBlock} from './pem.ts';

const DAY = 86_400_000;

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'not-yet-valid';

export interface CertificateInfo {
  /** 0-based position in its bundle. */
  index: number;
  /** Line of the BEGIN CERTIFICATE line within the value. */
  line: number;
  subject: string;
  issuer: string;
  commonName?: string;
  sans: string[];
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
  status: CertificateStatus;
  keyType: string;
  keySize?: number;
  isCA: boolean;
  selfSigned: boolean;
  signatureAlgorithm?: string;
  fingerprintSha256: string;
}

export interface PrivateKeyInfo {
  line: number;
  label: string;
  /** RSA, ECDSA, Ed25519, ...; "unknown" when it cannot be read (encrypted, damaged). */
  keyType: string;
  keySize?: number;
  encrypted: boolean;
  /** Why the key could not be read, in our words. */
  problem?: string;
}

export interface ChainReport {
  /** True when every certificate is issued by the one after it. */
  inOrder: boolean;
  /** Present when not in order: what is wrong, and the order that would be right (0-based indexes). */
  problem?: string;
  suggestedOrder?: number[];
}

export interface PemReport {
  certificates: CertificateInfo[];
  privateKeys: PrivateKeyInfo[];
  /** Other blocks (CERTIFICATE REQUEST, PUBLIC KEY, ...) by label. */
  otherBlocks: string[];
  /** Blocks that did not parse, by line and label. */
  problems: {line: number; message: string}[];
}

export interface ReadOptions {
  /** Milliseconds since the epoch; tests pass a fixed one. */
  now: number;
  /** Certificates ending within this many days are "expiring". */
  expiringWithinDays: number;
}

interface ParsedBundle {
  report: PemReport;
  x509: X509Certificate[];
  keys: (KeyObject | undefined)[];
}

function names(distinguishedName: string): string {
  // Node separates RDNs with newlines, in the certificate's own order.
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

function commonNameOf(distinguishedName: string): string | undefined {
  const line = distinguishedName.split('\n').find((part) => part.startsWith('CN='));
  return line?.slice(3);
}

/** DNS:a.example, IP Address:10.0.0.1 → ["DNS:a.example", "IP:10.0.0.1"]. */
export function splitSubjectAltNames(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(/, (?=[A-Za-z][A-Za-z ]*:)/).map((entry) => entry.replace(/^IP Address:/, 'IP:'));
}

export function describeKey(key: KeyObject): {keyType: string; keySize?: number} {
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  switch (type) {
    case 'rsa':
    case 'rsa-pss':
      return {keyType: type === 'rsa' ? 'RSA' : 'RSA-PSS', keySize: details.modulusLength};
    case 'ec': {
      const curve = details.namedCurve ?? '';
      const size = {prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256}[curve];
      const label = {prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'}[curve] ?? curve;
      return {keyType: `ECDSA ${label}`.trim(), keySize: size};
    }
    case 'ed25519':
      return {keyType: 'Ed25519', keySize: 256};
    case 'ed448':
      return {keyType: 'Ed448', keySize: 456};
    case 'dsa':
      return {keyType: 'DSA', keySize: details.modulusLength};
    default:
      return {keyType: type.toUpperCase()};
  }
}

function statusOf(notBefore: number, notAfter: number, options: ReadOptions): CertificateStatus {
  if (options.now < notBefore) return 'not-yet-valid';
  if (options.now >= notAfter) return 'expired';
  if (notAfter - options.now <= options.expiringWithinDays * DAY) return 'expiring';
  return 'valid';
}

function certificateInfo(x509: X509Certificate, block: PemBlock, index: number, options: ReadOptions): CertificateInfo {
  const notBefore = x509.validFromDate.getTime();
  const notAfter = x509.validToDate.getTime();
  const info: CertificateInfo = {
    index,
    line: block.line,
    subject: names(x509.subject),
    issuer: names(x509.issuer),
    sans: splitSubjectAltNames(x509.subjectAltName),
    serialNumber: x509.serialNumber,
    notBefore: new Date(notBefore).toISOString(),
    notAfter: new Date(notAfter).toISOString(),
    daysLeft: Math.trunc((notAfter - options.now) / DAY) || 0,
    status: statusOf(notBefore, notAfter, options),
    ...describeKey(x509.publicKey),
    isCA: x509.ca,
    selfSigned: x509.subject === x509.issuer && safeVerify(x509, x509.publicKey),
    fingerprintSha256: x509.fingerprint256,
  };
  const commonName = commonNameOf(x509.subject);
  if (commonName !== undefined) info.commonName = commonName;
  if (x509.signatureAlgorithm) info.signatureAlgorithm = x509.signatureAlgorithm;
  return info;
}

function safeVerify(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.verify(key);
  } catch {
    return false;
  }
}

function parseBundle(text: string, options: ReadOptions): ParsedBundle {
  const report: PemReport = {certificates: [], privateKeys: [], otherBlocks: [], problems: []};
  const x509: X509Certificate[] = [];
  const keys: (KeyObject | undefined)[] = [];
  for (const block of pemBlocks(text)) {
    if (block.label === 'CERTIFICATE' || block.label === 'TRUSTED CERTIFICATE') {
      try {
        const certificate = new X509Certificate(block.der);
        report.certificates.push(certificateInfo(certificate, block, x509.length, options));
        x509.push(certificate);
      } catch {
        // node:crypto's message names OpenSSL internals only, but ours is enough and certain.
        report.problems.push({line: block.line, message: 'a CERTIFICATE block that is not a valid X.509 certificate'});
      }
    } else if (isPrivateKeyLabel(block.label)) {
      const info: PrivateKeyInfo = {line: block.line, label: block.label, keyType: 'unknown', encrypted: block.encrypted};
      let key: KeyObject | undefined;
      if (block.encrypted) {
        info.problem = 'encrypted; cannot be checked without its passphrase';
      } else {
        try {
          key = createPrivateKey({key: block.pem, format: 'pem'});
          Object.assign(info, describeKey(key));
        } catch {
          info.problem = `a ${block.label} block that does not parse`;
        }
      }
      report.privateKeys.push(info);
      keys.push(key);
    } else {
      report.otherBlocks.push(block.label);
    }
  }
  return {report, x509, keys};
}

/** Every certificate and key in a PEM text. */
export function readPem(text: string, options: ReadOptions): PemReport {
  return parseBundle(text, options).report;
}

export function issues(subject: X509Certificate, issuer: X509Certificate): boolean {
  return subject.checkIssued(issuer) && safeVerify(subject, issuer.publicKey);
}

/** Whether a bundle is a chain in sending order, and the right order when it is not. */
export function checkChain(certificates: readonly X509Certificate[]): ChainReport {
  if (certificates.length < 2) return {inOrder: true};
  const issuedBy = (child: number, parent: number) => child !== parent && issues(certificates[child]!, certificates[parent]!);
  let inOrder = true;
  for (let index = 0; index + 1 < certificates.length; index++) {
    if (!issuedBy(index, index + 1)) inOrder = false;
  }
  if (inOrder) return {inOrder: true};
  // The leaf issues nothing else in the bundle; walk up from it.
  const count = certificates.length;
  const leaves = [...Array(count).keys()].filter((candidate) => ![...Array(count).keys()].some((other) => issuedBy(other, candidate)));
  for (const leaf of leaves) {
    const order = [leaf];
    let current = leaf;
    for (;;) {
      const parent = [...Array(count).keys()].find((candidate) => !order.includes(candidate) && issuedBy(current, candidate));
      if (parent === undefined) break;
      order.push(parent);
      current = parent;
    }
    if (order.length === count) {
      const first = order.findIndex((position, index) => position !== index);
      return {
        inOrder: false, suggestedOrder: order,
        problem: `out of order: certificate ${first + 1} should be certificate ${order[first]! + 1} ` +
          `(the leaf first, then each issuer; order ${order.map((position) => position + 1).join(', ')})`,
      };
    }
  }
  const broken = [...Array(count - 1).keys()].find((index) => !issuedBy(index, index + 1))!;
  return {inOrder: false, problem: `not one chain: certificate ${broken + 2} did not issue certificate ${broken + 1}`};
}

export interface TlsPairReport extends PemReport {
  chain: ChainReport;
  /** Whether the private key belongs to the first (leaf) certificate; undefined when it cannot be told. */
  keyMatches?: boolean;
  keyProblem?: string;
  /** When the key does not fit the leaf but fits another certificate of the bundle: its index. */
  keyMatchesCertificate?: number;
}

function fits(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false; // a key of another algorithm
  }
}

/** A kubernetes.io/tls pair: tls.crt's certificates and chain, tls.key's key and whether it fits. */
export function readTlsPair(certificateText: string, keyText: string | undefined, options: ReadOptions): TlsPairReport {
  const parsed = parseBundle(certificateText, options);
  const report: TlsPairReport = {...parsed.report, chain: checkChain(parsed.x509)};
  if (keyText === undefined) return report;
  const keyBundle = parseBundle(keyText, options);
  const key = keyBundle.keys.find((candidate) => candidate !== undefined);
  // Out of order, the leaf is still the certificate the key must fit.
  const leafIndex = report.chain.suggestedOrder?.[0] ?? 0;
  const leaf = parsed.x509[leafIndex];
  if (!leaf) return report;
  if (!key) {
    report.keyProblem = keyBundle.report.privateKeys[0]?.problem ?? 'tls.key holds no private key';
    return report;
  }
  report.keyMatches = fits(leaf, key);
  if (!report.keyMatches) {
    const other = parsed.x509.findIndex((certificate) => fits(certificate, key));
    if (other >= 0) report.keyMatchesCertificate = other;
  }
  return report;
}

/** The X509Certificate objects of a PEM text, for chain checks across values. */
export function x509Of(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const block of pemBlocks(text)) {
    if (block.label !== 'CERTIFICATE') continue;
    try {
      out.push(new X509Certificate(block.der));
    } catch {
      // reported by readPem
    }
  }
  return out;
}
