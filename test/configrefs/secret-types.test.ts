// One Secret of each type through the secret view: what each type adds, and the required keys
// the API server's validation asks for (kubernetes/kubernetes pkg/apis/core/validation
// ValidateSecret: tls.crt and tls.key, .dockerconfigjson, .dockercfg, username or password,
// ssh-privatekey, the service-account annotation).

import {describe, expect, test} from '@jest/globals';
import type {KubeObject} from '../../src/cluster/types.ts';
import {inspectConfigMap} from '../../src/configrefs/inspect-configmap.ts';
import {inspectSecret} from '../../src/configrefs/inspect-secret.ts';
import {readDockerConfig} from '../../src/configrefs/docker-config.ts';
import {readBootstrapToken, readJwt} from '../../src/configrefs/tokens.ts';
import {readSshPrivateKey} from '../../src/configrefs/ssh.ts';
import {buildFixture, MARKER, NOW} from './fixtures.ts';

const fixture = buildFixture(NOW);
const options = {now: NOW, expiringWithinDays: 30, reveal: false};
const find = (kind: string, name: string) => fixture.objects.find((object) => object.kind === kind && object.metadata.name === name)!;

describe('type-aware views', () => {
  test('kubernetes.io/tls: certificates, chain in order, key fits', () => {
    const view = inspectSecret(find('Secret', 'shop-tls'), options);
    expect(view.type).toBe('kubernetes.io/tls');
    expect(view.tls).toEqual({chain: {inOrder: true}, keyMatches: true});
    const crt = view.keys.find((key) => key.key === 'tls.crt')!;
    expect(crt.kind).toBe('certificate');
    expect(crt.certificates!.map((certificate) => [certificate.commonName, certificate.status, certificate.daysLeft])).toEqual([
      ['shop.example.com', 'expiring', 20], ['Example Intermediate CA', 'valid', 1500]]);
    expect(view.keys.find((key) => key.key === 'tls.key')!.kind).toBe('private-key');
    expect(view.problems).toEqual([]);
  });

  test.each([
    ['wrong-key-tls', ['tls.key does not match the certificate in tls.crt']],
    ['reversed-tls', ['tls.crt chain out of order: certificate 1 should be certificate 2 (the leaf first, then each issuer; order 2, 1)']],
    ['old-tls', []],
  ])('kubernetes.io/tls problems: %s', (name, problems) => {
    expect(inspectSecret(find('Secret', name), options).problems).toEqual(problems);
  });

  test('an expired certificate', () => {
    const crt = inspectSecret(find('Secret', 'old-tls'), options).keys.find((key) => key.key === 'tls.crt')!;
    expect(crt.certificates![0]).toMatchObject({status: 'expired', daysLeft: -3, keyType: 'RSA', keySize: 2048});
  });

  test('kubernetes.io/dockerconfigjson: registries and users, no passwords', () => {
    const view = inspectSecret(find('Secret', 'registry'), options);
    expect(view.dockerConfig!.registries).toEqual([
      {registry: 'ghcr.io', username: 'octo', hasPassword: false, hasAuth: true, hasIdentityToken: false, problems: []},
      {registry: 'registry.example.com', username: 'robot', hasPassword: true, hasAuth: true, hasIdentityToken: false, problems: []},
    ]);
  });

  test('kubernetes.io/dockercfg (legacy, no "auths")', () => {
    const view = inspectSecret(find('Secret', 'legacy-registry'), options);
    expect(view.dockerConfig!.registries.map((entry) => [entry.registry, entry.username, entry.hasPassword])).toEqual([['quay.io', 'q', true]]);
  });

  test('kubernetes.io/basic-auth', () => {
    expect(inspectSecret(find('Secret', 'db'), options).basicAuth).toEqual({username: 'shop', hasPassword: true});
  });

  test('kubernetes.io/ssh-auth: type and fingerprint', () => {
    const view = inspectSecret(find('Secret', 'deploy-key'), options);
    expect(view.sshAuth).toMatchObject({keyType: 'ED25519', bits: 256, encrypted: false, problems: []});
    expect(view.sshAuth!.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  test('kubernetes.io/service-account-token: legacy token claims', () => {
    const view = inspectSecret(find('Secret', 'builder-token'), options);
    expect(view.serviceAccountToken).toEqual({serviceAccount: 'builder', claims: {
      algorithm: 'RS256', issuer: 'kubernetes/serviceaccount', subject: 'system:serviceaccount:shop:builder',
      serviceAccount: {namespace: 'shop', name: 'builder'}, problems: []}});
    expect(view.keys.find((key) => key.key === 'ca.crt')!.kind).toBe('certificate');
  });

  test('bootstrap.kubernetes.io/token', () => {
    const view = inspectSecret(find('Secret', 'bootstrap-token-abc123'), options);
    expect(view.bootstrapToken).toEqual({tokenId: 'abc123', expiration: '2026-06-02T00:00:00.000Z', expired: false,
      usages: ['authentication', 'signing'], extraGroups: ['system:bootstrappers:worker'], problems: []});
  });

  test('Opaque: every key by size, kind, format; a bound token\'s claims', () => {
    const view = inspectSecret(find('Secret', 'api'), options);
    expect(view.keys.map((key) => [key.key, key.kind, key.format])).toEqual([
      ['api-key', 'text', 'text'], ['blob.bin', 'binary', 'binary'], ['bound-token', 'token', 'jwt'],
      ['broken.yaml', 'text', 'yaml'], ['settings.json', 'text', 'json']]);
    expect(view.keys.find((key) => key.key === 'bound-token')!.claims).toMatchObject({
      issuer: 'https://kubernetes.default.svc', subject: 'system:serviceaccount:shop:web', expired: false,
      serviceAccount: {namespace: 'shop', name: 'web', uid: 'u-1'}, boundTo: [{kind: 'Pod', name: 'web-1'}]});
    expect(view.problems).toEqual([
      'broken.yaml line 4, column 1: invalid YAML: a closing quote or bracket is missing',
      'settings.json line 4, column 1: invalid JSON: expected a double-quoted property name']);
    expect(view.keys.every((key) => key.value === undefined)).toBe(true);
  });

  test('--reveal adds values: text as UTF-8, binary as base64', () => {
    const view = inspectSecret(find('Secret', 'api'), {...options, reveal: true});
    expect(view.keys.find((key) => key.key === 'api-key')).toMatchObject({value: MARKER, encoding: 'utf-8'});
    expect(view.keys.find((key) => key.key === 'blob.bin')).toMatchObject({encoding: 'base64'});
  });

  test('the contract fields: name, namespace, type, keys with key, bytes, sha256, kind', () => {
    const view = inspectSecret(find('Secret', 'db'), options);
    expect(view).toMatchObject({name: 'db', namespace: 'shop', type: 'kubernetes.io/basic-auth'});
    expect(view.keys[0]).toMatchObject({key: 'password', bytes: MARKER.length, kind: 'text'});
    expect(view.keys[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('required keys per type', () => {
  const secret = (type: string, data: Record<string, string>, annotations?: Record<string, string>): KubeObject =>
    ({apiVersion: 'v1', kind: 'Secret', type, metadata: {name: 's', namespace: 'ns', annotations}, stringData: data});
  test.each([
    ['tls without tls.key', secret('kubernetes.io/tls', {'tls.crt': ''}), 'a kubernetes.io/tls Secret needs the key tls.key'],
    ['dockerconfigjson without its key', secret('kubernetes.io/dockerconfigjson', {}), 'a kubernetes.io/dockerconfigjson Secret needs the key .dockerconfigjson'],
    ['dockercfg without its key', secret('kubernetes.io/dockercfg', {}), 'a kubernetes.io/dockercfg Secret needs the key .dockercfg'],
    ['basic-auth with neither', secret('kubernetes.io/basic-auth', {}), 'a kubernetes.io/basic-auth Secret needs username or password'],
    ['ssh-auth without a key', secret('kubernetes.io/ssh-auth', {}), 'a kubernetes.io/ssh-auth Secret needs the key ssh-privatekey'],
    ['service-account-token without the annotation', secret('kubernetes.io/service-account-token', {}),
      'a service-account-token Secret needs the annotation kubernetes.io/service-account.name'],
    ['dockerconfigjson that is not JSON', secret('kubernetes.io/dockerconfigjson', {'.dockerconfigjson': '{"auths": '}),
      '.dockerconfigjson: not valid JSON (line 1, column 11: expected a value before the end of the text)'],
  ])('%s', (_name, object, problem) => {
    expect(inspectSecret(object, options).problems).toContain(problem);
  });

  test('a missing type reads as Opaque', () => {
    expect(inspectSecret({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}}, options).type).toBe('Opaque');
  });
});

describe('parts', () => {
  test.each([
    ['auth only', {auths: {r: {auth: Buffer.from('u:p').toString('base64')}}}, {username: 'u', hasAuth: true, problems: []}],
    ['auth and username disagree', {auths: {r: {username: 'a', auth: Buffer.from('b:p').toString('base64')}}}, {username: 'a', problems: ['"auth" names a different user than "username"']}],
    ['auth without a colon', {auths: {r: {auth: Buffer.from('nocolon').toString('base64')}}}, {problems: ['"auth" is not base64 of user:password']}],
    ['identity token', {auths: {r: {identitytoken: 't'}}}, {hasIdentityToken: true, problems: []}],
    ['nothing to log in with', {auths: {r: {username: 'u'}}}, {problems: ['no password, auth or identity token']}],
  ])('docker config: %s', (_name, config, expected) => {
    expect(readDockerConfig(JSON.stringify(config), false).registries[0]).toMatchObject(expected);
  });

  test.each([
    ['not a JWT', 'abc', ['not a JSON Web Token']],
    ['expired', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({exp: NOW / 1000 - 60})).toString('base64url')}.`, []],
  ])('JWT: %s', (_name, token, problems) => {
    const claims = readJwt(token, NOW);
    expect(claims.problems).toEqual(problems);
    if (problems.length === 0) expect(claims.expired).toBe(true);
  });

  test.each([
    ['wrong name', 'bootstrap-token-zzzzzz', 'kube-system', {'token-id': 'abc123', 'token-secret': '0123456789abcdef'}, ['the Secret must be named bootstrap-token-abc123 to be used']],
    ['bad secret', 'bootstrap-token-abc123', 'kube-system', {'token-id': 'abc123', 'token-secret': 'short'}, ['token-secret must be 16 characters of [a-z0-9]']],
    ['outside kube-system', 'bootstrap-token-abc123', 'default', {'token-id': 'abc123', 'token-secret': '0123456789abcdef'}, ['bootstrap tokens are only read from kube-system']],
  ])('bootstrap token: %s', (_name, name, namespace, values, problems) => {
    expect(readBootstrapToken(name, namespace, new Map(Object.entries(values)), NOW).problems).toEqual(problems);
  });

  test('ssh: an OpenSSH-format key reads the same fingerprint ssh-keygen prints', () => {
    // A throwaway key generated once with `ssh-keygen -t ed25519 -N ""` for this test (never used anywhere); `ssh-keygen -lf` printed the fingerprint below.
    const key = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACCb4GNVsng7loMvCLxSWqke1SkBjkfdm4x/320+7jQ9VQAAAJi+qWVgvqll',
      'YAAAAAtzc2gtZWQyNTUxOQAAACCb4GNVsng7loMvCLxSWqke1SkBjkfdm4x/320+7jQ9VQ',
      'AAAECp13PJHhI6358CBGxgAZtydAwkfeK1XSyGYLqvzyL0I5vgY1WyeDuWgy8IvFJaqR7V',
      'KQGOR92bjH/fbT7uND1VAAAAEGV4YW1wbGVAa3ViZXRlc3QBAgMEBQ==',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n');
    expect(readSshPrivateKey(key)).toEqual({keyType: 'ED25519', bits: 256, fingerprint: OPENSSH_FINGERPRINT, encrypted: false, problems: []});
  });
});

// Filled in from `ssh-keygen -lf` on the key above.
const OPENSSH_FINGERPRINT = 'SHA256:Ugs/cYa4eZb50tGytk1bEa+9IfneJU6eFJgzPH3Xnow';

describe('configmap view', () => {
  test('keys, binaryData, format problems by line', () => {
    const view = inspectConfigMap(find('ConfigMap', 'settings'), options);
    expect(view.keys.map((key) => [key.key, key.format, key.source])).toEqual([
      ['app.json', 'json', 'data'], ['app.yaml', 'yaml', 'data'], ['application.properties', 'properties', 'data'],
      ['bad.json', 'json', 'data'], ['kubeconfig', 'kubeconfig', 'data'], ['logo.png', 'binary', 'binaryData'], ['note', 'text', 'data']]);
    expect(view.problems).toEqual([
      'application.properties line 3: duplicate key (first set on line 1); the later value wins',
      'bad.json line 3, column 8: invalid JSON: expected a value']);
  });

  test('a CA bundle lists its certificates', () => {
    const view = inspectConfigMap(find('ConfigMap', 'ca-bundle'), options);
    expect(view.keys[0]!.certificates!.map((certificate) => [certificate.commonName, certificate.isCA])).toEqual([
      ['Example Root CA', true], ['Example Intermediate CA', true]]);
  });
});
