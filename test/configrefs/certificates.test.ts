// Certificates made at test time (node:crypto, see cert-factory.ts): validity and days left,
// key types and sizes, whether a key fits, and chain order as TLS sends it (RFC 8446 4.4.2:
// the sender's certificate first, each following one certifying the one before).

import {describe, expect, test} from '@jest/globals';
import {checkChain, readPem, readTlsPair, splitSubjectAltNames, x509Of} from '../../src/configrefs/certificates.ts';
import {daysFrom, makeCertificate, makeChain, makeKey} from './cert-factory.ts';

const now = Date.parse('2026-06-01T12:00:00Z');
const options = {now, expiringWithinDays: 30};

describe('validity', () => {
  test.each([
    ['valid for a year', -10, 365, 'valid', 365],
    ['expiring in 10 days', -300, 10, 'expiring', 10],
    ['expiring at the edge of the window', -300, 30, 'expiring', 30],
    ['expired 3 days ago', -400, -3, 'expired', -3],
    ['not yet valid', 5, 100, 'not-yet-valid', 100],
  ])('%s', (_name, fromDays, toDays, status, daysLeft) => {
    const key = makeKey('ec', 'validity');
    const certificate = makeCertificate({subject: 'CN=v', key, notBefore: daysFrom(now, fromDays), notAfter: daysFrom(now, toDays)});
    const [info] = readPem(certificate.pem, options).certificates;
    expect(info).toMatchObject({status, daysLeft, subject: 'CN=v', selfSigned: true});
  });
});

describe('keys', () => {
  test.each([
    ['RSA 2048', 'rsa', 'RSA', 2048],
    ['ECDSA P-256', 'ec', 'ECDSA P-256', 256],
    ['Ed25519', 'ed25519', 'Ed25519', 256],
  ] as const)('%s', (_name, type, keyType, keySize) => {
    const key = makeKey(type, 'keys');
    const certificate = makeCertificate({subject: 'CN=k, O=Example', key, notBefore: daysFrom(now, -1), notAfter: daysFrom(now, 90)});
    const report = readPem(certificate.pem + key.privatePem, options);
    expect(report.certificates[0]).toMatchObject({keyType, keySize, commonName: 'k', subject: 'CN=k, O=Example'});
    expect(report.privateKeys[0]).toMatchObject({keyType, keySize, encrypted: false});
  });

  test('an encrypted key is reported, not read', () => {
    const report = readPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n', options);
    expect(report.privateKeys[0]).toMatchObject({encrypted: true, keyType: 'unknown'});
  });

  test('a damaged certificate is a problem at its line', () => {
    const report = readPem('# bundle\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', options);
    expect(report.certificates).toEqual([]);
    expect(report.problems).toEqual([{line: 2, message: 'a CERTIFICATE block that is not a valid X.509 certificate'}]);
  });
});

describe('SANs', () => {
  test.each([
    ['DNS and IP', 'DNS:a.example, DNS:b.example, IP Address:10.0.0.1', ['DNS:a.example', 'DNS:b.example', 'IP:10.0.0.1']],
    ['none', undefined, []],
  ])('%s', (_name, value, expected) => {
    expect(splitSubjectAltNames(value)).toEqual(expected);
  });

  test('read from a certificate', () => {
    const chain = makeChain(now);
    expect(readPem(chain.leaf.pem, options).certificates[0]!.sans).toEqual(['DNS:shop.example.com', 'DNS:www.shop.example.com', 'IP:10.0.0.7']);
  });
});

describe('TLS pairs and chains', () => {
  const chain = makeChain(now);
  const other = makeKey('ec', 'other');
  const rsa = makeKey('rsa', 'mismatch');
  test.each([
    ['leaf + intermediate, matching key', [chain.leaf, chain.intermediate], chain.leafKey, true, true, undefined],
    ['the full chain up to the root', [chain.leaf, chain.intermediate, chain.root], chain.leafKey, true, true, undefined],
    ['a key of the same type that is not the leaf\'s', [chain.leaf], other, true, false, undefined],
    ['a key of another algorithm', [chain.leaf], rsa, true, false, undefined],
    ['out of order: intermediate first', [chain.intermediate, chain.leaf], chain.leafKey, false, true, [1, 0]],
    ['out of order: root, leaf, intermediate', [chain.root, chain.leaf, chain.intermediate], chain.leafKey, false, true, [1, 2, 0]],
  ])('%s', (_name, certificates, key, inOrder, keyMatches, suggestedOrder) => {
    const report = readTlsPair(certificates.map((certificate) => certificate.pem).join(''), key.privatePem, options);
    expect(report.chain.inOrder).toBe(inOrder);
    expect(report.keyMatches).toBe(keyMatches);
    expect(report.chain.suggestedOrder).toEqual(suggestedOrder);
  });

  test('a bundle that is not one chain says where it breaks', () => {
    const stranger = makeCertificate({subject: 'CN=stranger', key: makeKey('ec', 'stranger'), notBefore: daysFrom(now, -1), notAfter: daysFrom(now, 10)});
    const result = checkChain(x509Of(chain.leaf.pem + stranger.pem));
    expect(result.inOrder).toBe(false);
    expect(result.problem).toBe('not one chain: certificate 2 did not issue certificate 1');
  });

  test('the key that fits another certificate of the bundle is named', () => {
    const report = readTlsPair(chain.leaf.pem + chain.intermediate.pem, chain.intermediateKey.privatePem, options);
    expect(report.keyMatches).toBe(false);
    expect(report.keyMatchesCertificate).toBe(1);
  });

  test('no key, or an unreadable one', () => {
    expect(readTlsPair(chain.leaf.pem, undefined, options).keyMatches).toBeUndefined();
    const report = readTlsPair(chain.leaf.pem, 'not a key', options);
    expect(report.keyMatches).toBeUndefined();
    expect(report.keyProblem).toBe('tls.key holds no private key');
  });
});
