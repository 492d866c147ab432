// Text a person reads: a peer's selectors as one phrase (they are ANDed), the matrix summary
// (how many classes the pods fall into, singular and plural), and --no-headers printing the
// rows alone for scripts that count lines.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {ConnectivityAnswer} from '../../src/netpol/connectivity.ts';
import {Evaluator} from '../../src/netpol/evaluate.ts';
import {ReachabilityMatrix} from '../../src/netpol/matrix.ts';
import {compileNetworkPolicy, type PodsPeer} from '../../src/netpol/policy.ts';
import {matrixSummary, renderCaseTable, renderMatrix} from '../../src/netpol/render.ts';
import {buildSnapshot} from '../../src/netpol/snapshot.ts';
import {ingressOnly, modelObjects, networkPolicy} from './model.ts';

function peerText(peer: object): string {
  const policy = compileNetworkPolicy(networkPolicy('x', 'p', {}, ingressOnly({from: [peer]})));
  return (policy.ingress![0].peers![0] as PodsPeer).text;
}

describe('a peer in words: podSelector and namespaceSelector of one peer read as one conjunction', () => {
  test.each([
    ['podSelector alone', {podSelector: {matchLabels: {app: 'two'}}}, 'pods with app=two'],
    ['empty podSelector alone', {podSelector: {}}, 'every pod in the policy\'s namespace'],
    ['empty namespaceSelector alone', {namespaceSelector: {}}, 'pods in every namespace'],
    ['namespaceSelector alone', {namespaceSelector: {matchLabels: {ns: 'y'}}}, 'pods in namespaces with ns=y'],
    ['every namespace AND a podSelector', {namespaceSelector: {}, podSelector: {matchLabels: {app: 'two'}}}, 'pods with app=two in every namespace'],
    ['both selectors', {namespaceSelector: {matchLabels: {ns: 'y'}}, podSelector: {matchLabels: {app: 'two'}}}, 'pods with app=two in namespaces with ns=y'],
    ['both selectors empty', {namespaceSelector: {}, podSelector: {}}, 'pods in every namespace'],
    ['a namespaceSelector and an empty podSelector', {namespaceSelector: {matchLabels: {ns: 'y'}}, podSelector: {}}, 'pods in namespaces with ns=y'],
  ])('%s', (_name, peer, text) => {
    expect(peerText(peer)).toBe(text);
  });
});

function matrixOf(objects: KubeObject[]): ReachabilityMatrix {
  const snapshot = buildSnapshot(objects, {offline: true});
  return new ReachabilityMatrix(new Evaluator(snapshot), snapshot.pods, {protocol: 'TCP'});
}

describe('the matrix summary', () => {
  test.each([
    ['one pod, one class', ['x/a'], '1 pod, 1 allowed, 0 denied; the pods fall into 1 class (no policy tells the pods of one class apart)'],
    ['three pods, three classes', ['x/a', 'x/b', 'y/a'], '3 pods, 9 allowed, 0 denied; the pods fall into 3 classes (no policy tells the pods of one class apart)'],
  ])('%s', (_name, pods, summary) => {
    expect(matrixSummary(matrixOf(modelObjects({pods, protocols: ['TCP']})))).toBe(summary);
  });

  test('pods alike fall into one class', () => {
    const objects = modelObjects({pods: ['x/a', 'x/b'], protocols: ['TCP']});
    for (const object of objects) if (object.kind === 'Pod') object.metadata.labels = {app: 'same'};
    expect(matrixSummary(matrixOf(objects))).toContain('the pods fall into 1 class (');
  });
});

describe('--no-headers', () => {
  const objects = [...modelObjects({pods: ['x/a', 'x/b', 'y/a'], protocols: ['TCP']}), networkPolicy('x', 'deny', {}, ingressOnly())];

  test.each([
    ['headers: title, column numbers, rows, summary, legend', false, 1 + 1 + 3 + 2],
    ['no headers: the rows alone', true, 3],
  ])('matrix, %s', (_name, noHeaders, lines) => {
    const text = renderMatrix(matrixOf(objects), undefined, noHeaders);
    expect(text.split('\n')).toHaveLength(lines);
    if (noHeaders) expect(text.split('\n').every((line) => /^\d+ \S+ [.X]+$/.test(line))).toBe(true);
    else expect(text).toContain('3 pods, 5 allowed, 4 denied');
  });

  test('matrix with no pods: nothing at all without headers', () => {
    expect(renderMatrix(matrixOf([]), undefined, true)).toBe('');
  });

  const answer = {
    results: [], pass: false,
    cases: [
      {from: 'x/a', to: 'x/b', port: 80, protocol: 'TCP', expect: 'allow', verdict: 'allowed', pass: true},
      {from: 'x/a', to: 'y/a', port: null, protocol: null, expect: 'deny', verdict: 'allowed', pass: false},
    ],
  } as unknown as ConnectivityAnswer;

  test.each([
    ['headers: header line, rows, summary', false, 4],
    ['no headers: the rows alone', true, 2],
  ])('test --cases table, %s', (_name, noHeaders, lines) => {
    const text = renderCaseTable(answer, undefined, noHeaders);
    expect(text.split('\n')).toHaveLength(lines);
    expect(text.includes('1 passed, 1 failed')).toBe(!noHeaders);
    expect(text.includes('FROM')).toBe(!noHeaders);
  });
});
