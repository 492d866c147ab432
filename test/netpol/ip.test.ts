// CIDR math for ipBlock (IPv4 and IPv6), with except, as Go's net.ParseCIDR reads addresses.

import {cidrContainsCidr, formatIp, ipBlockContains, parseCidr, parseIp} from '../../src/netpol/ip.ts';

const block = (cidr: string, except: string[] = []) => ({cidr: parseCidr(cidr)!, except: except.map((text) => parseCidr(text)!)});

test.each([
  ['IPv4 inside', '10.0.0.0/8', [], '10.1.2.3', true],
  ['IPv4 outside', '10.0.0.0/8', [], '11.0.0.1', false],
  ['IPv4 in except', '10.0.0.0/8', ['10.1.0.0/16'], '10.1.2.3', false],
  ['IPv4 beside except', '10.0.0.0/8', ['10.1.0.0/16'], '10.2.0.1', true],
  ['/32 host', '10.1.0.12/32', [], '10.1.0.12', true],
  ['0.0.0.0/0 everything v4', '0.0.0.0/0', [], '203.0.113.9', true],
  ['0.0.0.0/0 not v6', '0.0.0.0/0', [], '2001:db8::1', false],
  ['host bits set are cleared', '10.1.2.3/16', [], '10.1.200.1', true],
  ['IPv6 inside', '2001:db8::/32', [], '2001:db8:1::5', true],
  ['IPv6 outside', '2001:db8::/32', [], '2001:db9::1', false],
  ['IPv6 except', 'fd00::/8', ['fd00:1::/32'], 'fd00:1::7', false],
  ['IPv6 ::/0', '::/0', [], '::1', true],
  ['IPv4-mapped tail', '::ffff:0:0/96', [], '::ffff:10.0.0.1', true],
] as const)('%s', (_name, cidr, except, ip, expected) => {
  expect(ipBlockContains(block(cidr, [...except]), parseIp(ip)!)).toBe(expected);
});

test.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '01.0.0.0/8', '2001:db8::/129', '1::2::3/64', 'x/8'])('rejects %s', (text) => {
  expect(parseCidr(text)).toBeUndefined();
});

test('containment and formatting', () => {
  expect(cidrContainsCidr(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!)).toBe(true);
  expect(cidrContainsCidr(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(false);
  expect(formatIp(parseIp('2001:0db8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
  expect(formatIp(parseIp('10.0.0.1')!)).toBe('10.0.0.1');
});
