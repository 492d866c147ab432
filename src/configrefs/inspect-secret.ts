// `kubectl inspect secret`: a type-aware view of one Secret. Every key is described by size,
// sha256 and format; the Secret's type adds what it means (certificates and whether the key
// fits, registries and user names, token claims, SSH key fingerprint). Required keys per type
// follow the API server's validation (kubernetes/kubernetes pkg/apis/core/validation
// ValidateSecret). Values appear only with `reveal`.

import type {KubeObject} from '../cluster/types.ts';
import {readTlsPair, type ChainReport} from './certificates.ts';
import {decodeSecret, type DecodedValue, type DecodeOptions} from './decode.ts';
import {readDockerConfig, type DockerConfigReport} from './docker-config.ts';
import {readSshPrivateKey, type SshKeyReport} from './ssh.ts';
import {readBootstrapToken, readJwt, type BootstrapTokenReport, type TokenClaims} from './tokens.ts';
import {describeValue, type KeyView, type ViewOptions} from './values.ts';

export interface TlsView {
  chain: ChainReport;
  keyMatches?: boolean;
  keyProblem?: string;
  keyMatchesCertificate?: number;
}

export interface SecretView {
  kind: 'Secret';
  name: string;
  namespace?: string;
  type: string;
  keys: KeyView[];
  tls?: TlsView;
  dockerConfig?: DockerConfigReport;
  basicAuth?: {username?: string; hasPassword: boolean};
  sshAuth?: SshKeyReport;
  serviceAccountToken?: {serviceAccount?: string; claims?: TokenClaims};
  bootstrapToken?: BootstrapTokenReport;
  /** What is wrong with the Secret as a whole (missing required keys, a key that does not fit). */
  problems: string[];
  revealed: boolean;
}

const requiredKeys: Record<string, {all?: string[]; any?: string[]}> = {
  'kubernetes.io/tls': {all: ['tls.crt', 'tls.key']},
  'kubernetes.io/dockerconfigjson': {all: ['.dockerconfigjson']},
  'kubernetes.io/dockercfg': {all: ['.dockercfg']},
  'kubernetes.io/basic-auth': {any: ['username', 'password']},
  'kubernetes.io/ssh-auth': {all: ['ssh-privatekey']},
};

function text(values: Map<string, DecodedValue>, key: string): string | undefined {
  return values.get(key)?.bytes.toString('utf8');
}

/** `decode.origin` (file, document) lets an InputError about a value name where the Secret was read. */
export function inspectSecret(secret: KubeObject, options: ViewOptions, decode: DecodeOptions = {}): SecretView {
  const decoded = decodeSecret(secret, decode);
  const values = new Map(decoded.map((value) => [value.key, value]));
  const type = typeof secret.type === 'string' && secret.type !== '' ? secret.type : 'Opaque';
  const view: SecretView = {
    kind: 'Secret',
    name: secret.metadata.name,
    namespace: secret.metadata.namespace,
    type,
    keys: decoded.map((value) => describeValue(value, options)),
    problems: [],
    revealed: options.reveal,
  };
  for (const key of view.keys) {
    for (const problem of key.problems) {
      view.problems.push(`${key.key} line ${problem.line}${problem.column !== undefined ? `, column ${problem.column}` : ''}: ${problem.message}`);
    }
  }
  const required = requiredKeys[type];
  if (required?.all) {
    for (const key of required.all) if (!values.has(key)) view.problems.push(`a ${type} Secret needs the key ${key}`);
  }
  if (required?.any && !required.any.some((key) => values.has(key))) {
    view.problems.push(`a ${type} Secret needs ${required.any.join(' or ')}`);
  }

  switch (type) {
    case 'kubernetes.io/tls': {
      const certificate = text(values, 'tls.crt');
      if (certificate !== undefined) {
        const pair = readTlsPair(certificate, text(values, 'tls.key'), options);
        view.tls = {chain: pair.chain};
        if (pair.keyMatches !== undefined) view.tls.keyMatches = pair.keyMatches;
        if (pair.keyProblem !== undefined) view.tls.keyProblem = pair.keyProblem;
        if (pair.keyMatchesCertificate !== undefined) view.tls.keyMatchesCertificate = pair.keyMatchesCertificate;
        if (pair.certificates.length === 0) view.problems.push('tls.crt holds no certificate');
        if (pair.keyMatches === false) {
          view.problems.push(pair.keyMatchesCertificate !== undefined
            ? `tls.key belongs to certificate ${pair.keyMatchesCertificate + 1} of tls.crt, not to the leaf`
            : 'tls.key does not match the certificate in tls.crt');
        }
        if (!pair.chain.inOrder && pair.chain.problem) view.problems.push(`tls.crt chain ${pair.chain.problem}`);
      }
      break;
    }
    case 'kubernetes.io/dockerconfigjson':
    case 'kubernetes.io/dockercfg': {
      const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const config = text(values, key);
      if (config !== undefined) {
        view.dockerConfig = readDockerConfig(config, type === 'kubernetes.io/dockercfg');
        for (const problem of view.dockerConfig.problems) view.problems.push(`${key}: ${problem}`);
      }
      break;
    }
    case 'kubernetes.io/basic-auth': {
      const username = text(values, 'username');
      view.basicAuth = {hasPassword: (values.get('password')?.bytes.length ?? 0) > 0};
      if (username !== undefined) view.basicAuth.username = username;
      break;
    }
    case 'kubernetes.io/ssh-auth': {
      const key = text(values, 'ssh-privatekey');
      if (key !== undefined) {
        view.sshAuth = readSshPrivateKey(key);
        for (const problem of view.sshAuth.problems) view.problems.push(`ssh-privatekey: ${problem}`);
      }
      break;
    }
    case 'kubernetes.io/service-account-token': {
      const account = secret.metadata.annotations?.['kubernetes.io/service-account.name'];
      view.serviceAccountToken = {};
      if (account) view.serviceAccountToken.serviceAccount = account;
      else view.problems.push('a service-account-token Secret needs the annotation kubernetes.io/service-account.name');
      const token = text(values, 'token');
      if (token !== undefined) view.serviceAccountToken.claims = readJwt(token, options.now);
      else view.problems.push('no token yet: the token controller fills it in once the service account exists');
      break;
    }
    case 'bootstrap.kubernetes.io/token': {
      const texts = new Map([...values].map(([key, value]) => [key, value.bytes.toString('utf8')]));
      view.bootstrapToken = readBootstrapToken(secret.metadata.name, secret.metadata.namespace, texts, options.now);
      view.problems.push(...view.bootstrapToken.problems);
      break;
    }
    default:
      break;
  }
  return view;
}
