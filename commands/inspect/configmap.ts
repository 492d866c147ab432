// kubectl inspect configmap NAME: keys, sizes, formats and syntax checks of one ConfigMap.

import {Args, Flags} from '@oclif/core';
import {decodeConfigMap} from '../../src/configrefs/decode.ts';
import {inspectConfigMap, type ConfigMapView} from '../../src/configrefs/inspect-configmap.ts';
import {renderConfigMap} from '../../src/configrefs/render.ts';
import {UsageError} from '../../src/errors.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {getObject, objectName, originOf, revealFlag, windowDays, windowFlag} from './shared.ts';

export default class InspectConfigMap extends SleuthCommand {
  static override summary = 'What a ConfigMap holds: keys, sizes, binaryData, formats, and where a syntax error is.';
  static override description = [
    'Every key of data and binaryData with its size and detected format (JSON, YAML, PEM, kubeconfig, properties, INI).',
    'A key that fails its format check is reported with the line (and column) of the error; CA bundles list their certificates.',
    '--key K writes one value raw to stdout; --reveal shows all values.',
  ].join('\n');
  static override examples = [
    'kubectl inspect configmap app-settings -n shop',
    'kubectl inspect configmap app-settings --key settings.json | jq .',
    'kubectl inspect configmap cm/kube-root-ca.crt -o yaml',
  ];
  static override args = {
    // Never read an argument from stdin: `-f -` reads manifests (Secrets) from there, and oclif would
    // otherwise swallow them as the argument (and quote them in its error).
    name: Args.string({description: 'The ConfigMap: NAME or configmap/NAME.', ignoreStdin: true}),
  };
  static override flags = {
    key: Flags.string({helpGroup: 'VALUES', description: 'Write this key\'s value raw to stdout.'}),
    reveal: revealFlag,
    'expiring-within': windowFlag,
  };

  async run(): Promise<ConfigMapView | undefined> {
    const {args, flags} = await this.parse(InspectConfigMap);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const name = objectName(this.requireArgument(args.name, 'a ConfigMap name'), 'ConfigMap');
    const source = await this.openSource(common);
    const namespace = common.namespace ?? source.defaultNamespace;
    const configMap = await getObject(source, 'ConfigMap', name, namespace);
    for (const warning of source.warnings) this.warnLine(warning);
    const decode = originOf(source, configMap);
    if (flags.key !== undefined) {
      const values = decodeConfigMap(configMap, decode);
      const value = values.find((entry) => entry.key === flags.key);
      if (!value) {
        throw new UsageError(`configmap "${name}" has no key "${flags.key}"`, {hint: values.length > 0 ? `its keys: ${values.map((entry) => entry.key).join(', ')}` : 'it has no keys'});
      }
      process.stdout.write(value.bytes);
      return undefined;
    }
    const view = inspectConfigMap(configMap, {now: Date.now(), expiringWithinDays: windowDays(flags['expiring-within']), reveal: flags.reveal}, decode);
    return this.emit(view, common, (out) => out.print(renderConfigMap(view, out)));
  }
}
