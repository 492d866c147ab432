// --links: the relations that are not ownership, around a pod. Which fields name Secrets,
// ConfigMaps and claims is the shared index's business (src/kube/references.ts, tested with
// `inspect refs`); here: how they read as links, and the selector-based relations
// (Service spec.selector as a map where empty selects nothing; NetworkPolicy podSelector where
// {} selects every pod of the namespace; PodDisruptionBudget selector, policy/v1, where null
// selects nothing), Ingress backends, claims to volumes and pods to nodes.

import type {KubeObject} from '../../src/cluster/types.ts';
import {LinkIndex} from '../../src/ownership/links.ts';
import {obj} from './fixtures.ts';

const pod = obj('v1', 'Pod', 'shop/web-1', 'p1', {
  metadata: {name: 'web-1', namespace: 'shop', labels: {app: 'web', tier: 'front'}},
  spec: {
    nodeName: 'worker-1',
    serviceAccountName: 'web',
    imagePullSecrets: [{name: 'registry'}],
    containers: [{name: 'web', envFrom: [{configMapRef: {name: 'web-config'}}],
      env: [{name: 'A', valueFrom: {configMapKeyRef: {name: 'web-config', key: 'a'}}}, {name: 'OPT', valueFrom: {secretKeyRef: {name: 'maybe', key: 'x', optional: true}}}]}],
    volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data-web-1'}}, {name: 'tls', secret: {secretName: 'web-tls'}}],
  },
});

function linksOf(objects: KubeObject[], target: KubeObject = pod, unreadableKinds?: Set<string>): string[] {
  const index = new LinkIndex(objects, {unreadableKinds});
  const lines: string[] = [];
  const walk = (links: ReturnType<LinkIndex['linksOf']>, depth: number) => {
    for (const link of links ?? []) {
      lines.push(`${'  '.repeat(depth)}${link.kind}/${link.name} [${link.relation}] ${link.status}`);
      walk(link.links, depth + 1);
    }
  };
  walk(index.linksOf(target), 0);
  return lines;
}

const present = [
  obj('v1', 'ServiceAccount', 'shop/web', 'sa'), obj('v1', 'ConfigMap', 'shop/web-config', 'cm'), obj('v1', 'Secret', 'shop/web-tls', 's1'),
  obj('v1', 'PersistentVolumeClaim', 'shop/data-web-1', 'pvc', {spec: {volumeName: 'pv-1'}, status: {phase: 'Bound'}}),
  obj('v1', 'PersistentVolume', 'pv-1', 'pv', {status: {phase: 'Bound'}}),
  obj('v1', 'Node', 'worker-1', 'n1', {status: {conditions: [{type: 'Ready', status: 'False', reason: 'KubeletNotReady'}]}}),
];

describe('LinkIndex', () => {
  test('a pod\'s references, with nested claim → volume, sorted by kind then name', () => {
    expect(linksOf(present)).toEqual([
      'ConfigMap/web-config [env A, envFrom] -',
      'Node/worker-1 [nodeName] NotReady',
      'PersistentVolumeClaim/data-web-1 [volume data] Bound',
      '  PersistentVolume/pv-1 [volumeName] Bound',
      'Secret/maybe [env OPT] NotFound (optional)',
      'Secret/registry [imagePullSecret] NotFound',
      'Secret/web-tls [volume tls] -',
      'ServiceAccount/web [serviceAccountName] -',
    ]);
  });

  test('missing targets are marked missing and unhealthy; unreadable kinds are Unknown', () => {
    const index = new LinkIndex([]);
    const links = index.linksOf(pod)!;
    expect(links.find((link) => link.name === 'registry')).toMatchObject({missing: true, status: 'NotFound', health: 'bad', apiVersion: 'v1', namespace: 'shop'});
    expect(links.find((link) => link.kind === 'Node')).toMatchObject({missing: true, namespace: ''});
    expect(linksOf([], pod, new Set(['Secret'])).filter((line) => line.startsWith('Secret/'))).toEqual([
      'Secret/maybe [env OPT] Unknown', 'Secret/registry [imagePullSecret] Unknown', 'Secret/web-tls [volume tls] Unknown',
    ]);
  });

  test.each([
    {name: 'a Service whose selector matches', object: obj('v1', 'Service', 'shop/web', 'svc', {spec: {selector: {app: 'web'}}}), want: ['Service/web [selector] -']},
    {name: 'a Service whose selector does not match', object: obj('v1', 'Service', 'shop/api', 'svc', {spec: {selector: {app: 'api'}}}), want: []},
    {name: 'a Service without selector selects nothing', object: obj('v1', 'Service', 'shop/ext', 'svc', {spec: {type: 'ExternalName'}}), want: []},
    {name: 'a Service with an empty selector selects nothing', object: obj('v1', 'Service', 'shop/empty', 'svc', {spec: {selector: {}}}), want: []},
    {name: 'a Service in another namespace', object: obj('v1', 'Service', 'other/web', 'svc', {spec: {selector: {app: 'web'}}}), want: []},
    {name: 'a NetworkPolicy with podSelector {} selects every pod', object: obj('networking.k8s.io/v1', 'NetworkPolicy', 'shop/deny-all', 'np', {spec: {podSelector: {}}}),
      want: ['NetworkPolicy/deny-all [podSelector] -']},
    {name: 'a NetworkPolicy with matchExpressions', object: obj('networking.k8s.io/v1', 'NetworkPolicy', 'shop/front', 'np',
      {spec: {podSelector: {matchExpressions: [{key: 'tier', operator: 'In', values: ['front', 'edge']}]}}}), want: ['NetworkPolicy/front [podSelector] -']},
    {name: 'a NetworkPolicy not selecting', object: obj('networking.k8s.io/v1', 'NetworkPolicy', 'shop/db', 'np', {spec: {podSelector: {matchLabels: {app: 'db'}}}}), want: []},
    {name: 'a NetworkPolicy with an invalid selector selects nothing', object: obj('networking.k8s.io/v1', 'NetworkPolicy', 'shop/bad', 'np',
      {spec: {podSelector: {matchExpressions: [{key: 'tier', operator: 'Near'}]}}}), want: []},
    {name: 'a PodDisruptionBudget selecting', object: obj('policy/v1', 'PodDisruptionBudget', 'shop/web', 'pdb', {spec: {selector: {matchLabels: {app: 'web'}}}}),
      want: ['PodDisruptionBudget/web [selector] -']},
    {name: 'a PodDisruptionBudget with an empty selector selects every pod (policy/v1)', object: obj('policy/v1', 'PodDisruptionBudget', 'shop/all', 'pdb', {spec: {selector: {}}}),
      want: ['PodDisruptionBudget/all [selector] -']},
    {name: 'a PodDisruptionBudget without selector selects nothing', object: obj('policy/v1', 'PodDisruptionBudget', 'shop/none', 'pdb', {spec: {minAvailable: 1}}), want: []},
  ])('$name', ({object, want}) => {
    const selectorLinks = linksOf([...present, object]).filter((line) => /^(Service|NetworkPolicy|PodDisruptionBudget)\//.test(line));
    expect(selectorLinks).toEqual(want);
  });

  test('Ingresses routing to a selecting Service hang under it (rules, default backend, old serviceName)', () => {
    const objects = [...present, obj('v1', 'Service', 'shop/web', 'svc', {spec: {selector: {app: 'web'}}}),
      obj('networking.k8s.io/v1', 'Ingress', 'shop/main', 'i1', {spec: {rules: [{http: {paths: [{backend: {service: {name: 'web', port: {number: 80}}}}]}}]}}),
      obj('networking.k8s.io/v1', 'Ingress', 'shop/fallback', 'i2', {spec: {defaultBackend: {service: {name: 'web'}}}}),
      obj('extensions/v1beta1', 'Ingress', 'shop/legacy', 'i3', {spec: {backend: {serviceName: 'web', servicePort: 80}}}),
      obj('networking.k8s.io/v1', 'Ingress', 'shop/other', 'i4', {spec: {defaultBackend: {service: {name: 'api'}}}}),
      obj('networking.k8s.io/v1', 'Ingress', 'elsewhere/web', 'i5', {spec: {defaultBackend: {service: {name: 'web'}}}})];
    expect(linksOf(objects).filter((line) => /^ *(Service|Ingress)\//.test(line))).toEqual([
      'Service/web [selector] -', '  Ingress/fallback [backend] -', '  Ingress/legacy [backend] -', '  Ingress/main [backend] -',
    ]);
  });

  test('a Service and a claim in the tree have links of their own', () => {
    const service = obj('v1', 'Service', 'shop/web', 'svc', {spec: {selector: {app: 'web'}}});
    const ingress = obj('networking.k8s.io/v1', 'Ingress', 'shop/main', 'i1', {spec: {defaultBackend: {service: {name: 'web'}}}});
    expect(linksOf([service, ingress], service)).toEqual(['Ingress/main [backend] -']);
    expect(linksOf(present, present[3])).toEqual(['PersistentVolume/pv-1 [volumeName] Bound']);
    expect(new LinkIndex(present).linksOf(obj('v1', 'ConfigMap', 'shop/x', 'x'))).toBeUndefined();
  });

  test('pods of one template share the selector work (5,000 pods, 200 Services, quickly)', () => {
    const services = Array.from({length: 200}, (_, i) => obj('v1', 'Service', `shop/s${i}`, `s${i}`, {spec: {selector: {app: `a${i}`}}}));
    const many = Array.from({length: 5000}, (_, i) => obj('v1', 'Pod', `shop/p${i}`, `p${i}`, {metadata: {name: `p${i}`, namespace: 'shop', labels: {app: 'a7'}}}));
    const index = new LinkIndex([...services, ...many]);
    const started = performance.now();
    for (const each of many) expect(index.linksOf(each)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('LinkIndex offline', () => {
  test('the default ServiceAccount and kube-root-ca.crt are assumed when manifests lack them', () => {
    const plainPod = obj('v1', 'Pod', 'shop/p', 'p', {spec: {serviceAccountName: 'default',
      volumes: [{name: 'api', projected: {sources: [{configMap: {name: 'kube-root-ca.crt'}}]}}, {name: 'c', configMap: {name: 'other'}}]}});
    const links = new LinkIndex([], {assumeNamespaceDefaults: true}).linksOf(plainPod)!;
    expect(links.map((link) => `${link.kind}/${link.name} ${link.status}${link.missing ? ' missing' : ''}`)).toEqual([
      'ConfigMap/kube-root-ca.crt -', 'ConfigMap/other NotFound missing', 'ServiceAccount/default -',
    ]);
  });
});
