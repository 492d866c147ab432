// kubectl netpol test --from SRC --to DST [--port P] [--protocol PROTO] [--expect allow|deny]
// kubectl netpol test --cases FILE

import {readFileSync} from 'node:fs';
import {Flags} from '@oclif/core';
import {load} from 'js-yaml';
import {InputError, UsageError} from '../../src/errors.ts';
import {readCases, readExpectation, testConnectivity, type ConnectivityAnswer, type ConnectivityQuestion} from '../../src/netpol/connectivity.ts';
import {loadSnapshot} from '../../src/netpol/load.ts';
import {renderAnswer, renderCaseTable} from '../../src/netpol/render.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {checkProbeUsage, probeFlags, probeSettings, runProbes} from './probe-support.ts';
import {endpointById, portFlags, readPort, readProtocol} from './shared.ts';
import {planProbes, type ProbeFlow, type ProbeJob, type ProbeReport} from '../../src/netpol/probe.ts';
import {renderProbeFindings, renderProbePlan, renderProbeTable} from '../../src/netpol/probe-render.ts';

export default class NetpolTest extends SleuthCommand {
  static override summary = 'Can SRC reach DST on a port? The verdict and the policies and rules behind it.';
  static override description = [
    'SRC and DST: NS/POD, KIND/NAME (pod, deploy, sts, ds, rs, job, cronjob; svc only as DST), NS/KIND/NAME,',
    'or an IP address (a host outside the cluster). A workload stands for its pods; offline, a workload without',
    'pods in the input stands for a pod made from its template. Exit 1 when denied (with --expect: when the',
    'expectation is not met).',
  ].join('\n');

  static override examples = [
    'kubectl netpol test --from shop/frontend --to svc/backend --port 8080 -n shop',
    'kubectl netpol test --from deploy/web --to 10.0.0.1 --port 443 --expect deny',
    'kubectl netpol test --cases flows.yaml -f rendered/',
    'kubectl netpol test --from shop/frontend --to shop/database --port 5432 --probe',
  ];

  static override flags = {
    from: Flags.string({helpGroup: 'FLOW', description: 'The source: NS/POD, KIND/NAME, NS/KIND/NAME or an IP.'}),
    to: Flags.string({helpGroup: 'FLOW', description: 'The destination: NS/POD, KIND/NAME, svc/NAME, NS/KIND/NAME or an IP.'}),
    ...portFlags,
    expect: Flags.string({helpGroup: 'FLOW', description: 'allow or deny: exit 1 when the verdict differs.', options: ['allow', 'deny']}),
    cases: Flags.string({helpGroup: 'FLOW', description: 'A YAML list of {from, to, port, protocol, expect} to check in one go.'}),
    ...probeFlags,
  };

  async run(): Promise<ConnectivityAnswer & {probe?: ProbeReport | {dryRun: true; plan: ProbeJob[]}}> {
    const {flags} = await this.parse(NetpolTest);
    const common = flags as unknown as CommonFlagValues;
    checkProbeUsage({...flags, filename: common.filename});
    const questions = this.questions(flags);
    const source = await this.openSource(common);
    const snapshot = await loadSnapshot(source);
    for (const warning of [...source.warnings, ...snapshot.warnings]) this.warnLine(warning);
    const answer = testConnectivity(snapshot, questions, common.namespace ?? source.defaultNamespace);
    if (flags.probe) {
      // With --probe the question is whether the wire agrees with the verdict, not the verdict itself.
      const settings = probeSettings(flags);
      const flows: ProbeFlow[] = answer.results.map((result) => ({
        from: endpointById(snapshot, result.from), to: endpointById(snapshot, result.to),
        port: result.port, protocol: result.protocol, expected: result.allowed,
      }));
      if (flags['dry-run']) {
        const plan = planProbes(flows, settings);
        return this.emit({...answer, probe: {dryRun: true as const, plan}}, common, (out) => out.print(renderProbePlan(plan, settings)));
      }
      const {report} = await runProbes(source, flows, settings, (line) => process.stderr.write(`${line}\n`));
      if (!report.pass || answer.results.some((result) => result.expect !== undefined && !result.pass)) this.found();
      return this.emit({...answer, probe: report}, common, (out) => {
        out.print(flags.cases ? renderCaseTable(answer, out.palette, out.noHeaders) : renderAnswer(answer, out.palette));
        out.print('');
        out.print(renderProbeTable(report, out.palette, out.noHeaders));
        out.print(renderProbeFindings(report, out.palette));
      });
    }
    if (!answer.pass) this.found();
    return this.emit(answer, common, (out) => {
      if (flags.cases) {
        const failed = answer.results.filter((result) => !result.pass);
        if (failed.length > 0) {
          const reasons = {...answer, results: failed, notes: undefined};
          // --no-headers: stdout carries the table rows alone, so the reasons go to stderr.
          if (out.noHeaders) {
            process.stderr.write(`${renderAnswer(reasons)}\n`);
          } else {
            out.print(renderAnswer(reasons, out.palette));
            out.print('');
          }
        }
        const table = renderCaseTable(answer, out.palette, out.noHeaders);
        if (table) out.print(table);
        for (const note of answer.notes ?? []) out.warn(note);
      } else {
        out.print(renderAnswer(answer, out.palette));
      }
    });
  }

  private questions(flags: {from?: string; to?: string; port?: string; protocol?: string; expect?: string; cases?: string}): ConnectivityQuestion[] {
    if (flags.cases) {
      if (flags.from || flags.to) throw new UsageError('--cases and --from/--to are mutually exclusive');
      let text: string;
      try {
        text = readFileSync(flags.cases, 'utf8');
      } catch (error) {
        throw new InputError(`cannot read: ${(error as Error).message}`, {file: flags.cases});
      }
      let content: unknown;
      try {
        content = load(text);
      } catch (error) {
        throw new InputError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, {file: flags.cases});
      }
      return readCases(content, flags.cases);
    }
    if (!flags.from || !flags.to) throw new UsageError('--from and --to are required (or --cases FILE)', {hint: 'kubectl netpol test --from NS/POD --to NS/POD --port 80'});
    return [{
      from: flags.from,
      to: flags.to,
      port: readPort(flags.port),
      protocol: readProtocol(flags.protocol),
      ...(flags.expect ? {expect: readExpectation(flags.expect)} : {}),
    }];
  }
}
