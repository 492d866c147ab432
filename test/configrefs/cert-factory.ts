// Test certificates made at test time with node:crypto: a few lines of DER (RFC 5280) around
// keys node generates, signed with crypto.sign. Any validity window (an expired certificate
// needs a notBefore in the past, which `openssl req` 3.0 cannot set), any chain, no files.

import {generateKeyPairSync, sign, type KeyObject} from 'node:crypto';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);

function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const bytes = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let rest = part >> 7; rest > 0; rest >>= 7) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(raw: Buffer): Buffer {
  let start = 0;
  while (start < raw.length - 1 && raw[start] === 0) start++; // DER integers are minimal
  const value = raw.subarray(start);
  return tlv(0x02, value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

const attributeOids: Record<string, string> = {CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6'};

/** "CN=web, O=Example" → an X.501 Name. */
function name(text: string): Buffer {
  const rdns = text.split(/,\s*/).map((part) => {
    const [type, value] = part.split('=');
    const string = type === 'C' ? tlv(0x13, Buffer.from(value!)) : tlv(0x0c, Buffer.from(value!, 'utf8'));
    return set(sequence(oid(attributeOids[type!]!), string));
  });
  return sequence(...rdns);
}

function algorithm(key: KeyObject): {identifier: Buffer; digest: string | null} {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return {identifier: sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05)), digest: 'sha256'};
    case 'ec':
      return {identifier: sequence(oid('1.2.840.10045.4.3.2')), digest: 'sha256'};
    case 'ed25519':
      return {identifier: sequence(oid('1.3.101.112')), digest: null};
    default:
      throw new Error(`no signature algorithm for ${key.asymmetricKeyType}`);
  }
}

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** PKCS#8 PEM of the private key. */
  privatePem: string;
}

const keyCache = new Map<string, KeyPair>();

/** A key pair; `label` reuses one across tests (RSA generation costs tens of milliseconds). */
export function makeKey(type: 'rsa' | 'ec' | 'ed25519' = 'ec', label?: string): KeyPair {
  const cacheKey = label === undefined ? undefined : `${type}/${label}`;
  if (cacheKey && keyCache.has(cacheKey)) return keyCache.get(cacheKey)!;
  const pair = type === 'rsa'
    ? generateKeyPairSync('rsa', {modulusLength: 2048})
    : type === 'ec' ? generateKeyPairSync('ec', {namedCurve: 'prime256v1'}) : generateKeyPairSync('ed25519');
  const out = {...pair, privatePem: pair.privateKey.export({type: 'pkcs8', format: 'pem'}) as string};
  if (cacheKey) keyCache.set(cacheKey, out);
  return out;
}

export interface CertificateSpec {
  subject: string;
  key: KeyPair;
  /** The issuer's subject and key; self-signed when absent. */
  issuer?: {subject: string; key: KeyPair};
  notBefore: Date;
  notAfter: Date;
  sans?: string[];
  ca?: boolean;
  serial?: number;
}

export interface MadeCertificate {
  pem: string;
  der: Buffer;
}

let serialCounter = 1000;

export function makeCertificate(spec: CertificateSpec): MadeCertificate {
  const signer = spec.issuer?.key ?? spec.key;
  const issuerName = spec.issuer?.subject ?? spec.subject;
  const {identifier, digest} = algorithm(signer.privateKey);
  const extensions: Buffer[] = [
    sequence(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, spec.ca ? sequence(tlv(0x01, Buffer.from([0xff]))) : sequence())),
  ];
  if (spec.sans && spec.sans.length > 0) {
    const names = spec.sans.map((entry) => {
      if (entry.startsWith('IP:')) return tlv(0x87, Buffer.from(entry.slice(3).split('.').map(Number)));
      return tlv(0x82, Buffer.from(entry.replace(/^DNS:/, ''), 'ascii'));
    });
    extensions.push(sequence(oid('2.5.29.17'), tlv(0x04, sequence(...names))));
  }
  const serial = Buffer.alloc(4);
  serial.writeUInt32BE(spec.serial ?? serialCounter++);
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    identifier,
    name(issuerName),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spec.key.publicKey.export({type: 'spki', format: 'der'}) as Buffer,
    tlv(0xa3, sequence(...extensions)),
  );
  const signature = sign(digest, tbs, signer.privateKey);
  const der = sequence(tbs, identifier, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return {der, pem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`};
}

export const DAY = 86_400_000;

/** A date `days` from `now` (negative: in the past). */
export function daysFrom(now: number, days: number): Date {
  return new Date(now + days * DAY);
}

/** A CA, an intermediate it signs, and a leaf the intermediate signs, all valid around `now`. */
export function makeChain(now: number, leafDays = 90) {
  const rootKey = makeKey('ec', 'root');
  const intermediateKey = makeKey('ec', 'intermediate');
  const leafKey = makeKey('ec', 'leaf');
  const root = makeCertificate({subject: 'CN=Example Root CA, O=Example', key: rootKey, notBefore: daysFrom(now, -400), notAfter: daysFrom(now, 3000), ca: true});
  const intermediate = makeCertificate({subject: 'CN=Example Intermediate CA, O=Example', key: intermediateKey,
    issuer: {subject: 'CN=Example Root CA, O=Example', key: rootKey}, notBefore: daysFrom(now, -300), notAfter: daysFrom(now, 1500), ca: true});
  const leaf = makeCertificate({subject: 'CN=shop.example.com', key: leafKey, issuer: {subject: 'CN=Example Intermediate CA, O=Example', key: intermediateKey},
    notBefore: daysFrom(now, -10), notAfter: daysFrom(now, leafDays), sans: ['DNS:shop.example.com', 'DNS:www.shop.example.com', 'IP:10.0.0.7']});
  return {root, intermediate, leaf, rootKey, intermediateKey, leafKey};
}
