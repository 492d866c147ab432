// The test cluster's simulated network (test/cluster/handlers/connectivity.ts): reading the file,
// and which attempts connect: listed flows first (first match wins, `*` and omitted fields match
// anything), then the default: allow, deny, or the policies (an enforcing plugin).

import {join} from 'node:path';
import type {KubeObject} from '../../src/cluster/types.ts';
import {connects, loadConnectivity, readConnectivity} from '../cluster/handlers/connectivity.ts';
import {root} from '../integration/helpers.ts';

const fixtures = join(root, 'test', 'netpol-probe', 'fixtures');

const pod = (id: string, ip: string, labels: Record<string, string> = {}): KubeObject => {
  const [namespace, name] = id.split('/');
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, labels}, spec: {containers: [{name: 'c', ports: [{containerPort: 80}]}]}, status: {phase: 'Running', podIP: ip}};
};
const denyAllInY: KubeObject = {apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: {name: 'deny', namespace: 'y'}, spec: {podSelector: {}, policyTypes: ['Ingress']}};
const objects = [pod('x/a', '10.0.0.1'), pod('y/b', '10.0.0.2'), denyAllInY];
const from = objects[0];

test('the fixtures read', () => {
  expect(loadConnectivity(join(fixtures, 'no-enforcement.yaml'))).toEqual({default: 'allow', flows: [], ephemeralContainers: true, execDelayMs: 0});
  expect(loadConnectivity(join(fixtures, 'enforcing.yaml')).default).toBe('policies');
});

test.each([
  ['default allow', {default: 'allow'}, '10.0.0.2', 80, true],
  ['default deny', {default: 'deny'}, '10.0.0.2', 80, false],
  ['policies: y is isolated for ingress', {default: 'policies'}, '10.0.0.2', 80, false],
  ['policies: a host outside the cluster is not isolated', {default: 'policies'}, '203.0.113.1', 443, true],
  ['a flow by pod names overrides the default', {default: 'policies', flows: [{from: 'x/a', to: 'y/b', result: 'allow'}]}, '10.0.0.2', 80, true],
  ['wildcards', {default: 'allow', flows: [{from: 'x/*', to: '*', port: 80, result: 'deny'}]}, '10.0.0.2', 80, false],
  ['a flow for another port does not match', {default: 'allow', flows: [{to: 'y/b', port: 81, result: 'deny'}]}, '10.0.0.2', 80, true],
  ['a flow for another protocol does not match', {default: 'allow', flows: [{to: 'y/b', protocol: 'udp', result: 'deny'}]}, '10.0.0.2', 80, true],
  ['the first matching flow wins', {default: 'deny', flows: [{to: '10.0.0.2', result: 'allow'}, {result: 'deny'}]}, '10.0.0.2', 80, true],
])('%s', (_name, file, address, port, expected) => {
  expect(connects(readConnectivity(file), objects, {from, address, port, protocol: 'TCP'})).toBe(expected);
});

test.each([
  ['an unknown default', {default: 'maybe'}, 'default must be allow, deny or policies'],
  ['a flow without a result', {flows: [{from: 'x/a'}]}, 'flows[0].result must be allow or deny'],
])('refuses %s', (_name, file, message) => {
  expect(() => readConnectivity(file, 'c.yaml')).toThrow(`c.yaml: ${message}`);
});
