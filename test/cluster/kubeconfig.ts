// The kubeconfig that points a client at the test cluster: one cluster, one user with a bearer
// token, one context. Written atomically so that a file that exists is a server that answers.

import {rename, rm, writeFile} from 'node:fs/promises';
import {dump} from 'js-yaml';

export const contextName = 'kubesleuth-test';

export function renderKubeconfig(options: {server: string; token: string; caCertificate?: string; namespace?: string}): string {
  const cluster: Record<string, string | boolean> = {server: options.server};
  if (options.caCertificate) cluster['certificate-authority-data'] = Buffer.from(options.caCertificate).toString('base64');
  // @kubernetes/client-node refuses a plain http:// server unless TLS verification is off
  else cluster['insecure-skip-tls-verify'] = true;
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{name: contextName, cluster}],
    users: [{name: contextName, user: {token: options.token}}],
    contexts: [{name: contextName, context: {cluster: contextName, user: contextName, namespace: options.namespace ?? 'default'}}],
    'current-context': contextName,
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, text, {mode: 0o600});
  await rename(partial, path);
}

export async function removeKubeconfig(path: string): Promise<void> {
  await rm(path, {force: true});
}
