// `netpol test`: one or more questions "can FROM reach TO on PORT/PROTOCOL?", each answered
// per source pod and destination pod (a workload or service names several), with reasons.

import {InputError, UsageError} from '../errors.ts';
import {Evaluator, resolvePort} from './evaluate.ts';
import {cniNotes} from './matrix.ts';
import {compilePortValue, compileProtocol} from './policy.ts';
import type {NetpolSnapshot, ServiceInfo} from './snapshot.ts';
import {resolveTarget} from './target.ts';
import type {Endpoint, FlowPort, FlowVerdict, Protocol} from './types.ts';

export type Expectation = 'allow' | 'deny';

export interface ConnectivityQuestion {
  from: string;
  to: string;
  port?: number | string;
  protocol?: Protocol;
  expect?: Expectation;
}

export interface ConnectivityResult extends FlowVerdict {
  expect?: Expectation;
  pass: boolean;
}

export interface CaseSummary {
  from: string;
  to: string;
  port: number | string | null;
  protocol: Protocol | null;
  expect?: Expectation;
  /** allowed for every flow, denied for every flow, or mixed. */
  verdict: 'allowed' | 'denied' | 'mixed';
  flows: number;
  pass: boolean;
}

export interface ConnectivityAnswer {
  results: ConnectivityResult[];
  cases: CaseSummary[];
  pass: boolean;
  notes?: string[];
}

export function testConnectivity(snapshot: NetpolSnapshot, questions: readonly ConnectivityQuestion[], defaultNamespace: string, evaluator = new Evaluator(snapshot)): ConnectivityAnswer {
  const results: ConnectivityResult[] = [];
  const cases: CaseSummary[] = [];
  for (const question of questions) {
    const flows = answerOne(snapshot, evaluator, question, defaultNamespace);
    const caseResults = flows.map((flow) => {
      const pass = question.expect === undefined ? flow.allowed : flow.allowed === (question.expect === 'allow');
      return {...flow, ...(question.expect ? {expect: question.expect} : {}), pass};
    });
    results.push(...caseResults);
    const allowed = caseResults.filter((result) => result.allowed).length;
    cases.push({
      from: question.from, to: question.to, port: question.port ?? null, protocol: question.protocol ?? null,
      ...(question.expect ? {expect: question.expect} : {}),
      verdict: allowed === caseResults.length ? 'allowed' : allowed === 0 ? 'denied' : 'mixed',
      flows: caseResults.length,
      pass: caseResults.every((result) => result.pass),
    });
  }
  const notes = cniNotes(snapshot);
  return {results, cases, pass: cases.every((item) => item.pass), ...(notes.length ? {notes} : {})};
}

function answerOne(snapshot: NetpolSnapshot, evaluator: Evaluator, question: ConnectivityQuestion, defaultNamespace: string): FlowVerdict[] {
  const source = resolveTarget(snapshot, question.from, defaultNamespace, 'from');
  const destination = resolveTarget(snapshot, question.to, defaultNamespace, 'to');
  const verdicts: FlowVerdict[] = [];
  for (const to of destination.endpoints) {
    const ports = destination.service
      ? servicePorts(destination.service, to, question)
      : destinationPorts(to, question);
    for (const port of ports) {
      for (const from of source.endpoints) {
        const verdict = evaluator.evaluate(from, to, port);
        if (destination.service) verdict.service = destination.service.id;
        verdicts.push(verdict);
      }
    }
  }
  return verdicts;
}

function destinationPorts(to: Endpoint, question: ConnectivityQuestion): FlowPort[] {
  const protocol = question.protocol ?? 'TCP';
  if (question.port !== undefined) {
    if (typeof question.port === 'string' && to.kind !== 'pod') {
      throw new UsageError(`--port ${question.port} is a port name, but ${to.id} is not a pod: give a number`);
    }
    return [resolvePort(to, question.port, protocol)];
  }
  // No port: every port the destination declares (of the protocol, when one is given).
  if (to.kind === 'pod') {
    const declared = to.ports.filter((port) => question.protocol === undefined || port.protocol === question.protocol);
    const unique = new Map(declared.map((port) => [`${port.containerPort}/${port.protocol}`, port]));
    if (unique.size > 0) {
      return [...unique.values()].sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol))
        .map((port) => resolvePort(to, port.containerPort, port.protocol));
    }
  }
  throw new UsageError(`${to.id} declares no ${question.protocol ?? ''}${question.protocol ? ' ' : ''}container port: give --port`);
}

function servicePorts(service: ServiceInfo, to: Endpoint, question: ConnectivityQuestion): FlowPort[] {
  const chosen = service.ports.filter((port) =>
    (question.port === undefined || port.port === question.port || port.name === question.port || String(port.port) === String(question.port)) &&
    (question.protocol === undefined || port.protocol === question.protocol));
  if (chosen.length === 0) {
    const known = service.ports.map((port) => `${port.name ? `${port.name}:` : ''}${port.port}/${port.protocol}`).join(', ');
    throw new UsageError(`service ${service.id} has no port ${question.port ?? ''}${question.protocol ? `/${question.protocol}` : ''} (it has ${known || 'none'})`);
  }
  return chosen.map((port) => resolvePort(to, port.targetPort, port.protocol));
}

/** Reads a `--cases` file's parsed content: a list of {from, to, port, protocol, expect}. */
export function readCases(content: unknown, file: string): ConnectivityQuestion[] {
  const list = Array.isArray(content) ? content : (content as {cases?: unknown})?.cases;
  if (!Array.isArray(list)) throw new InputError('expected a list of {from, to, port, protocol, expect}', {file});
  return list.map((item, index) => {
    const at = (field: string) => ({file, field: `[${index}].${field}`});
    if (!item || typeof item !== 'object') throw new InputError('a case must be a mapping', {file, field: `[${index}]`});
    const entry = item as Record<string, unknown>;
    for (const key of ['from', 'to']) {
      if (typeof entry[key] !== 'string' || !entry[key]) throw new InputError(`${key} is required`, at(key));
    }
    const question: ConnectivityQuestion = {from: entry.from as string, to: entry.to as string};
    if (entry.port !== undefined && entry.port !== null) question.port = compilePortValue(entry.port, at('port'));
    if (entry.protocol !== undefined && entry.protocol !== null) question.protocol = compileProtocol(entry.protocol, at('protocol'));
    if (entry.expect !== undefined && entry.expect !== null) question.expect = readExpectation(entry.expect, at('expect'));
    return question;
  });
}

export function readExpectation(value: unknown, location: {file?: string; field?: string} = {}): Expectation {
  const text = String(value).toLowerCase();
  if (text === 'allow' || text === 'allowed' || text === 'true') return 'allow';
  if (text === 'deny' || text === 'denied' || text === 'false') return 'deny';
  throw new InputError(`expect must be allow or deny, not ${JSON.stringify(value)}`, location);
}
