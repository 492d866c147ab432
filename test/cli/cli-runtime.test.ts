import {complete, completesNamespace} from '../../commands/cli/complete.ts';
import type {HelpTable} from '../../commands/cli/help-table.ts';
import {handleError} from '../../commands/cli/handle-error.ts';
import {normalizeBooleanFlags} from '../../commands/cli/boolean-flags.ts';
import {suggestNames, unknownCommandMessage} from '../../commands/cli/suggest.ts';
import {ClusterError, InputError} from '../../src/errors.ts';

test.each([
  ['tset', ['test']],
  ['matrx', ['matrix']],
  ['ex', ['explain']],
  ['zzzzzz', []],
])('suggestions for %s', (typed, expected) => {
  expect(suggestNames(typed, ['test', 'matrix', 'diff', 'explain'])).toEqual(expected);
});

test('unknown command message reads like kubectl', () => {
  expect(unknownCommandMessage('tset', 'netpol', ['test', 'matrix'])).toBe(
    'error: unknown command "tset" for "kubectl netpol"\n\nDid you mean this?\n\ttest\n\nRun \'kubectl netpol --help\' for usage.\n');
});

const table: HelpTable = {
  plugin: 'netpol', single: false, version: '1', root: '',
  commands: {
    test: {summary: 'Verdict for one flow', help: '', flags: [
      {name: 'from', takesValue: true, summary: 'source'},
      {name: 'protocol', takesValue: true, options: ['TCP', 'UDP', 'SCTP'], summary: 'protocol'},
      {name: 'output', char: 'o', takesValue: true, summary: 'format'},
      {name: 'filename', char: 'f', takesValue: true, summary: 'manifests'},
    ]},
    matrix: {summary: 'Reachability matrix', help: '', flags: []},
  },
};

test.each([
  ['subcommands', [''], 'test\tVerdict for one flow\nmatrix\tReachability matrix\n:4\n'],
  ['subcommand prefix', ['ma'], 'matrix\tReachability matrix\n:4\n'],
  ['flags', ['test', '--p'], '--protocol\tprotocol\n:4\n'],
  ['flag values', ['test', '--protocol', 'U'], 'UDP\n:4\n'],
  ['output formats by short flag', ['test', '-o', 'j'], 'json\njsonpath=\n:4\n'],
  ['files complete as files', ['test', '-f', ''], ':0\n'],
])('completion: %s', (_name, words, expected) => {
  expect(complete(table, words)).toBe(expected);
});

test.each([
  ['input error exits 2', new InputError('kind is missing', {file: 'a.yaml', document: 2, field: 'kind'}), 2, 'error: a.yaml, document 2, field kind: kind is missing\n'],
  ['cluster error exits 3 with hint', new ClusterError('cannot reach the cluster', {hint: 'check --context'}), 3, 'error: cannot reach the cluster\nhint: check --context\n'],
  ['oclif parse error exits 2', Object.assign(new Error('Nonexistent flag: --frm\nSee more help with --help'), {oclif: {exit: 2}}), 2, 'error: Nonexistent flag: --frm\n'],
])('%s', (_name, error, code, text) => {
  let written = '';
  expect(handleError(error, false, (chunk) => { written += chunk; })).toBe(code);
  expect(written).toBe(text);
});

test('unexpected errors never print a stack trace without --debug', () => {
  let written = '';
  handleError(new TypeError('x is undefined'), false, (chunk) => { written += chunk; });
  expect(written).not.toMatch(/\n\s+at /);
  expect(written).toMatch(/^error: x is undefined\n/);
});

test('oclif\'s multi-line parse errors keep their details on one line', () => {
  let written = '';
  const error = Object.assign(new Error('The following error occurred:\n  Missing required flag changed\nSee more help with --help'), {oclif: {exit: 2}});
  expect(handleError(error, false, (chunk) => { written += chunk; })).toBe(2);
  expect(written).toBe('error: Missing required flag changed\n');
});

describe('boolean flags take kubectl\'s =true and =false', () => {
  const flags = {'all-namespaces': {type: 'boolean', char: 'A'}, 'no-headers': {type: 'boolean'}, namespace: {type: 'option', char: 'n'}};
  test.each([
    ['=false drops the flag', ['--all-namespaces=false', 'get', 'pods'], ['get', 'pods']],
    ['=true keeps it', ['--no-headers=true'], ['--no-headers']],
    ['short form', ['-A=true'], ['--all-namespaces']],
    ['other spellings of true and false', ['--no-headers=1', '-A=F'], ['--no-headers']],
    ['option flags are left alone', ['--namespace=false'], ['--namespace=false']],
    ['nothing after --', ['--', '--no-headers=false'], ['--', '--no-headers=false']],
    ['a bad value is left for oclif to report', ['--no-headers=maybe'], ['--no-headers=maybe']],
  ])('%s', (_name, argv, expected) => {
    expect(normalizeBooleanFlags(argv, flags)).toEqual(expected);
  });
});

test('completion skips flag values when counting arguments', () => {
  const single: HelpTable = {plugin: 'tree', single: true, version: '1', root: '', commands: {
    tree: {summary: '', help: '', flags: [{name: 'namespace', char: 'n', takesValue: true, summary: ''}], argumentValues: [['deployment', 'pod'], []]},
  }};
  expect(complete(single, ['-n', 'shop', 'po'])).toBe('pod\n:4\n');
  expect(complete(single, ['--namespace=shop', 'dep'])).toBe('deployment\n:4\n');
});

test('namespace values come from what was found at completion time', () => {
  const withNamespace: HelpTable = {...table, commands: {test: {...table.commands.test, flags: [...table.commands.test.flags, {name: 'namespace', char: 'n', takesValue: true, summary: ''}]}}};
  expect(completesNamespace(['test', '-n', 's'])).toBe(true);
  expect(completesNamespace(['test', '--from', 's'])).toBe(false);
  expect(complete(withNamespace, ['test', '-n', 's'], {namespaces: ['default', 'shop', 'staging']})).toBe('shop\nstaging\n:4\n');
  expect(complete(withNamespace, ['test', '-n', 's'])).toBe(':4\n');
});
