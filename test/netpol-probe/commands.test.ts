// The netpol subcommands through the built plugin and the real kubectl, offline on the examples'
// tutorial (shop: frontend -> backend -> database, monitoring scrapes the backend): exit codes
// (CONTRACT.md: 0 clean, 1 found, 2 bad usage or input) and the lines a user reads.

import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {kubectl, requireBuild, root} from '../integration/helpers.ts';

const tutorial = join(root, 'examples', 'netpol-tutorial');
const fixtures = join(root, 'test', 'netpol-probe', 'fixtures');
const netpol = (...args: string[]) => kubectl(['netpol', ...args, '-f', tutorial]);

beforeAll(() => requireBuild('netpol'));

describe('netpol matrix', () => {
  test('the tutorial\'s truth table: each tier reaches only the next, every pod itself; exit 0', () => {
    const run = netpol('matrix', '-A');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(2, 6)).toEqual([
      '1 monitoring/prometheus-0 ..XX',
      '2 shop/backend            ...X',
      '3 shop/database           .X.X',
      '4 shop/frontend           ..X.',
    ]);
    expect(run.stdout).toContain('4 pods, 10 allowed, 6 denied');
  });

  test('-o json: CONTRACT.md\'s shape, one entry per ordered pair', () => {
    const run = netpol('matrix', '-n', 'shop', '--port', '5432', '-o', 'json');
    expect(run.status).toBe(0);
    const matrix = JSON.parse(run.stdout);
    expect(matrix).toMatchObject({port: 5432, protocol: 'TCP', pods: ['shop/backend', 'shop/database', 'shop/frontend']});
    expect(matrix.entries).toHaveLength(9);
    expect(matrix.entries.filter((entry: {allowed: boolean}) => !entry.allowed).map((entry: {from: string; to: string}) => `${entry.from}>${entry.to}`))
      // on 5432 the backend admits no one: its policies admit only its api port (8080)
      .toEqual(['shop/backend>shop/frontend', 'shop/database>shop/backend', 'shop/database>shop/frontend', 'shop/frontend>shop/backend', 'shop/frontend>shop/database']);
  });

  test('--no-headers: the rows alone, one line per pod', () => {
    const run = netpol('matrix', '-A', '--no-headers');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      '1 monitoring/prometheus-0 ..XX',
      '2 shop/backend            ...X',
      '3 shop/database           .X.X',
      '4 shop/frontend           ..X.',
    ]);
  });

  test('pods without container ports: allowed when some port is, as `test --port 80` says', () => {
    const file = join(fixtures, 'no-container-ports.yaml');
    const run = kubectl(['netpol', 'matrix', '-n', 'demo', '-f', file, '-o', 'json']);
    expect(run.status).toBe(0);
    const entries = JSON.parse(run.stdout).entries as {from: string; to: string; allowed: boolean}[];
    expect(entries.filter((entry) => entry.to === 'demo/dst').map((entry) => `${entry.from}:${entry.allowed}`)).toEqual(['demo/dst:true', 'demo/other:false', 'demo/src:true']);
    expect(kubectl(['netpol', 'test', '-n', 'demo', '-f', file, '--from', 'demo/src', '--to', 'demo/dst', '--port', '80']).status).toBe(0);
    const text = kubectl(['netpol', 'matrix', '-n', 'demo', '-f', file]);
    expect(text.stdout).toContain('reachability on any TCP port');
    expect(text.stdout).toContain('without --port a pair is allowed when some TCP port is');
    expect(text.stdout).toContain('3 pods, 8 allowed, 1 denied; the pods fall into 3 classes');
  });

  test('-o json into a reader that stops after the first line (| head -1): no EPIPE error, exit 0', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'netpol-big-'));
    const pods = Array.from({length: 300}, (_, index) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${index}, namespace: big, labels: {app: a${index % 5}}}\nspec: {containers: [{name: c, image: x}]}`);
    writeFileSync(join(directory, 'pods.yaml'), ['apiVersion: v1\nkind: Namespace\nmetadata: {name: big}', ...pods].join('\n---\n'));
    try {
      const child = spawn(join(root, 'plugins', 'kubectl-netpol'), ['matrix', '-A', '-f', directory, '-o', 'json'], {env: {...process.env, KUBECONFIG: join(root, 'test', 'integration', 'no-cluster.kubeconfig')}});
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
      // the first chunk read, the reader goes away: the plugin's next writes fail with EPIPE
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(status).toBe(0);
    } finally {
      rmSync(directory, {recursive: true, force: true});
    }
  });

  test.each([
    ['an unknown protocol', ['--protocol', 'ICMP'], 'invalid --protocol "ICMP"'],
    ['a port out of range', ['--port', '70000'], 'invalid --port "70000"'],
    ['--dry-run without --probe', ['--dry-run'], '--dry-run goes with --probe'],
  ])('bad usage: %s; exit 2', (_name, args, message) => {
    const run = netpol('matrix', '-n', 'shop', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('netpol test --cases', () => {
  test('every expectation met: a summary table, exit 0', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-pass.yaml'), '-n', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/monitoring\/prometheus-0\s+svc\/backend\s+http\s+\*\s+allow\s+allowed\s+PASS/);
    expect(run.stdout).toContain('5 passed, 0 failed');
  });

  test('an expectation not met: the failing flow with its reasons, then the table; exit 1', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-fail.yaml'), '-n', 'shop');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('shop/frontend -> shop/database TCP/5432: denied (expected allow: FAIL)');
    expect(run.stdout).toContain('no rule of these policies admits shop/frontend on TCP 5432 (postgres)');
    expect(run.stdout).toContain('1 passed, 1 failed');
  });

  test('--no-headers: the case rows alone on stdout, the failing flow\'s reasons on stderr', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-fail.yaml'), '-n', 'shop', '--no-headers');
    expect(run.status).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => /\s(PASS|FAIL)$/.test(line))).toBe(true);
    expect(run.stderr).toContain('shop/frontend -> shop/database TCP/5432: denied (expected allow: FAIL)');
  });

  test('-o json: results and cases with pass', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-fail.yaml'), '-n', 'shop', '-o', 'json');
    expect(run.status).toBe(1);
    const answer = JSON.parse(run.stdout);
    expect(answer.pass).toBe(false);
    expect(answer.cases.map((item: {verdict: string; pass: boolean}) => [item.verdict, item.pass])).toEqual([['allowed', true], ['denied', false]]);
  });

  test('an unknown protocol in the cases file: exit 2 naming the file and field', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-bad.yaml'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cases-bad.yaml, field [0].protocol: unsupported value "ICMP"');
  });

  test('--cases with --from is bad usage; exit 2', () => {
    const run = netpol('test', '--cases', join(fixtures, 'cases-pass.yaml'), '--from', 'shop/frontend');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--cases and --from/--to are mutually exclusive');
  });
});

describe('netpol diff', () => {
  test('a change that cuts frontend -> backend: listed with the rule that decides; exit 1', () => {
    const run = netpol('diff', '--changed', join(fixtures, 'narrow-backend.yaml'), '-n', 'shop');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/CUT\s+shop\/frontend\s+shop\/backend\s+TCP\/8080\s+1\s+ingress: shop\/backend is isolated/);
    expect(run.stdout).toContain('1 flow cut, 0 opened');
  });

  test('a change that only opens: exit 0 by default, 1 with --fail-on any, 0 with --fail-on never', () => {
    const changed = join(fixtures, 'open-database.yaml');
    const run = netpol('diff', '--changed', changed, '-n', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/OPENED\s+shop\/frontend\s+shop\/database\s+TCP\/5432/);
    expect(run.stdout).toContain('0 flows cut');
    expect(netpol('diff', '--changed', changed, '-n', 'shop', '--fail-on', 'any').status).toBe(1);
    expect(netpol('diff', '--changed', join(fixtures, 'narrow-backend.yaml'), '-n', 'shop', '--fail-on', 'never').status).toBe(0);
  });

  test('no change: nothing listed, exit 0', () => {
    const run = netpol('diff', '--changed', join(tutorial, 'policies.yaml'), '-n', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^no flow changes on \d+ ports/);
  });

  test('--changed is required; exit 2', () => {
    const run = netpol('diff', '-n', 'shop');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });
});

describe('netpol explain', () => {
  test('every policy in the namespace in plain words; exit 0', () => {
    const run = netpol('explain', '-n', 'shop');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('NetworkPolicy shop/default-deny-ingress\n  selects every pod in shop: shop/backend, shop/database, shop/frontend');
    expect(run.stdout).toContain('ingress rule 0: from pods with app.kubernetes.io/name=prometheus in namespaces with kubernetes.io/metadata.name=monitoring on TCP 8080');
    expect(run.stdout).not.toContain('warning:');
  });

  test.each([
    ['a selector that matches no pod', 'typo-selector', 'warning: shop/typo-selector selects no pod (podSelector tier=fronted)'],
    ['egress isolation that blocks DNS', 'frontend-egress', 'admits DNS (UDP 53): name lookups will fail'],
  ])('warns about %s', (_name, policy, warning) => {
    const run = kubectl(['netpol', 'explain', policy, '-n', 'shop', '-f', tutorial, '-f', join(fixtures, 'mistakes.yaml')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(warning);
  });

  test('a policy that does not exist: exit 2', () => {
    const run = netpol('explain', 'nope', '-n', 'shop');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('networkpolicy "nope" not found in namespace "shop"');
  });
});
