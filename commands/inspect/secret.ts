// kubectl inspect secret NAME: a type-aware view of one Secret, values hidden unless --reveal.

import {Args, Flags} from '@oclif/core';
import {decodeSecret} from '../../src/configrefs/decode.ts';
import {inspectSecret, type SecretView} from '../../src/configrefs/inspect-secret.ts';
import {renderSecret} from '../../src/configrefs/render.ts';
import {UsageError} from '../../src/errors.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {getObject, objectName, originOf, revealFlag, windowDays, windowFlag} from './shared.ts';

export default class InspectSecret extends SleuthCommand {
  static override summary = 'What a Secret holds: keys, sizes, formats, certificates, registries, token claims; values only with --reveal.';
  static override description = [
    'Every key with its size, sha256, whether it is text or binary, and the format inside (JSON, YAML, PEM, kubeconfig, properties).',
    'kubernetes.io/tls: each certificate (subject, issuer, SANs, validity, key) and whether tls.key matches and the chain is in order.',
    'Docker configs: registries and user names. basic-auth, ssh-auth (fingerprint), service-account and bootstrap tokens.',
    'Values are never printed unless --reveal is given; --key K --reveal writes one value raw to stdout.',
  ].join('\n');
  static override examples = [
    'kubectl inspect secret shop-tls -n shop',
    'kubectl inspect secret registry-credentials -o json',
    'kubectl inspect secret db --key password --reveal | wc -c',
  ];
  static override args = {
    // Never read an argument from stdin: `-f -` reads manifests (Secrets) from there, and oclif would
    // otherwise swallow them as the argument (and quote them in its error).
    name: Args.string({description: 'The Secret: NAME or secret/NAME.', ignoreStdin: true}),
  };
  static override flags = {
    key: Flags.string({helpGroup: 'VALUES', description: 'Only this key; with --reveal its value is written raw to stdout.'}),
    reveal: revealFlag,
    'expiring-within': windowFlag,
  };

  async run(): Promise<SecretView | undefined> {
    const {args, flags} = await this.parse(InspectSecret);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const name = objectName(this.requireArgument(args.name, 'a Secret name'), 'Secret');
    const source = await this.openSource(common);
    const namespace = common.namespace ?? source.defaultNamespace;
    const secret = await getObject(source, 'Secret', name, namespace);
    for (const warning of source.warnings) this.warnLine(warning);
    const decode = originOf(source, secret);

    if (flags.key !== undefined && flags.reveal) {
      const values = decodeSecret(secret, decode);
      const value = values.find((entry) => entry.key === flags.key);
      if (!value) throw missingKey(flags.key, secret.metadata.name, values.map((entry) => entry.key));
      process.stdout.write(value.bytes);
      return undefined;
    }
    const view = inspectSecret(secret, {now: Date.now(), expiringWithinDays: windowDays(flags['expiring-within']), reveal: flags.reveal}, decode);
    if (flags.key !== undefined) {
      const key = view.keys.find((entry) => entry.key === flags.key);
      if (!key) throw missingKey(flags.key, view.name, view.keys.map((entry) => entry.key));
      view.keys = [key];
      this.warnLine(`the value of ${flags.key} is hidden; add --reveal to print it`);
    }
    return this.emit(view, common, (out) => out.print(renderSecret(view, out)));
  }
}

function missingKey(key: string, name: string, keys: string[]): UsageError {
  return new UsageError(`secret "${name}" has no key "${key}"`, {hint: keys.length > 0 ? `its keys: ${keys.join(', ')}` : 'it has no keys'});
}
