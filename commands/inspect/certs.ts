// kubectl inspect certs: every certificate in Secrets and ConfigMaps, soonest expiry first.

import {listCertificates, type CertsResult} from '../../src/configrefs/certs.ts';
import {describeCertsProblem, renderCerts} from '../../src/configrefs/render.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {listKinds, locatorOf, windowDays, windowFlag} from './shared.ts';

export default class InspectCerts extends SleuthCommand {
  static override summary = 'Every certificate in Secrets and ConfigMaps (TLS pairs, CA bundles) with its expiry.';
  static override description = [
    'Reads every PEM certificate in every key of the Secrets and ConfigMaps in scope, soonest expiry first.',
    'With --expiring-within, exits 1 when any certificate expires inside the window (or already has).',
    '-l selects the Secrets and ConfigMaps.',
  ].join('\n');
  static override examples = [
    'kubectl inspect certs -A',
    'kubectl inspect certs -n ingress --expiring-within 30d',
    'kubectl inspect certs -A -o jsonpath=\'{range .certificates[?(@.inWindow==true)]}{.namespace}/{.name}{"\\n"}{end}\'',
  ];
  static override flags = {
    'expiring-within': windowFlag,
  };

  async run(): Promise<CertsResult> {
    const {flags} = await this.parse(InspectCerts);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const days = windowDays(flags['expiring-within']);
    const source = await this.openSource(common);
    const namespace = this.namespaceScope(common, source);
    const objects = await listKinds(source, [
      {kind: 'Secret', labelSelector: common.selector}, {kind: 'ConfigMap', labelSelector: common.selector},
    ], namespace, (text) => this.warnLine(text));
    for (const warning of source.warnings) this.warnLine(warning);
    const result = listCertificates(objects, {now: Date.now(), expiringWithinDays: days, locate: locatorOf(source)});
    if (flags['expiring-within'] !== undefined && result.summary.inWindow > 0) this.found();
    return this.emit(result, common, (out) => {
      const text = renderCerts(result, out);
      if (text) out.print(text);
      // Without headers stdout holds only rows; the problems still reach the user, on stderr.
      if (out.noHeaders) for (const problem of result.problems) out.warn(describeCertsProblem(problem));
    });
  }
}
