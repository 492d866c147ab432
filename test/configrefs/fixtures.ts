// Objects for the inspect tests: a Secret of every type, ConfigMaps with good and broken
// formats, and workloads that reference them. Secret values carry a unique marker (or are key
// material) so a test can prove no output ever contains them without --reveal.

import {generateKeyPairSync} from 'node:crypto';
import type {KubeObject} from '../../src/cluster/types.ts';
import {daysFrom, makeCertificate, makeChain, makeKey} from './cert-factory.ts';

/** Letters only, so it survives base64url, YAML and JSON unchanged; unique to these tests. */
export const MARKER = 'ZQXMARKERvalueQ7k2Zp9w';
/** Bootstrap token secrets are 16 characters of [a-z0-9]. */
export const BOOTSTRAP_SECRET = 'zq7markerx9k2p4w';

export const NOW = Date.parse('2026-06-01T00:00:00Z');

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

function secret(name: string, type: string, data: Record<string, string | Buffer>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Secret', type,
    metadata: {name, namespace: 'shop', ...(extra.metadata ?? {})},
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, b64(value)])),
  };
}

function configMap(name: string, data: Record<string, string>, binaryData?: Record<string, Buffer>, namespace = 'shop'): KubeObject {
  const object: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace}, data};
  if (binaryData) object.binaryData = Object.fromEntries(Object.entries(binaryData).map(([key, value]) => [key, b64(value)]));
  return object;
}

function jwt(claims: Record<string, unknown>, signature: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({alg: 'RS256', kid: 'test'})}.${part(claims)}.${signature}`;
}

export interface Fixture {
  objects: KubeObject[];
  /** Strings that must never appear in output without --reveal. */
  secrets: string[];
  chain: ReturnType<typeof makeChain>;
}

export function buildFixture(now = NOW): Fixture {
  const chain = makeChain(now, 20); // leaf expires in 20 days: inside a 30-day window
  const otherKey = makeKey('ec', 'other');
  const expiredKey = makeKey('rsa', 'expired');
  const expired = makeCertificate({subject: 'CN=old.example.com', key: expiredKey, notBefore: daysFrom(now, -400), notAfter: daysFrom(now, -3),
    sans: ['DNS:old.example.com']});
  const ssh = generateKeyPairSync('ed25519');
  const sshPem = ssh.privateKey.export({type: 'pkcs8', format: 'pem'}) as string;

  const dockerConfig = JSON.stringify({auths: {
    'registry.example.com': {username: 'robot', password: MARKER, auth: b64(`robot:${MARKER}`)},
    'ghcr.io': {auth: b64(`octo:${MARKER}`)},
  }});
  const token = jwt({
    iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:shop:builder',
    'kubernetes.io/serviceaccount/namespace': 'shop', 'kubernetes.io/serviceaccount/service-account.name': 'builder',
  }, MARKER);
  const boundToken = jwt({
    iss: 'https://kubernetes.default.svc', sub: 'system:serviceaccount:shop:web', aud: ['https://kubernetes.default.svc'],
    exp: Math.floor(now / 1000) + 3600, iat: Math.floor(now / 1000),
    'kubernetes.io': {namespace: 'shop', serviceaccount: {name: 'web', uid: 'u-1'}, pod: {name: 'web-1', uid: 'p-1'}},
  }, MARKER);

  const objects: KubeObject[] = [
    secret('shop-tls', 'kubernetes.io/tls', {'tls.crt': chain.leaf.pem + chain.intermediate.pem, 'tls.key': chain.leafKey.privatePem}),
    secret('wrong-key-tls', 'kubernetes.io/tls', {'tls.crt': chain.leaf.pem, 'tls.key': otherKey.privatePem}),
    secret('reversed-tls', 'kubernetes.io/tls', {'tls.crt': chain.intermediate.pem + chain.leaf.pem, 'tls.key': chain.leafKey.privatePem}),
    secret('old-tls', 'kubernetes.io/tls', {'tls.crt': expired.pem, 'tls.key': expiredKey.privatePem}),
    secret('registry', 'kubernetes.io/dockerconfigjson', {'.dockerconfigjson': dockerConfig}),
    secret('legacy-registry', 'kubernetes.io/dockercfg', {'.dockercfg': JSON.stringify({'quay.io': {username: 'q', password: MARKER}})}),
    // kubectl apply keeps the whole manifest, values included, in an annotation: never shown either.
    secret('db', 'kubernetes.io/basic-auth', {username: 'shop', password: MARKER}, {metadata: {name: 'db', namespace: 'shop', annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({apiVersion: 'v1', kind: 'Secret', stringData: {password: MARKER}})}}}),
    secret('deploy-key', 'kubernetes.io/ssh-auth', {'ssh-privatekey': sshPem}),
    secret('builder-token', 'kubernetes.io/service-account-token', {token, 'ca.crt': chain.root.pem, namespace: 'shop'},
      {metadata: {name: 'builder-token', namespace: 'shop', annotations: {'kubernetes.io/service-account.name': 'builder'}}}),
    secret('api', 'Opaque', {
      'api-key': MARKER,
      'settings.json': `{\n  "user": "shop",\n  "password": "${MARKER}",\n}\n`,
      'broken.yaml': `user: shop\npassword: "${MARKER}\nnext: 1\n`,
      'bound-token': boundToken,
      'blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(MARKER)]),
    }),
    {apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
      metadata: {name: 'bootstrap-token-abc123', namespace: 'kube-system'},
      stringData: {'token-id': 'abc123', 'token-secret': BOOTSTRAP_SECRET, 'usage-bootstrap-authentication': 'true',
        'usage-bootstrap-signing': 'true', 'auth-extra-groups': 'system:bootstrappers:worker', expiration: '2026-06-02T00:00:00Z'}},
    configMap('settings', {
      'app.json': '{"debug": false}',
      'bad.json': `{\n  "a": 1,\n  "b": ${MARKER}\n}`,
      'app.yaml': 'server:\n  port: 8080\n',
      'application.properties': 'a=1\nb=2\na=3\n',
      'kubeconfig': 'apiVersion: v1\nkind: Config\nclusters: []\n',
      'note': MARKER,
    }, {'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])}),
    configMap('ca-bundle', {'ca.crt': chain.root.pem + chain.intermediate.pem}),
    configMap('kube-root-ca.crt', {'ca.crt': chain.root.pem}),
    {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'builder', namespace: 'shop'}, secrets: [{name: 'builder-token'}],
      imagePullSecrets: [{name: 'registry'}]},
    {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: {name: 'shop', namespace: 'shop'},
      spec: {tls: [{hosts: ['shop.example.com'], secretName: 'shop-tls'}, {secretName: 'missing-tls'}]}},
    {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', uid: 'd-1'}, spec: {template: {spec: {
      imagePullSecrets: [{name: 'registry'}],
      containers: [{name: 'web', image: 'web',
        env: [
          {name: 'DB_PASSWORD', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
          {name: 'DB_HOST', valueFrom: {secretKeyRef: {name: 'db', key: 'host'}}},
          {name: 'FEATURE', valueFrom: {configMapKeyRef: {name: 'flags', key: 'x', optional: true}}},
        ],
        envFrom: [{secretRef: {name: 'api'}}]}],
      volumes: [{name: 'tls', secret: {secretName: 'shop-tls'}}, {name: 'settings', configMap: {name: 'settings', items: [{key: 'app.yaml', path: 'app.yaml'}]}}],
    }}}},
    {apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: 'web-5d8c7', namespace: 'shop', uid: 'rs-1',
      ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true}]}, spec: {template: {spec: {
      imagePullSecrets: [{name: 'registry'}],
      containers: [{name: 'web', image: 'web',
        env: [
          {name: 'DB_PASSWORD', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
          {name: 'DB_HOST', valueFrom: {secretKeyRef: {name: 'db', key: 'host'}}},
          {name: 'FEATURE', valueFrom: {configMapKeyRef: {name: 'flags', key: 'x', optional: true}}},
        ],
        envFrom: [{secretRef: {name: 'api'}}]}],
      volumes: [{name: 'tls', secret: {secretName: 'shop-tls'}}, {name: 'settings', configMap: {name: 'settings', items: [{key: 'app.yaml', path: 'app.yaml'}]}}],
    }}}},
    ...['web-5d8c7-a', 'web-5d8c7-b'].map((name): KubeObject => ({apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'shop', uid: `p-${name}`,
      ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8c7', uid: 'rs-1', controller: true}]}, spec: {
      imagePullSecrets: [{name: 'registry'}],
      serviceAccountName: 'default',
      containers: [{name: 'web', image: 'web',
        env: [
          {name: 'DB_PASSWORD', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
          {name: 'DB_HOST', valueFrom: {secretKeyRef: {name: 'db', key: 'host'}}},
          {name: 'FEATURE', valueFrom: {configMapKeyRef: {name: 'flags', key: 'x', optional: true}}},
        ],
        envFrom: [{secretRef: {name: 'api'}}]}],
      volumes: [{name: 'tls', secret: {secretName: 'shop-tls'}}, {name: 'settings', configMap: {name: 'settings', items: [{key: 'app.yaml', path: 'app.yaml'}]}},
        {name: 'kube-api-access', projected: {sources: [{serviceAccountToken: {path: 'token'}}, {configMap: {name: 'kube-root-ca.crt', items: [{key: 'ca.crt', path: 'ca.crt'}]}}]}}],
    }})),
    {apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name: 'backup', namespace: 'shop'}, spec: {jobTemplate: {spec: {template: {spec: {
      containers: [{name: 'backup', image: 'b', volumeMounts: [], env: [{name: 'CA', valueFrom: {configMapKeyRef: {name: 'ca-bundle', key: 'missing.crt'}}}]}],
      volumes: [{name: 'creds', secret: {secretName: 'backup-creds', optional: true}}],
    }}}}}},
  ];
  return {
    objects,
    secrets: [MARKER, BOOTSTRAP_SECRET, keyBody(chain.leafKey.privatePem), keyBody(otherKey.privatePem), keyBody(expiredKey.privatePem), keyBody(sshPem)],
    chain,
  };
}

/** The base64 body of a PEM private key: what must never be printed. */
export function keyBody(pem: string): string {
  return pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
}

/** Every form a secret string could leak in: itself, base64 (three alignments), base64url, hex. */
export function leakForms(secretText: string): string[] {
  if (secretText.length > 60) {
    // Key material: any 24-character slice of its base64 body is proof enough.
    const slices: string[] = [];
    for (let start = 0; start + 24 <= secretText.length; start += 24) slices.push(secretText.slice(start, start + 24));
    return slices;
  }
  const forms = [secretText, Buffer.from(secretText).toString('hex')];
  for (const prefix of ['', 'a', 'ab']) {
    const encoded = Buffer.from(prefix + secretText).toString('base64');
    // Drop the characters that depend on the prefix and on what follows.
    const skip = prefix.length === 0 ? 0 : 4;
    forms.push(encoded.slice(skip, skip + 16));
    forms.push(Buffer.from(prefix + secretText).toString('base64url').slice(skip, skip + 16));
  }
  return [...new Set(forms)];
}
