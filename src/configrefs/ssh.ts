// SSH keys (kubernetes.io/ssh-auth, key ssh-privatekey): the key type and the fingerprint
// `ssh-keygen -l` prints (SHA256 of the public key blob, base64 without padding). The public
// blob comes from the key itself: the unencrypted public section of an OpenSSH key
// (PROTOCOL.key in openssh-portable), or the public half of a PEM key via node:crypto.

import {createHash, createPrivateKey, createPublicKey} from 'node:crypto';
import {pemBlocks} from './pem.ts';

export interface SshKeyReport {
  keyType?: string;
  /** e.g. 256 for ed25519, the modulus size for RSA. */
  bits?: number;
  fingerprint?: string;
  encrypted?: boolean;
  problems: string[];
}

function sshString(value: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}

function mpint(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  let bytes = value.subarray(start);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

class Reader {
  private offset = 0;
  private readonly buffer: Buffer;
  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }
  bytes(count: number): Buffer {
    if (this.offset + count > this.buffer.length) throw new Error('short');
    const out = this.buffer.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }
  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.bytes(this.uint32());
  }
}

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

function describeBlob(blob: Buffer): {keyType: string; bits?: number} {
  const reader = new Reader(blob);
  const type = reader.string().toString('latin1');
  if (type === 'ssh-rsa') {
    reader.string(); // e
    const modulus = reader.string();
    let bits = modulus.length * 8;
    let index = 0;
    while (index < modulus.length && modulus[index] === 0) {
      bits -= 8;
      index++;
    }
    if (index < modulus.length) bits -= Math.clz32(modulus[index]!) - 24;
    return {keyType: 'RSA', bits};
  }
  if (type === 'ssh-ed25519') return {keyType: 'ED25519', bits: 256};
  const ecdsa = /^ecdsa-sha2-nistp(\d+)$/.exec(type);
  if (ecdsa) return {keyType: 'ECDSA', bits: Number(ecdsa[1])};
  return {keyType: type};
}

function publicBlobFromKeyObject(pem: string): Buffer {
  const publicKey = createPublicKey(createPrivateKey({key: pem, format: 'pem'}));
  const jwk = publicKey.export({format: 'jwk'}) as Record<string, string>;
  const b = (value: string) => Buffer.from(value, 'base64url');
  if (jwk.kty === 'RSA') return Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(b(jwk.e!)), mpint(b(jwk.n!))]);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(b(jwk.x!))]);
  if (jwk.kty === 'EC') {
    const size = {'P-256': '256', 'P-384': '384', 'P-521': '521'}[jwk.crv!];
    if (!size) throw new Error('curve');
    const point = Buffer.concat([Buffer.from([4]), b(jwk.x!), b(jwk.y!)]);
    return Buffer.concat([sshString(Buffer.from(`ecdsa-sha2-nistp${size}`)), sshString(Buffer.from(`nistp${size}`)), sshString(point)]);
  }
  throw new Error('type');
}

/** Type and fingerprint of a private key in OpenSSH or PEM form. */
export function readSshPrivateKey(text: string): SshKeyReport {
  const block = pemBlocks(text).find((candidate) => candidate.label.endsWith('PRIVATE KEY'));
  if (!block) return {problems: ['no private key block']};
  try {
    if (block.label === 'OPENSSH PRIVATE KEY') {
      const reader = new Reader(block.der);
      if (!reader.bytes(MAGIC.length).equals(MAGIC)) return {problems: ['not an openssh-key-v1 key']};
      const cipher = reader.string().toString('latin1');
      reader.string(); // kdf name
      reader.string(); // kdf options
      const count = reader.uint32();
      if (count < 1) return {problems: ['the key file holds no key']};
      const blob = reader.string();
      return {...describeBlob(blob), fingerprint: fingerprintOf(blob), encrypted: cipher !== 'none', problems: []};
    }
    if (block.encrypted) return {encrypted: true, problems: ['encrypted; the fingerprint needs the passphrase']};
    const blob = publicBlobFromKeyObject(block.pem);
    return {...describeBlob(blob), fingerprint: fingerprintOf(blob), encrypted: false, problems: []};
  } catch {
    return {problems: [`a ${block.label} block that does not parse`]};
  }
}
