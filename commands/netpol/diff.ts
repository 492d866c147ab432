// kubectl netpol diff --changed PATH... [-f BASE...]: what a policy change would cut or open.

import {Flags} from '@oclif/core';
import {ManifestSource} from '../../src/cluster/manifest-source.ts';
import {UsageError} from '../../src/errors.ts';
import {matchesLabelQuery, parseLabelQuery} from '../../src/kube/label-query.ts';
import {diffReachability, otherPorts, overlay, type DiffAnswer} from '../../src/netpol/diff.ts';
import {loadNetpolObjects} from '../../src/netpol/load.ts';
import {formatTable} from '../../src/output/table.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {portFlags, readPort, readProtocol} from './shared.ts';

export default class NetpolDiff extends SleuthCommand {
  static override summary = 'What a change to policies would do: every flow it cuts or opens, grouped by workload and port.';
  static override description = [
    'Compares the cluster (or the -f manifests) with the same state with the --changed manifests laid over it ' +
    '(later inputs replace earlier ones).',
    'Without --port, the ports `netpol matrix` tries are compared one by one: every port the pods in scope declare, ' +
    'every port the policies (before or after) name, and * for any other port (ports no policy names, which only rules ' +
    'without ports admit); for --protocol, else for TCP and every protocol in use.',
    'Exit 1 when a flow would be cut (--fail-on cut, the default) or change at all (--fail-on any). ' +
    'With --no-headers only the rows are printed.',
  ].join('\n\n');

  static override examples = ['kubectl netpol diff --changed new-policies/ -f cluster-dump/ -A', 'kubectl netpol diff --changed deny.yaml -n shop --fail-on any'];
  static override flags = {
    changed: Flags.string({multiple: true, required: true, helpGroup: 'INPUT', description: 'Manifests with the change (files, directories, - for stdin). Repeatable.'}),
    'fail-on': Flags.string({options: ['cut', 'any', 'never'], default: 'cut', helpGroup: 'OUTPUT', description: 'Exit 1 when a flow is cut (cut), changes (any), or never.'}),
    ...portFlags,
  };

  async run(): Promise<DiffAnswer> {
    const {flags} = await this.parse(NetpolDiff);
    const common = flags as unknown as CommonFlagValues;
    const port = readPort(flags.port);
    const protocol = readProtocol(flags.protocol);
    if (flags.changed.includes('-') && common.filename?.includes('-')) throw new UsageError('only one of --changed and -f can read stdin');
    const source = await this.openSource(common);
    const base = await loadNetpolObjects(source);
    const changedSource = ManifestSource.fromPaths(flags.changed, {namespace: common.namespace ?? source.defaultNamespace});
    const changed = changedSource.allObjects();
    const offline = !source.live;
    const before = buildSnapshot(base, {offline});
    const after = buildSnapshot(overlay(base, changed), {offline});
    for (const warning of [...source.warnings, ...before.warnings]) this.warnLine(warning);
    const namespace = this.namespaceScope(common, source);
    const query = common.selector ? parseLabelQuery(common.selector) : undefined;
    const ports = port !== undefined ? [{port, protocol: protocol ?? 'TCP' as const}] : undefined;
    const answer = diffReachability(before, after,
      (pod) => (namespace === undefined || pod.namespace === namespace) && (!query || matchesLabelQuery(query, pod.labels)),
      ports ?? undefined, protocol);
    const failing = flags['fail-on'] === 'any' ? answer.changes.length > 0 : flags['fail-on'] === 'cut' ? answer.cut > 0 : false;
    if (failing) this.found();
    return this.emit(answer, common, (out) => {
      if (answer.changes.length === 0) {
        if (!out.noHeaders) out.print(`no flow changes on ${answer.ports.length} port${answer.ports.length === 1 ? '' : 's'} (${answer.ports.map((item) => `${item.protocol}/${item.port}`).join(', ') || 'none declared'})`);
      } else {
        const rows = answer.changes.map((item) => [item.change === 'cut' ? 'CUT' : 'OPENED', item.from, item.to, `${item.protocol}/${item.port}`, String(item.flows), (item.change === 'cut' ? item.after : item.after).reason]);
        out.print(formatTable(['change', 'from', 'to', 'port', 'flows', 'why (after the change)'], rows, {
          noHeaders: out.noHeaders,
          colorize: (_row, column, cell) => column === 0 ? (cell === 'CUT' ? out.palette.bad(cell) : out.palette.ok(cell)) : cell,
        }).trimEnd());
        if (!out.noHeaders) {
          out.print(`${answer.cut} flow${answer.cut === 1 ? '' : 's'} cut, ${answer.opened} opened`);
          if (answer.changes.some((item) => item.port === otherPorts)) out.print(`${otherPorts}: any other port (one no policy names and no pod in scope declares)`);
        }
        if (out.wide) for (const item of answer.changes) out.print(`${item.from} -> ${item.to} ${item.protocol}/${item.port}: before: ${item.before.reason}`);
      }
      for (const note of answer.notes ?? []) out.warn(note);
    });
  }
}
