// kubectl netpol matrix [--port P] [--protocol PROTO]: the reachability truth table of the pods in scope.

import type {Writable} from 'node:stream';
import {matchesLabelQuery, parseLabelQuery} from '../../src/kube/label-query.ts';
import {Evaluator} from '../../src/netpol/evaluate.ts';
import {loadSnapshot} from '../../src/netpol/load.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {matrixJsonChunks, matrixPortText, renderMatrix} from '../../src/netpol/render.ts';
import type {NetpolSnapshot} from '../../src/netpol/snapshot.ts';
import type {PodEndpoint} from '../../src/netpol/types.ts';
import type {Source} from '../../src/cluster/types.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {cellAgreement, cellKey, observedCells, planProbes, renderTruthTable, type ProbeFlow, type ProbeReport} from '../../src/netpol/probe.ts';
import {renderProbeFindings, renderProbePlan} from '../../src/netpol/probe-render.ts';
import {checkProbeUsage, probeFlags, probeSettings, runProbes, type ProbeFlagValues} from './probe-support.ts';
import {portFlags, readPort, readProtocol} from './shared.ts';

export default class NetpolMatrix extends SleuthCommand {
  static override summary = 'The reachability matrix of the pods in scope: rows send, columns receive.';
  static override description = [
    'Without --port, a pair counts as allowed when some port of the protocol (--protocol, TCP by default) is allowed: ' +
    'a port the destination declares, a port a policy names, or any other port (which only rules without ports admit). ' +
    'So pods that declare no container ports are judged as `netpol test --port` judges them. A pod always reaches itself.',
    'With --no-headers only the grid rows are printed, one line per pod (notes go to stderr).',
  ].join('\n\n');
  static override examples = ['kubectl netpol matrix -n shop --port 8080', 'kubectl netpol matrix -A -f cluster-dump/ -o json', 'kubectl netpol matrix -n shop --probe'];
  static override flags = {...portFlags, ...probeFlags};

  async run(): Promise<ReachabilityMatrix | object> {
    const {flags} = await this.parse(NetpolMatrix);
    const common = flags as unknown as CommonFlagValues;
    checkProbeUsage({...flags, filename: common.filename});
    const port = readPort(flags.port);
    const protocol = readProtocol(flags.protocol) ?? 'TCP';
    const source = await this.openSource(common);
    const snapshot = await loadSnapshot(source);
    for (const warning of [...source.warnings, ...snapshot.warnings]) this.warnLine(warning);
    const pods = podsInScope(snapshot, this.namespaceScope(common, source), common.selector);
    const matrix = new ReachabilityMatrix(new Evaluator(snapshot), pods, {port, protocol});
    if (flags.probe) return this.probe(matrix, flags, common, source);
    if (this.outputFormat(common).kind === 'json') {
      await writeChunks(process.stdout, matrixJsonChunks(matrix));
      return matrix;
    }
    return this.emit(matrix, common, (out) => {
      out.print(renderMatrix(matrix, out.palette, out.noHeaders));
      if (out.noHeaders) for (const note of matrix.notes) out.warn(note);
    });
  }

  /** Every pair on the wire (without --port: each declared port, else each port the policies name), then expected, observed and their difference. */
  private async probe(matrix: ReachabilityMatrix, flags: ProbeFlagValues, common: CommonFlagValues, source: Source): Promise<object> {
    const settings = probeSettings(flags);
    const flows: ProbeFlow[] = [];
    // each port is judged by its own verdict; the grids show the pair (any port, as the matrix does)
    for (const from of matrix.pods) {
      for (const to of matrix.pods) {
        for (const verdict of matrix.probeVerdicts(from, to)) {
          flows.push({from, to, port: verdict.port, protocol: verdict.protocol, expected: verdict.allowed, cell: cellKey(from.id, to.id)});
        }
      }
    }
    if (flags['dry-run']) {
      const plan = planProbes(flows, settings);
      return this.emit({...matrix.toJSON(), probe: {dryRun: true, plan}}, common, (out) => out.print(renderProbePlan(plan, settings)));
    }
    const {jobs, observations, report} = await runProbes(source, flows, settings, (line) => process.stderr.write(`${line}\n`));
    const observed = observedCells(jobs, observations);
    const ids = matrix.pods.map((pod) => pod.id);
    const index = new Map(ids.map((id, position) => [id, position]));
    const expected = (from: string, to: string) => matrix.allowed(index.get(from)!, index.get(to)!);
    const seen = (from: string, to: string) => observed.get(cellKey(from, to));
    const agreement = cellAgreement(jobs, report);
    const same = (from: string, to: string) => agreement.get(cellKey(from, to));
    if (!report.pass) this.found();
    const result: {probe: ProbeReport} & Record<string, unknown> = {
      ...matrix.toJSON(),
      observed: ids.flatMap((from) => ids.map((to) => ({from, to, allowed: seen(from, to) ?? null}))),
      probe: report,
    };
    return this.emit(result, common, (out) => {
      out.print(renderTruthTable(`expected on ${matrixPortText(matrix)} (rows: from, columns: to; . allowed, X denied)`, ids, expected, out.palette));
      out.print('');
      out.print(renderTruthTable(`observed (. connected, X blocked, ? not observed)`, ids, seen, out.palette));
      out.print('');
      out.print(renderTruthTable(`comparison (. same, X different, ? not observed)`, ids, same, out.palette));
      out.print('');
      out.print(renderProbeFindings(report, out.palette));
    });
  }
}

/**
 * Writes the chunks, waiting for the pipe to drain between them so memory stays flat however
 * big the matrix. When the reader goes away (`| head`: EPIPE) it stops quietly: the rest has
 * no one to read it, and that is not an error. Other write errors are thrown.
 */
export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  let failure: NodeJS.ErrnoException | undefined;
  // Stays attached: a closed pipe may report again later, and an unheard 'error' would crash.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error;
  });
  // A write to a closed pipe fails at once (stream.errored) even though 'error' comes a tick later.
  const stopped = () => failure !== undefined || stream.errored !== null || stream.destroyed;
  for (const chunk of chunks) {
    if (stopped()) break;
    if (!stream.write(chunk) && !stopped()) {
      // 'drain' never comes once the pipe has failed: wait for whichever comes first.
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('error', done);
        stream.once('close', done);
      });
    }
  }
  const error = failure ?? (stream.errored as NodeJS.ErrnoException | null) ?? undefined;
  if (error && error.code !== 'EPIPE') throw error;
}

export function podsInScope(snapshot: NetpolSnapshot, namespace: string | undefined, selector: string | undefined): PodEndpoint[] {
  const query = selector ? parseLabelQuery(selector) : undefined;
  return snapshot.pods.filter((pod) => (namespace === undefined || pod.namespace === namespace) && (!query || matchesLabelQuery(query, pod.labels)));
}
