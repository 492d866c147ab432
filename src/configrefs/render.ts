// Text for people: `kubectl describe`-like views of one Secret or ConfigMap, and tables for
// refs and certs. Everything shown comes from the engines' results, which hold values only
// when --reveal asked for them.

import {describeLocation} from '../errors.ts';
import type {Palette} from '../output/colour.ts';
import {formatTable} from '../output/table.ts';
import type {CertificateInfo, CertificateStatus} from './certificates.ts';
import type {CertsProblem, CertsResult} from './certs.ts';
import type {ConfigMapView} from './inspect-configmap.ts';
import type {SecretView} from './inspect-secret.ts';
import type {RefsResult, UsageRow, ValueProblem} from './refs.ts';
import type {KeyView} from './values.ts';

export interface RenderOptions {
  palette: Palette;
  noHeaders?: boolean;
  wide?: boolean;
}

function statusPaint(status: CertificateStatus, palette: Palette): (text: string) => string {
  return status === 'valid' ? palette.ok : status === 'expiring' ? palette.warn : palette.bad;
}

function daysText(certificate: {daysLeft: number; status: CertificateStatus}): string {
  if (certificate.status === 'expired') return `expired ${-certificate.daysLeft} days ago`;
  if (certificate.status === 'not-yet-valid') return 'not yet valid';
  return `${certificate.daysLeft} days left`;
}

/** "RSA 2048"; curve names already say the size ("ECDSA P-256", "Ed25519"). */
function keyText(type: string, size: number | undefined): string {
  return size && (type === 'RSA' || type === 'RSA-PSS' || type === 'DSA') ? `${type} ${size}` : type;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function keyRows(keys: readonly KeyView[], wide: boolean): string[][] {
  return keys.map((key) => {
    const row = [key.key, String(key.bytes), key.kind, key.format, wide ? key.sha256 : key.sha256.slice(0, 12)];
    if (wide) row.push(key.source);
    return row;
  });
}

function keyTable(keys: readonly KeyView[], options: RenderOptions): string {
  if (keys.length === 0) return '(no keys)\n';
  const headers = ['KEY', 'BYTES', 'KIND', 'FORMAT', 'SHA256', ...(options.wide ? ['SOURCE'] : [])];
  return formatTable(headers, keyRows(keys, options.wide ?? false), {noHeaders: options.noHeaders});
}

function certificateLines(certificate: CertificateInfo, palette: Palette): string[] {
  const paint = statusPaint(certificate.status, palette);
  const lines = [`  [${certificate.index + 1}] ${certificate.subject}${certificate.isCA ? palette.dim(' (CA)') : ''}`];
  lines.push(`      Issuer:   ${certificate.selfSigned ? 'self-signed' : certificate.issuer}`);
  if (certificate.sans.length > 0) lines.push(`      SANs:     ${certificate.sans.join(', ')}`);
  lines.push(`      Valid:    ${day(certificate.notBefore)} to ${day(certificate.notAfter)} (${paint(daysText(certificate))})`);
  lines.push(`      Key:      ${keyText(certificate.keyType, certificate.keySize)}`);
  return lines;
}

function keyDetails(keys: readonly KeyView[], palette: Palette, showClaims = true): string[] {
  const lines: string[] = [];
  for (const key of keys) {
    if (key.certificates && key.certificates.length > 0) {
      lines.push('', `Certificates in ${key.key}:`);
      for (const certificate of key.certificates) lines.push(...certificateLines(certificate, palette));
    }
    for (const privateKey of key.privateKeys ?? []) {
      lines.push('', `Private key in ${key.key}: ${keyText(privateKey.keyType, privateKey.keySize)}${privateKey.problem ? ` (${privateKey.problem})` : ''}`);
    }
    if (showClaims && key.claims && key.claims.problems.length === 0) {
      lines.push('', `Token in ${key.key}:`, ...claimLines(key.claims, palette));
    }
  }
  return lines;
}

function claimLines(claims: NonNullable<KeyView['claims']>, palette: Palette): string[] {
  const lines: string[] = [];
  if (claims.issuer) lines.push(`  Issuer:    ${claims.issuer}`);
  if (claims.subject) lines.push(`  Subject:   ${claims.subject}`);
  if (claims.audience && claims.audience.length > 0) lines.push(`  Audience:  ${claims.audience.join(', ')}`);
  if (claims.issuedAt) lines.push(`  Issued:    ${claims.issuedAt}`);
  lines.push(`  Expires:   ${claims.expires ? (claims.expired ? palette.bad(`${claims.expires} (expired)`) : claims.expires) : 'never'}`);
  return lines;
}

function header(kind: string, name: string, namespace: string | undefined, extra: [string, string][]): string[] {
  const rows: [string, string][] = [['Name:', name], ...(namespace ? [['Namespace:', namespace] as [string, string]] : []), ...extra];
  return rows.map(([label, value]) => `${label.padEnd(12)}${value}`);
}

function revealed(keys: readonly KeyView[], palette: Palette): string[] {
  const lines: string[] = ['', palette.warn('Values (--reveal):')];
  for (const key of keys) {
    if (key.value === undefined) continue;
    lines.push(`${key.key}${key.encoding === 'base64' ? ' (base64)' : ''}:`);
    for (const line of key.value.replace(/\n$/, '').split('\n')) lines.push(`  ${line}`);
  }
  return lines;
}

export function renderSecret(view: SecretView, options: RenderOptions): string {
  const {palette} = options;
  const lines = header('Secret', view.name, view.namespace, [['Type:', view.type]]);
  lines.push('', keyTable(view.keys, options).trimEnd());
  // A service-account token's claims are shown once, under the Secret's type.
  lines.push(...keyDetails(view.keys, palette, !view.serviceAccountToken));
  if (view.tls) {
    lines.push('');
    lines.push(`Chain:      ${view.tls.chain.inOrder ? palette.ok('in order') : palette.bad(view.tls.chain.problem ?? 'out of order')}`);
    if (view.tls.keyMatches !== undefined) {
      const other = view.tls.keyMatchesCertificate;
      lines.push(`Key match:  ${view.tls.keyMatches ? palette.ok('tls.key matches the certificate')
        : palette.bad(other !== undefined ? `tls.key fits certificate ${other + 1}, NOT the leaf` : 'tls.key does NOT match the certificate')}`);
    } else if (view.tls.keyProblem) {
      lines.push(`Key match:  ${palette.warn(`cannot tell: ${view.tls.keyProblem}`)}`);
    }
  }
  if (view.dockerConfig) {
    lines.push('', 'Registries:');
    const rows = view.dockerConfig.registries.map((entry) => [
      entry.registry, entry.username ?? '-', entry.hasPassword || entry.hasAuth ? '********' : entry.hasIdentityToken ? '(identity token)' : '-',
      entry.problems.join('; '),
    ]);
    if (rows.length > 0) lines.push(formatTable(['REGISTRY', 'USERNAME', 'PASSWORD', 'PROBLEMS'], rows, {noHeaders: options.noHeaders}).trimEnd());
  }
  if (view.basicAuth) {
    lines.push('', `Username:   ${view.basicAuth.username ?? '-'}`, `Password:   ${view.basicAuth.hasPassword ? '********' : '-'}`);
  }
  if (view.sshAuth) {
    const ssh = view.sshAuth;
    lines.push('', `SSH key:    ${ssh.keyType ?? 'unknown'}${ssh.bits ? ` ${ssh.bits}` : ''}${ssh.fingerprint ? ` ${ssh.fingerprint}` : ''}${ssh.encrypted ? ' (encrypted)' : ''}`);
  }
  if (view.serviceAccountToken) {
    lines.push('', `ServiceAccount: ${view.serviceAccountToken.serviceAccount ?? '-'}`);
    const claims = view.serviceAccountToken.claims;
    if (claims && claims.problems.length === 0) lines.push('Token:', ...claimLines(claims, palette));
  }
  if (view.bootstrapToken) {
    const token = view.bootstrapToken;
    lines.push('', `Token ID:   ${token.tokenId ?? '-'}`, `Expires:    ${token.expiration ? (token.expired ? palette.bad(`${token.expiration} (expired)`) : token.expiration) : 'never'}`,
      `Usages:     ${token.usages.join(', ') || '-'}`);
    if (token.extraGroups.length > 0) lines.push(`Groups:     ${token.extraGroups.join(', ')}`);
    if (token.description) lines.push(`About:      ${token.description}`);
  }
  if (view.problems.length > 0) {
    lines.push('', palette.bad('Problems:'));
    for (const problem of view.problems) lines.push(`  - ${problem}`);
  }
  if (view.revealed) lines.push(...revealed(view.keys, palette));
  else if (view.keys.length > 0) lines.push('', palette.dim('Values are hidden; --reveal shows them, --key K --reveal prints one raw.'));
  return `${lines.join('\n')}\n`;
}

export function renderConfigMap(view: ConfigMapView, options: RenderOptions): string {
  const {palette} = options;
  const lines = header('ConfigMap', view.name, view.namespace, view.immutable ? [['Immutable:', 'true']] : []);
  lines.push('', keyTable(view.keys, options).trimEnd());
  lines.push(...keyDetails(view.keys, palette));
  if (view.problems.length > 0) {
    lines.push('', palette.bad('Problems:'));
    for (const problem of view.problems) lines.push(`  - ${problem}`);
  }
  if (view.revealed) lines.push(...revealed(view.keys, palette));
  return `${lines.join('\n')}\n`;
}

function userText(row: UsageRow): string {
  const user = `${row.user.kind.toLowerCase()}/${row.user.name}`;
  const pods = row.user.kind !== 'Pod' && row.pods.length > 0 ? ` (${row.pods.length} pod${row.pods.length === 1 ? '' : 's'})` : '';
  const owner = row.controlledBy && row.user.kind === 'Pod' ? ` of ${row.controlledBy.kind.toLowerCase()}/${row.controlledBy.name}` : '';
  return `${user}${owner}${pods}`;
}

function viaText(row: UsageRow): string {
  const detail = row.envName ? ` ${row.envName}` : row.volume ? ` ${row.volume}` : '';
  return `${row.via}${detail}${row.optional ? ' (optional)' : ''}`;
}

function targetText(row: UsageRow): string {
  return `${row.target.kind.toLowerCase()}/${row.target.name}${row.target.key !== undefined ? `[${row.target.key}]` : ''}`;
}

function statusText(row: UsageRow, palette: Palette): string {
  if (row.status === 'ok') return row.assumed ? palette.dim('ok (assumed)') : palette.ok('ok');
  const what = row.status === 'missing-object' ? `missing ${row.target.kind}` : 'missing key';
  return row.optional ? palette.warn(what) : palette.bad(what);
}

export function renderRefs(result: RefsResult, options: RenderOptions): string {
  const {palette} = options;
  const showNamespace = result.scope.namespace === undefined;
  const out: string[] = [];
  const headers = [...(showNamespace ? ['NAMESPACE'] : []), 'OBJECT', 'USED BY', 'VIA', 'CONTAINER', 'STATUS', ...(options.wide ? ['FIELD'] : [])];
  const rows = result.references.map((row) => [
    ...(showNamespace ? [row.namespace] : []), targetText(row), userText(row), viaText(row), row.container ?? '', statusText(row, palette),
    ...(options.wide ? [row.field] : []),
  ]);
  // --no-headers: the rows alone, so scripts counting lines count references.
  if (options.noHeaders) return rows.length > 0 ? formatTable(headers, rows, {noHeaders: true}) : '';
  if (rows.length > 0) out.push(formatTable(headers, rows).trimEnd());
  else out.push(palette.dim('No references found.'));

  if (result.dangling.length > 0) {
    out.push('', palette.bad(`Dangling references (${result.dangling.length}):`));
    for (const row of result.dangling) {
      const where = `${showNamespace ? `${row.namespace}/` : ''}${userText(row)}${row.container ? ` container ${row.container}` : ''}`;
      const missing = row.status === 'missing-key' ? `key "${row.target.key}" is not in ${row.target.kind.toLowerCase()}/${row.target.name}` : `${row.target.kind.toLowerCase()}/${row.target.name} does not exist`;
      const paint = row.optional ? palette.warn : palette.bad;
      out.push(`  - ${where}: ${missing} (${viaText(row)}, ${row.field})`);
      if (row.consequence) out.push(`    ${paint(row.consequence)}`);
    }
  }
  if (result.unused.length > 0) {
    out.push('', palette.warn(`Not used by anything (${result.unused.length}):`));
    for (const object of result.unused) out.push(`  - ${showNamespace && object.namespace ? `${object.namespace}/` : ''}${object.kind.toLowerCase()}/${object.name}`);
  }
  if (result.summary.systemManaged > 0) {
    out.push('', palette.dim(`(${result.summary.systemManaged} system-managed object${result.summary.systemManaged === 1 ? '' : 's'} left out of the unused list: kube-root-ca.crt, service-account tokens, Helm releases, ...)`));
  }
  return `${out.join('\n')}\n`;
}

export function renderCerts(result: CertsResult, options: RenderOptions): string {
  const {palette} = options;
  const out: string[] = [];
  const headers = ['NAMESPACE', 'OBJECT', 'KEY', 'SUBJECT', 'EXPIRES', 'DAYS', 'STATUS', ...(options.wide ? ['ISSUER', 'SANS', 'KEY TYPE'] : [])];
  const rows = result.certificates.map((row) => [
    row.namespace ?? '', `${row.kind.toLowerCase()}/${row.name}`, row.index > 0 ? `${row.key}[${row.index + 1}]` : row.key,
    row.commonName ?? row.subject, day(row.notAfter), String(row.daysLeft), statusPaint(row.status, palette)(row.status),
    ...(options.wide ? [row.selfSigned ? 'self-signed' : row.issuer, row.sans.join(',') || '-', keyText(row.keyType, row.keySize)] : []),
  ]);
  // --no-headers: the rows alone (the command sends problems to stderr instead).
  if (options.noHeaders) return rows.length > 0 ? formatTable(headers, rows, {noHeaders: true}) : '';
  if (rows.length > 0) out.push(formatTable(headers, rows).trimEnd());
  else out.push(palette.dim('No certificates found.'));
  const {summary} = result;
  out.push('', `${summary.total} certificate${summary.total === 1 ? '' : 's'}: ${palette.bad(`${summary.expired} expired`)}, ` +
    `${palette.warn(`${summary.expiring} expiring within ${result.expiringWithinDays} days`)}, ${summary.valid} valid` +
    (summary.notYetValid > 0 ? `, ${summary.notYetValid} not yet valid` : ''));
  for (const problem of result.problems) out.push(palette.warn(`warning: ${describeCertsProblem(problem)}`));
  return `${out.join('\n')}\n`;
}

/** `NS/kind/NAME KEY: what is wrong`: one line per problem of `inspect certs`. */
export function describeCertsProblem(problem: CertsProblem): string {
  return `${problem.namespace ? `${problem.namespace}/` : ''}${problem.kind.toLowerCase()}/${problem.name} ${problem.key}: ${problem.message}`;
}

/** One line per value `inspect refs` could not decode, naming the object, key, file and document. */
export function describeValueProblem(problem: ValueProblem): string {
  const where = describeLocation({file: problem.file, document: problem.document, field: problem.field});
  return `${problem.namespace ? `${problem.namespace}/` : ''}${problem.kind.toLowerCase()}/${problem.name}: key "${problem.key}" cannot be decoded: ${problem.reason} (${where}); the API server would refuse this ${problem.kind}`;
}
