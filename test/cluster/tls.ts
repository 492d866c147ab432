// A throwaway CA and a server certificate for 127.0.0.1, made at startup with the machine's
// openssl (Node can make keys but not certificates). EC P-256 keeps it to a few milliseconds.

import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export interface ServerCertificates {
  /** PEM of the CA that signed the server certificate: what a kubeconfig trusts. */
  caCertificate: string;
  certificate: string;
  key: string;
}

export async function generateCertificates(): Promise<ServerCertificates> {
  const directory = await mkdtemp(join(tmpdir(), 'test-cluster-tls-'));
  const file = (name: string) => join(directory, name);
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  try {
    await run('openssl', [
      'req', '-x509', ...newKey, '-keyout', file('ca.key'), '-out', file('ca.crt'),
      '-subj', '/CN=kubesleuth-test-cluster-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', [
      'req', '-x509', ...newKey, '-keyout', file('server.key'), '-out', file('server.crt'),
      '-subj', '/CN=127.0.0.1', '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
      '-addext', 'extendedKeyUsage=serverAuth',
    ]);
    const [caCertificate, certificate, key] = await Promise.all(
      ['ca.crt', 'server.crt', 'server.key'].map((name) => readFile(file(name), 'utf8')),
    );
    return {caCertificate, certificate, key};
  } catch (error) {
    throw new Error(`could not generate TLS certificates with openssl: ${(error as Error).message}`, {cause: error});
  } finally {
    await rm(directory, {recursive: true, force: true});
  }
}
