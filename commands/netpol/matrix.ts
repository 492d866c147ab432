// kubectl netpol matrix [--port P] [--protocol PROTO]: the reachability truth table of the pods in scope.

import {once} from 'node:events';
import {matchesLabelQuery, parseLabelQuery} from '../../src/kube/label-query.ts';
import {Evaluator} from '../../src/netpol/evaluate.ts';
import {loadSnapshot} from '../../src/netpol/load.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {matrixJsonChunks, renderMatrix} from '../../src/netpol/render.ts';
import type {NetpolSnapshot} from '../../src/netpol/snapshot.ts';
import type {PodEndpoint} from '../../src/netpol/types.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {portFlags, readPort, readProtocol} from './shared.ts';

export default class NetpolMatrix extends SleuthCommand {
  static override summary = 'The reachability matrix of the pods in scope: rows send, columns receive.';
  static override description = 'Without --port, a flow counts as allowed when any port the destination declares is allowed. A pod always reaches itself.';
  static override examples = ['kubectl netpol matrix -n shop --port 8080', 'kubectl netpol matrix -A -f cluster-dump/ -o json'];
  static override flags = {...portFlags};

  async run(): Promise<ReachabilityMatrix> {
    const {flags} = await this.parse(NetpolMatrix);
    const common = flags as unknown as CommonFlagValues;
    const port = readPort(flags.port);
    const protocol = readProtocol(flags.protocol) ?? 'TCP';
    const source = await this.openSource(common);
    const snapshot = await loadSnapshot(source);
    for (const warning of [...source.warnings, ...snapshot.warnings]) this.warnLine(warning);
    const pods = podsInScope(snapshot, this.namespaceScope(common, source), common.selector);
    const matrix = new ReachabilityMatrix(new Evaluator(snapshot), pods, {port, protocol});
    if (this.outputFormat(common).kind === 'json') {
      // Wait for the pipe to drain between rows, so memory stays flat however big the matrix.
      for (const chunk of matrixJsonChunks(matrix)) {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
      return matrix;
    }
    return this.emit(matrix, common, (out) => out.print(renderMatrix(matrix, out.palette, out.noHeaders)));
  }
}

export function podsInScope(snapshot: NetpolSnapshot, namespace: string | undefined, selector: string | undefined): PodEndpoint[] {
  const query = selector ? parseLabelQuery(selector) : undefined;
  return snapshot.pods.filter((pod) => (namespace === undefined || pod.namespace === namespace) && (!query || matchesLabelQuery(query, pod.labels)));
}
