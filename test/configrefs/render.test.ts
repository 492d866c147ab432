// Text views: what a person reads. Colour marks expired (red) and expiring (yellow)
// certificates and dangling references; --no-color output carries no escape codes.

import {describe, expect, test} from '@jest/globals';
import {listCertificates} from '../../src/configrefs/certs.ts';
import {inspectConfigMap} from '../../src/configrefs/inspect-configmap.ts';
import {inspectSecret} from '../../src/configrefs/inspect-secret.ts';
import {traceReferences} from '../../src/configrefs/refs.ts';
import {renderCerts, renderConfigMap, renderRefs, renderSecret} from '../../src/configrefs/render.ts';
import {makePalette} from '../../src/output/colour.ts';
import {buildFixture, NOW} from './fixtures.ts';

const fixture = buildFixture(NOW);
const plain = {palette: makePalette(false)};
const colour = {palette: makePalette(true)};
const options = {now: NOW, expiringWithinDays: 30, reveal: false};
const find = (kind: string, name: string) => fixture.objects.find((object) => object.kind === kind && object.metadata.name === name)!;
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';

describe('secret view', () => {
  test.each([
    ['shop-tls', ['Type:       kubernetes.io/tls', 'Certificates in tls.crt:', '  [1] CN=shop.example.com', '(20 days left)', 'Chain:      in order', 'Key match:  tls.key matches the certificate']],
    ['wrong-key-tls', ['Key match:  tls.key does NOT match the certificate', 'Problems:']],
    ['old-tls', ['(expired 3 days ago)', 'Key:      RSA 2048']],
    ['registry', ['REGISTRY', 'registry.example.com   robot      ********']],
    ['db', ['Username:   shop', 'Password:   ********']],
    ['builder-token', ['ServiceAccount: builder', 'Issuer:    kubernetes/serviceaccount', 'Expires:   never']],
    ['bootstrap-token-abc123', ['Token ID:   abc123', 'Usages:     authentication, signing']],
    ['api', ['settings.json line 4, column 1: invalid JSON', 'Values are hidden; --reveal shows them']],
  ])('%s', (name, lines) => {
    const text = renderSecret(inspectSecret(find('Secret', name), options), plain);
    for (const line of lines) expect(text).toContain(line);
    expect(text).not.toContain('\u001b[');
  });

  test('expiring in yellow, expired in red', () => {
    expect(renderSecret(inspectSecret(find('Secret', 'shop-tls'), options), colour)).toContain(`${YELLOW}20 days left`);
    expect(renderSecret(inspectSecret(find('Secret', 'old-tls'), options), colour)).toContain(`${RED}expired 3 days ago`);
  });

  test('--reveal prints the values after a warning heading', () => {
    const text = renderSecret(inspectSecret(find('Secret', 'db'), {...options, reveal: true}), plain);
    expect(text).toContain('Values (--reveal):');
    expect(text).toContain('password:\n  ');
  });
});

test('configmap view: binaryData and line-numbered problems', () => {
  const text = renderConfigMap(inspectConfigMap(find('ConfigMap', 'settings'), options), plain);
  expect(text).toMatch(/logo\.png\s+7\s+binary\s+binary/);
  expect(text).toContain('bad.json line 3, column 8: invalid JSON: expected a value');
});

describe('refs view', () => {
  const result = traceReferences(fixture.objects, {namespace: 'shop'});
  test('table, dangling references with what they do, unused objects', () => {
    const text = renderRefs(result, plain);
    expect(text.split('\n')[0]).toMatch(/^OBJECT\s+USED BY\s+VIA\s+CONTAINER\s+STATUS$/);
    expect(text).toMatch(/secret\/db\[host\]\s+deployment\/web \(2 pods\)\s+env DB_HOST\s+web\s+missing key/);
    expect(text).toContain('Dangling references (5):');
    expect(text).toContain('  - deployment/web (2 pods) container web: key "host" is not in secret/db (env DB_HOST, spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef)');
    expect(text).toContain('    CreateContainerConfigError: the container cannot start until it exists');
    expect(text).toContain('Not used by anything (5):');
  });
  test('-A adds the namespace column; wide adds the field', () => {
    const text = renderRefs(traceReferences(fixture.objects, {}), {...plain, wide: true});
    expect(text.split('\n')[0]).toMatch(/^NAMESPACE\s+OBJECT\s+USED BY\s+VIA\s+CONTAINER\s+STATUS\s+FIELD$/);
    expect(text).toContain('(1 system-managed object left out of the unused list');
  });
  test('a required dangling reference in red, an optional one in yellow', () => {
    const text = renderRefs(result, colour);
    expect(text).toContain(`${RED}CreateContainerConfigError`);
    expect(text).toContain(`${YELLOW}optional: the variable is left unset`);
  });
});

test('certs view: summary line with headers; --no-headers leaves only the rows', () => {
  const result = listCertificates(fixture.objects, {now: NOW, expiringWithinDays: 30});
  expect(renderCerts(result, plain)).toContain('10 certificates: 1 expired, 3 expiring within 30 days, 6 valid');
  const text = renderCerts(result, {...plain, noHeaders: true});
  expect(text.split('\n')[0]).toMatch(/^shop\s+secret\/old-tls\s+tls\.crt\s+old\.example\.com/);
  expect(text).not.toContain('certificates:');
  expect(text.trimEnd().split('\n')).toHaveLength(result.certificates.length);
});

test('refs view: --no-headers leaves out the sections, only the rows remain', () => {
  const result = traceReferences(fixture.objects, {namespace: 'shop'});
  const text = renderRefs(result, {...plain, noHeaders: true});
  expect(text.trimEnd().split('\n')).toHaveLength(result.references.length);
  for (const section of ['Dangling references', 'Not used by anything', 'system-managed', 'OBJECT']) expect(text).not.toContain(section);
  expect(renderRefs(traceReferences([], {}), {...plain, noHeaders: true})).toBe('');
  expect(renderCerts(listCertificates([], {now: NOW, expiringWithinDays: 30}), {...plain, noHeaders: true})).toBe('');
});
