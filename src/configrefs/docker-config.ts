// Registry credentials in kubernetes.io/dockerconfigjson (`{"auths": {REGISTRY: {...}}}`) and
// the legacy kubernetes.io/dockercfg (`{REGISTRY: {...}}`). The kubelet reads `username` and
// `password`, or `auth` = base64("user:password") when those are absent (k8s.io/kubernetes
// pkg/credentialprovider/config.go, dockerConfigEntryWithAuth). Registries and user names are
// shown; passwords, auth strings and identity tokens never.

import {findJsonSyntaxError} from './json-syntax.ts';

export interface RegistryCredential {
  registry: string;
  username?: string;
  hasPassword: boolean;
  hasAuth: boolean;
  hasIdentityToken: boolean;
  /** What is wrong with this entry, in our words. */
  problems: string[];
}

export interface DockerConfigReport {
  registries: RegistryCredential[];
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function readDockerConfig(text: string, legacy: boolean): DockerConfigReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    return {registries: [], problems: [`not valid JSON${error ? ` (line ${error.line}, column ${error.column}: expected ${error.expected})` : ''}`]};
  }
  if (!isRecord(parsed)) return {registries: [], problems: ['not a JSON object']};
  const problems: string[] = [];
  let entries: Record<string, unknown>;
  if (legacy) {
    entries = parsed;
  } else if (isRecord(parsed.auths)) {
    entries = parsed.auths;
  } else {
    return {registries: [], problems: ['no "auths" object: the kubelet finds no credentials here']};
  }
  const registries: RegistryCredential[] = [];
  for (const [registry, entry] of Object.entries(entries)) {
    const credential: RegistryCredential = {registry, hasPassword: false, hasAuth: false, hasIdentityToken: false, problems: []};
    if (!isRecord(entry)) {
      credential.problems.push('the entry is not an object');
      registries.push(credential);
      continue;
    }
    if (typeof entry.username === 'string' && entry.username !== '') credential.username = entry.username;
    credential.hasPassword = typeof entry.password === 'string' && entry.password !== '';
    credential.hasIdentityToken = typeof entry.identitytoken === 'string' && entry.identitytoken !== '';
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      credential.hasAuth = true;
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(entry.auth) || colon < 0) {
        credential.problems.push('"auth" is not base64 of user:password');
      } else {
        const authUser = decoded.slice(0, colon);
        if (credential.username === undefined) credential.username = authUser;
        else if (credential.username !== authUser) credential.problems.push('"auth" names a different user than "username"');
      }
    }
    if (!credential.hasPassword && !credential.hasAuth && !credential.hasIdentityToken) {
      credential.problems.push('no password, auth or identity token');
    }
    registries.push(credential);
  }
  registries.sort((a, b) => (a.registry < b.registry ? -1 : a.registry > b.registry ? 1 : 0));
  if (registries.length === 0) problems.push('no registries');
  return {registries, problems};
}
