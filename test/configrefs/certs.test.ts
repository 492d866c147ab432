// `inspect certs`: every certificate in Secrets and ConfigMaps, soonest expiry first, and the
// window that makes the command exit 1.

import {describe, expect, test} from '@jest/globals';
import {listCertificates, parseWindow} from '../../src/configrefs/certs.ts';
import {buildFixture, NOW} from './fixtures.ts';
import {runInspect} from './run-inspect.ts';

const fixture = buildFixture(NOW);

describe('listCertificates', () => {
  const result = listCertificates(fixture.objects, {now: NOW, expiringWithinDays: 30});

  test('soonest first, from Secrets and ConfigMaps, CA bundles included', () => {
    const rows = result.certificates.map((row) => `${row.kind}/${row.name} ${row.key}#${row.index} ${row.commonName} ${row.status} ${row.daysLeft}`);
    expect(rows.slice(0, 5)).toEqual([
      'Secret/old-tls tls.crt#0 old.example.com expired -3',
      'Secret/reversed-tls tls.crt#1 shop.example.com expiring 20',
      'Secret/shop-tls tls.crt#0 shop.example.com expiring 20',
      'Secret/wrong-key-tls tls.crt#0 shop.example.com expiring 20',
      'ConfigMap/ca-bundle ca.crt#1 Example Intermediate CA valid 1500',
    ]);
    expect(result.summary).toEqual({total: 10, expired: 1, expiring: 3, valid: 6, notYetValid: 0, inWindow: 4});
    expect(result.certificates.filter((row) => row.kind === 'ConfigMap').map((row) => row.name)).toEqual(
      ['ca-bundle', 'ca-bundle', 'kube-root-ca.crt']);
  });

  test('only Secrets and ConfigMaps that hold PEM are decoded', () => {
    const objects = [{apiVersion: 'v1', kind: 'Secret', metadata: {name: 'x', namespace: 'n'}, data: {a: 'aGVsbG8='}}];
    expect(listCertificates(objects, {now: NOW, expiringWithinDays: 30}).certificates).toEqual([]);
  });
});

describe('parseWindow', () => {
  test.each([
    ['30d', 30], ['2w', 14], ['720h', 30], ['90', 90], ['1.5d', 1.5], ['bad', undefined], ['-1d', undefined],
  ])('%s', (text, days) => {
    expect(parseWindow(text)).toBe(days);
  });
});

describe('the command', () => {
  test.each([
    ['no window given: exit 0', ['certs', '-A'], 0],
    ['30d window with expiring certificates: exit 1', ['certs', '-A', '--expiring-within', '30d'], 1],
    ['1d window still holds the expired one: exit 1', ['certs', '-A', '--expiring-within', '1d'], 1],
    ['a namespace with none inside the window: exit 0', ['certs', '-n', 'kube-system', '--expiring-within', '30d'], 0],
    ['a bad window: exit 2', ['certs', '-A', '--expiring-within', 'soon'], 2],
  ])('%s', async (_name, argv, code) => {
    const result = await runInspect(buildFixture(Date.now()).objects, argv);
    expect(result.code).toBe(code);
  });

  test('text output names the object, key and days', async () => {
    const result = await runInspect(buildFixture(Date.now()).objects, ['certs', '-n', 'shop', '--no-color']);
    expect(result.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+OBJECT\s+KEY\s+SUBJECT\s+EXPIRES\s+DAYS\s+STATUS$/);
    expect(result.stdout).toMatch(/shop\s+secret\/old-tls\s+tls\.crt\s+old\.example\.com\s+\S+\s+-3\s+expired/);
  });
});
