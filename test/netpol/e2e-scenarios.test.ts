// The upstream NetworkPolicy e2e scenarios, stated as truth tables.
// Source: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (test names quoted),
// with its model (model.go) and truth tables (truthtable.go, reachability.go).

import type {KubeObject} from '../../src/cluster/types.ts';
import {Evaluator} from '../../src/netpol/evaluate.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import type {Protocol} from '../../src/netpol/types.ts';
import {egressOnly, ingressOnly, modelObjects, networkPolicy, podIp} from './model.ts';
import {TruthTable} from './truth-table.ts';

interface Check {
  port: number | string;
  protocol: Protocol;
  expect: (table: TruthTable) => void;
}

interface Scenario {
  name: string;
  pods: string[];
  policies: KubeObject[];
  checks: Check[];
  /** Changes to the model objects (label updates). */
  change?: (objects: KubeObject[]) => void;
}

const nsLabel = 'kubernetes.io/metadata.name';
const tcp = (port: number | string, expect: Check['expect']): Check => ({port, protocol: 'TCP', expect});
const none = () => {};
const denyIngress = (ns: string, name = 'deny-ingress') => networkPolicy(ns, name, {}, ingressOnly());
const pod = (name: string) => ({matchLabels: {pod: name}});

const scenarios: Scenario[] = [
  {name: "should support a 'default-deny-ingress' policy", pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    policies: [denyIngress('x')],
    checks: [tcp(80, (t) => t.expectPeer({}, {namespace: 'x'}, false))]},
  {name: "should support a 'default-deny-all' policy", pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'deny-all', {}, {ingress: [], egress: [], policyTypes: ['Ingress', 'Egress']})],
    checks: [tcp(80, (t) => t.expectPeer({}, {namespace: 'x'}, false).expectPeer({namespace: 'x'}, {}, false))]},
  {name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector', pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: [networkPolicy('x', 'x-a-allows-x-b', pod('a'), ingressOnly({from: [{podSelector: pod('b')}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true))]},
  {name: 'should enforce policy to allow ingress traffic for a target', pods: ['x/a', 'x/b', 'y/a'],
    policies: [denyIngress('x', 'deny-all'), networkPolicy('x', 'allow-all-to-a', pod('a'), ingressOnly({from: [{podSelector: {}, namespaceSelector: {}}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', true).expectAllIngress('x/b', false))]},
  {name: 'should enforce policy to allow ingress traffic from pods in all namespaces', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-from-another-ns', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {}}}]}))],
    checks: [tcp(80, none)]},
  {name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false))]},
  {name: 'should enforce policy based on PodSelector with MatchExpressions', pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'x-a-allows-x-b', pod('a'), ingressOnly({from: [{podSelector: {matchExpressions: [{key: 'pod', operator: 'In', values: ['b']}]}}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true))]},
  {name: 'should enforce policy based on NamespaceSelector with MatchExpressions', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-ns-y-match-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchExpressions: [{key: nsLabel, operator: 'In', values: ['y']}]}}]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false))]},
  {name: 'should enforce policy based on PodSelector or NamespaceSelector', pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: [networkPolicy('x', 'allow-ns-y-match-selector', pod('a'), ingressOnly({from: [
      {namespaceSelector: {matchExpressions: [{key: nsLabel, operator: 'NotIn', values: ['x']}]}},
      {podSelector: pod('b')},
    ]}))],
    checks: [tcp(80, (t) => t.expect('x/a', 'x/a', false).expect('x/c', 'x/a', false))]},
  {name: 'should enforce policy based on PodSelector and NamespaceSelector', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'],
    policies: [networkPolicy('x', 'allow-ns-y-podselector-and-nsselector', pod('a'), ingressOnly({from: [
      {namespaceSelector: {matchExpressions: [{key: nsLabel, operator: 'NotIn', values: ['x']}]}, podSelector: pod('b')},
    ]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true))]},
  {name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'],
    policies: [networkPolicy('x', 'allow-ns-y-z-pod-b-c', pod('a'), ingressOnly({from: [{
      namespaceSelector: {matchExpressions: [{key: nsLabel, operator: 'NotIn', values: ['x']}]},
      podSelector: {matchExpressions: [{key: 'pod', operator: 'In', values: ['b', 'c']}]},
    }]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expect('y/a', 'x/a', false))]},
  {name: 'should enforce policy based on any PodSelectors', pods: ['x/a', 'x/b', 'x/c'],
    policies: [networkPolicy('x', 'allow-ns-x-pod-b-c', pod('a'), ingressOnly({from: [{podSelector: pod('b')}, {podSelector: pod('c')}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true))]},
  {name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: [networkPolicy('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}, podSelector: pod('a')}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('y/a', 'x/a', true))]},
  {name: 'should enforce policy based on Ports', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 81, protocol: 'TCP'}]}))],
    checks: [tcp(81, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'y'}, {namespace: 'x', pod: 'a'}, true).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false))]},
  {name: 'should enforce multiple, stacked policies with overlapping podSelectors (port 81 only)', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 81, protocol: 'TCP'}]}))],
    checks: [
      tcp(81, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false)),
      tcp(80, (t) => t.expectAllIngress('x/a', false)),
    ]},
  {name: 'should enforce multiple, stacked policies with overlapping podSelectors (port 80 added)', pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: [
      networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 81, protocol: 'TCP'}]})),
      networkPolicy('x', 'allow-client-a-via-ns-selector-80', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 80, protocol: 'TCP'}]})),
    ],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false))]},
  {name: 'should support allow-all policy', pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'allow-all', {matchLabels: {}}, ingressOnly({}))],
    checks: [tcp(80, none), tcp(81, none)]},
  {name: 'should allow ingress access on one named port', pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'allow-all', {matchLabels: {}}, ingressOnly({ports: [{port: 'serve-81-tcp'}]}))],
    checks: [tcp(81, none), tcp(80, (t) => t.expectPeer({}, {namespace: 'x'}, false))]},
  {name: 'should allow ingress access from namespace on one named port', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector-80', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 'serve-80-tcp', protocol: 'TCP'}]}))],
    checks: [
      tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false)),
      tcp(81, (t) => t.expectAllIngress('x/a', false)),
    ]},
  {name: 'should allow egress access on one named port', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-egress', {matchLabels: {}}, egressOnly({ports: [{port: 'serve-80-tcp'}]}))],
    checks: [tcp(80, none), tcp(81, (t) => t.expectPeer({namespace: 'x'}, {}, false))]},
  {name: 'should enforce updated policy (allow all, then ingress: [])', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-all-mutate-to-deny-all', {matchLabels: {}}, ingressOnly())],
    checks: [tcp(81, (t) => t.expectPeer({}, {namespace: 'x'}, false))]},
  {name: 'should allow ingress access from updated namespace (before the label)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {ns2: 'updated'}}}]}))],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false))]},
  {name: 'should allow ingress access from updated namespace (after the label)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {ns2: 'updated'}}}]}))],
    change: (objects) => labelObject(objects, 'Namespace', undefined, 'y', {ns2: 'updated'}),
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expectPeer({namespace: 'y'}, {}, true))]},
  {name: 'should allow ingress access from updated pod (after the label)', pods: ['x/a', 'x/b'],
    policies: [networkPolicy('x', 'allow-client-a-via-pod-selector', pod('a'), ingressOnly({from: [{podSelector: {matchLabels: {pod: 'b', pod2: 'updated'}}}]}))],
    change: (objects) => labelObject(objects, 'Pod', 'x', 'b', {pod2: 'updated'}),
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true))]},
  {name: 'should deny ingress from pods on other namespaces', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'deny-empty-policy', {}, ingressOnly({from: [{podSelector: {matchLabels: {}}}]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'y'}, {namespace: 'x'}, false).expectPeer({namespace: 'z'}, {namespace: 'x'}, false))]},
  {name: 'should deny ingress access to updated pod (after the label)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'deny-ingress-via-label-selector', {matchLabels: {target: 'isolated'}}, ingressOnly())],
    change: (objects) => labelObject(objects, 'Pod', 'x', 'a', {target: 'isolated'}),
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false))]},
  {name: 'should deny egress from pods based on PodSelector', pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'deny-egress-pod-a', pod('a'), egressOnly())],
    checks: [tcp(80, (t) => t.expectAllEgress('x/a', false))]},
  {name: 'should deny egress from all pods in a namespace', pods: ['x/a', 'x/b', 'y/a'],
    policies: [networkPolicy('x', 'deny-egress-ns-x', {}, egressOnly())],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {}, false))]},
  {name: 'should work with Ingress, Egress specified together', pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-pod-selector', pod('a'), {
      ingress: [{from: [{podSelector: pod('b')}]}], egress: [{ports: [{port: 80}]}], policyTypes: ['Egress', 'Ingress'],
    })],
    checks: [
      tcp(80, (t) => t.expectAllIngress('x/a', false).expect('x/b', 'x/a', true)),
      tcp(81, (t) => t.expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true)),
    ]},
  {name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', pods: ['x/a', 'y/a', 'y/b'],
    policies: [
      networkPolicy('x', 'allow-to-ns-y-pod-a', pod('a'), egressOnly({to: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}, podSelector: pod('a')}]})),
      networkPolicy('y', 'allow-from-xa-on-ya-match-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'x'}}, podSelector: pod('a')}]})),
      networkPolicy('y', 'allow-from-xa-on-yb-match-selector', pod('b'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'x'}}, podSelector: pod('a')}]})),
    ],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x', pod: 'a'}, {}, false).expectPeer({}, {namespace: 'y', pod: 'a'}, false)
      .expectPeer({namespace: 'x', pod: 'a'}, {namespace: 'y', pod: 'a'}, true).expectPeer({}, {namespace: 'y', pod: 'b'}, false))]},
  {name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', pods: ['x/a', 'y/a', 'y/b'],
    policies: [networkPolicy('x', 'allow-to-ns-y-pod-a', pod('a'), egressOnly({to: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}, podSelector: pod('a')}]}))],
    checks: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/a', true))]},
  {name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-ingress-by-proto', pod('a'), ingressOnly({ports: [{protocol: 'TCP'}]}))],
    checks: [tcp(80, none), {port: 80, protocol: 'UDP', expect: (t) => t.expectPeer({}, {namespace: 'x', pod: 'a'}, false)}]},
  {name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence (port 80 only)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-ingress-port-80', {matchLabels: {}}, ingressOnly({ports: [{port: 80}]}))],
    checks: [tcp(81, (t) => t.expectPeer({}, {namespace: 'x'}, false))]},
  {name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence (allow-all added)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-ingress-port-80', {matchLabels: {}}, ingressOnly({ports: [{port: 80}]})), networkPolicy('x', 'allow-ingress', {matchLabels: {}}, ingressOnly({}))],
    checks: [tcp(81, none)]},
  {name: 'should enforce multiple egress policies with egress allow-all policy taking precedence (port 80 only)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-egress-port-80', {matchLabels: {}}, egressOnly({ports: [{port: 80}]}))],
    checks: [tcp(81, (t) => t.expectPeer({namespace: 'x'}, {}, false))]},
  {name: 'should enforce multiple egress policies with egress allow-all policy taking precedence (allow-all added)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-egress-port-80', {matchLabels: {}}, egressOnly({ports: [{port: 80}]})), networkPolicy('x', 'allow-egress', {matchLabels: {}}, egressOnly({}))],
    checks: [tcp(81, none)]},
  {name: 'should stop enforcing policies after they are deleted (while present)', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'deny-all', {}, {ingress: [], egress: [], policyTypes: ['Ingress', 'Egress']})],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {}, false).expectPeer({}, {namespace: 'x'}, false))]},
  {name: 'should stop enforcing policies after they are deleted (deleted)', pods: ['x/a', 'y/a'], policies: [], checks: [tcp(80, none)]},
  {name: 'should allow egress access to server in CIDR block', pods: ['x/a', 'y/a', 'y/b'],
    policies: [networkPolicy('x', 'allow-client-a-via-cidr-egress-rule', pod('a'), egressOnly({to: [{ipBlock: {cidr: `${podIp('y', 'b')}/32`}}]}))],
    checks: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'y/b', true))]},
  {name: 'should enforce except clause while egress access to server in CIDR block', pods: ['x/a', 'x/b', 'x/c'],
    policies: [networkPolicy('x', 'allow-client-a-via-cidr-egress-rule', pod('a'), egressOnly({to: [{ipBlock: {cidr: '0.0.0.0/4', except: [`${podIp('x', 'b')}/32`]}}]}))],
    checks: [tcp(80, (t) => t.expect('x/a', 'x/b', false))]},
  {name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed', pods: ['x/a', 'x/b', 'x/c'],
    policies: [
      networkPolicy('x', 'allow-client-a-via-cidr-egress-rule', pod('a'), egressOnly({to: [{ipBlock: {cidr: '0.0.0.0/4', except: [`${podIp('x', 'b')}/32`]}}]})),
      networkPolicy('x', 'allow-client-a-via-cidr-egress-rule-2', pod('a'), egressOnly({to: [{ipBlock: {cidr: `${podIp('x', 'b')}/32`}}]})),
    ],
    checks: [tcp(80, none)]},
  {name: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (after the update)', pods: ['x/a', 'x/b', 'x/c'],
    policies: [networkPolicy('x', 'allow-client-a-via-cidr-egress-rule', pod('a'), egressOnly({to: [{ipBlock: {cidr: `${podIp('x', 'b')}/32`}}]}))],
    checks: [tcp(80, (t) => t.expectAllEgress('x/a', false).expect('x/a', 'x/b', true))]},
  {name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector', pods: ['x/a', 'x/b', 'y/a'],
    policies: [
      networkPolicy('x', 'allow-egress-for-target', pod('a'), egressOnly({})),
      networkPolicy('x', 'deny-ingress-via-label-selector', pod('a'), ingressOnly()),
    ],
    checks: [tcp(80, (t) => t.expectAllIngress('x/a', false))]},
  {name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP", pods: ['x/a', 'y/a'],
    policies: [denyIngress('x'), networkPolicy('x', 'allow-only-sctp-ingress-on-port-81', pod('a'), ingressOnly({ports: [{port: 81, protocol: 'SCTP'}]}))],
    checks: [tcp(81, (t) => t.expectPeer({}, {namespace: 'x'}, false))]},
  {name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP", pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-only-sctp-ingress-on-port-80', pod('a'), ingressOnly({ports: [{port: 80, protocol: 'SCTP'}]}))],
    checks: [tcp(81, (t) => t.expectAllIngress('x/a', false))]},
  {name: 'should not allow access by TCP when a policy specifies only UDP', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-only-udp-ingress-on-port-81', pod('a'), ingressOnly({ports: [{port: 81, protocol: 'UDP'}]}))],
    checks: [tcp(81, (t) => t.expectAllIngress('x/a', false))]},
  {name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-client-a-via-ns-selector-for-immutable-ns-label', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false))]},
  {name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label', pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: [networkPolicy('x', 'allow-ns-y-match-selector-for-immutable-ns-label', pod('a'), egressOnly({to: [{namespaceSelector: {matchExpressions: [{key: nsLabel, operator: 'NotIn', values: ['y']}]}}]}))],
    checks: [tcp(80, (t) => t.expectPeer({namespace: 'x', pod: 'a'}, {namespace: 'y'}, false))]},
  // "NetworkPolicy between server and client using UDP" and "... using SCTP"
  ...(['UDP', 'SCTP'] as const).flatMap((protocol): Scenario[] => [
    {name: `[${protocol}] should support a 'default-deny-ingress' policy`, pods: ['x/a', 'x/b', 'y/a', 'y/b'],
      policies: [denyIngress('x', 'deny-all')],
      checks: [{port: 80, protocol, expect: (t) => t.expectPeer({}, {namespace: 'x'}, false)}]},
    {name: `[${protocol}] should enforce policy based on Ports`, pods: ['x/a', 'x/b', 'y/a', 'z/a'],
      policies: [networkPolicy('x', 'allow-ingress-on-port-81-ns-x', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}}], ports: [{port: 81, protocol}]}))],
      checks: [{port: 81, protocol, expect: (t) => t.expectPeer({namespace: 'x'}, {namespace: 'x', pod: 'a'}, false).expectPeer({namespace: 'z'}, {namespace: 'x', pod: 'a'}, false)}]},
    {name: `[${protocol}] should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector`, pods: ['x/a', 'x/b', 'y/a'],
      policies: [networkPolicy('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', pod('a'), ingressOnly({from: [{namespaceSelector: {matchLabels: {[nsLabel]: 'y'}}, podSelector: pod('a')}]}))],
      checks: [{port: 80, protocol, expect: (t) => t.expectAllIngress('x/a', false).expect('y/a', 'x/a', true)}]},
  ]),
  // endPort: from the earlier upstream e2e ("should support egress/ingress with endPort" [Feature:NetworkPolicyEndPort]).
  {name: 'should allow ingress on a port range (endPort) and deny outside it', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-range', pod('a'), ingressOnly({ports: [{port: 80, endPort: 81}]}))],
    checks: [tcp(80, none), tcp(81, none), tcp(82, (t) => t.expectAllIngress('x/a', false))]},
  {name: 'should allow egress on a port range (endPort) and deny outside it', pods: ['x/a', 'y/a'],
    policies: [networkPolicy('x', 'allow-range', pod('a'), egressOnly({ports: [{port: 81, endPort: 90, protocol: 'TCP'}]}))],
    checks: [tcp(80, (t) => t.expectAllEgress('x/a', false)), tcp(81, none)]},
];

function labelObject(objects: KubeObject[], kind: string, namespace: string | undefined, name: string, labels: Record<string, string>): void {
  const object = objects.find((item) => item.kind === kind && item.metadata.name === name && item.metadata.namespace === namespace)!;
  object.metadata.labels = {...object.metadata.labels, ...labels};
}

describe('upstream e2e scenarios (test/e2e/network/netpol/network_policy.go)', () => {
  test.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    const objects = [...modelObjects({pods: scenario.pods}), ...scenario.policies];
    scenario.change?.(objects);
    const snapshot = buildSnapshot(objects, {offline: true});
    const evaluator = new Evaluator(snapshot);
    expect(snapshot.pods.map((pod) => pod.id)).toEqual([...scenario.pods].sort());
    for (const check of scenario.checks) {
      const matrix = new ReachabilityMatrix(evaluator, snapshot.pods, {port: check.port, protocol: check.protocol});
      const index = new Map(snapshot.pods.map((pod, position) => [pod.id, position]));
      const table = new TruthTable(snapshot.pods.map((pod) => pod.id), true);
      check.expect(table);
      const diff = table.diff((from, to) => matrix.allowed(index.get(from)!, index.get(to)!));
      if (diff) throw new Error(`${check.protocol}/${check.port}: ${diff}`);
      // Loopback: always allowed by the engine (CONTRACT.md), whatever the policies.
      for (const pod of snapshot.pods) expect(matrix.allowed(index.get(pod.id)!, index.get(pod.id)!)).toBe(true);
      // The class shortcut agrees with evaluating every pair on its own.
      for (const from of snapshot.pods) {
        for (const to of snapshot.pods) {
          if (from === to) continue;
          const direct = matrix.verdicts(from, to).some((verdict) => verdict.allowed);
          expect([from.id, to.id, direct]).toEqual([from.id, to.id, matrix.allowed(index.get(from.id)!, index.get(to.id)!)]);
        }
      }
    }
  });
});
