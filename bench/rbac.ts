// rbac at the issue's scale (issue 6): 2,000 Roles, 500 ClusterRoles, 5,000 bindings, 3,000
// service accounts in 100 namespaces. Budgets, engine time with the indexed snapshot built from
// the objects included: who-can for one namespace 0.5 s, across all namespaces 1.5 s, access for
// one service account 0.3 s. Then whole offline runs as a user would make them (a child process
// reading the manifests). `node bench/rbac.ts` runs it alone.

import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KubeObject} from '../src/cluster/types.ts';
import {effectiveAccess} from '../src/rbac/access.ts';
import {lint} from '../src/rbac/lint.ts';
import {buildRbacSnapshot} from '../src/rbac/snapshot.ts';
import {whoCan} from '../src/rbac/subject-locator.ts';
import type {RequestAttributes} from '../src/rbac/types.ts';
import {impersonatedUser} from '../src/rbac/user-info.ts';
import {formatMs, median} from './lib/timing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface RbacScale {
  namespaces: number;
  roles: number;
  clusterRoles: number;
  bindings: number;
  serviceAccounts: number;
}

export const issueScale: RbacScale = {namespaces: 100, roles: 2000, clusterRoles: 500, bindings: 5000, serviceAccounts: 3000};

const verbsSets = [['get', 'list', 'watch'], ['get'], ['create', 'update', 'patch', 'delete'], ['*']];
const resourceSets: [string, string[]][] = [
  ['', ['pods', 'pods/log']], ['', ['configmaps']], ['', ['secrets']], ['apps', ['deployments', 'statefulsets']],
  ['batch', ['jobs', 'cronjobs']], ['', ['services', 'endpoints']], ['networking.k8s.io', ['ingresses']], ['example.com', ['widgets']],
];

/** The benchmark cluster's RBAC objects; deterministic for a given scale. */
export function rbacBenchObjects(scale: RbacScale = issueScale): KubeObject[] {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 8) % n; // the low bits of this generator cycle quickly
  };
  const rule = () => {
    const [group, resources] = resourceSets[random(resourceSets.length)];
    return {apiGroups: [group], resources, verbs: verbsSets[random(verbsSets.length)]};
  };
  const ns = (index: number) => `ns-${String(index).padStart(3, '0')}`;
  const objects: KubeObject[] = [];
  for (let n = 0; n < scale.namespaces; n++) objects.push({apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns(n)}});
  for (let i = 0; i < scale.serviceAccounts; i++) {
    objects.push({apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: `sa-${i}`, namespace: ns(i % scale.namespaces)}});
  }
  for (let i = 0; i < scale.roles; i++) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: {name: `role-${i}`, namespace: ns(i % scale.namespaces)},
      rules: Array.from({length: 1 + random(5)}, rule),
    });
  }
  for (let i = 0; i < scale.clusterRoles; i++) {
    const aggregated = i % 50 === 0;
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: {name: `clusterrole-${i}`, labels: {[`aggregate-to-${i % 5}`]: 'true'}},
      ...(aggregated ? {aggregationRule: {clusterRoleSelectors: [{matchLabels: {[`aggregate-to-${(i / 50) % 5}`]: 'true'}}]}} : {}),
      rules: aggregated ? [] : Array.from({length: 1 + random(5)}, rule),
    });
  }
  const perNamespace = Math.max(1, Math.floor(scale.serviceAccounts / scale.namespaces));
  const subject = (namespace: string) => {
    const pick = random(10);
    if (pick < 6) {
      // Half the accounts live in the binding's namespace, half anywhere; all of them exist.
      const home = pick < 3 ? Number(namespace.slice(3)) : random(scale.namespaces);
      const index = home + scale.namespaces * random(perNamespace);
      return {kind: 'ServiceAccount', name: `sa-${index}`, namespace: ns(index % scale.namespaces)};
    }
    if (pick < 8) return {kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `user-${random(500)}`};
    return {kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: pick === 8 ? `team-${random(50)}` : `system:serviceaccounts:${namespace}`};
  };
  const clusterBindings = Math.floor(scale.bindings / 5);
  for (let i = 0; i < scale.bindings; i++) {
    const cluster = i < clusterBindings;
    const namespace = ns(i % scale.namespaces);
    const toRole = !cluster && random(2) === 0;
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: cluster ? {name: `crb-${i}`} : {name: `rb-${i}`, namespace},
      roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: toRole ? 'Role' : 'ClusterRole',
        name: toRole ? `role-${(i % scale.namespaces) + scale.namespaces * random(Math.floor(scale.roles / scale.namespaces))}` : `clusterrole-${random(scale.clusterRoles)}`},
      subjects: Array.from({length: 1 + random(3)}, () => subject(cluster ? ns(random(scale.namespaces)) : namespace)),
    });
  }
  return objects;
}

function timed<T>(run: () => T, runs = 5): {value: T; ms: number} {
  let value!: T;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = run();
    samples.push(performance.now() - start);
  }
  return {value, ms: median(samples)};
}

function verdict(ms: number, budget: number): string {
  return `budget ${formatMs(budget)}: ${ms <= budget ? 'within budget' : 'OVER BUDGET'}`;
}

/** Engine figures (median of 5), for the report and for tests. */
export function rbacEngineFigures(objects: readonly KubeObject[] = rbacBenchObjects()): {name: string; ms: number; budget?: number; detail: string}[] {
  const request: RequestAttributes = {verb: 'get', resource: 'secrets', apiGroup: '', subresource: '', name: '', namespace: 'ns-042', resourceRequest: true};
  const user = impersonatedUser('system:serviceaccount:ns-007:sa-7');
  const snapshot = buildRbacSnapshot(objects);
  const build = timed(() => buildRbacSnapshot(objects));
  const one = timed(() => whoCan(buildRbacSnapshot(objects), request));
  const all = timed(() => whoCan(buildRbacSnapshot(objects), {...request, namespace: ''}, {allNamespaces: true}));
  const expand = timed(() => whoCan(snapshot, {...request, namespace: ''}, {allNamespaces: true, expand: true}));
  const access = timed(() => effectiveAccess(buildRbacSnapshot(objects), user, 'ns-007'));
  const accessAll = timed(() => effectiveAccess(snapshot, user, '', true));
  const linted = timed(() => lint(snapshot), 3);
  return [
    {name: 'snapshot (validate, aggregate, index)', ms: build.ms, detail: `${objects.length} objects`},
    {name: 'who-can get secrets -n ns-042', ms: one.ms, budget: 500, detail: `${one.value.subjects.length} subjects, snapshot included`},
    {name: 'who-can get secrets -A', ms: all.ms, budget: 1500, detail: `${all.value.subjects.length} subjects, snapshot included`},
    {name: 'who-can get secrets -A --expand', ms: expand.ms, detail: `${expand.value.subjects.length} subjects, snapshot reused`},
    {name: 'access sa:ns-007/sa-7 -n ns-007', ms: access.ms, budget: 300, detail: `${access.value.rules.length} rules, snapshot included`},
    {name: 'access sa:ns-007/sa-7 -A', ms: accessAll.ms, detail: `${accessAll.value.rules.length} rules, snapshot reused`},
    {name: 'lint', ms: linted.ms, detail: `${linted.value.findings.length} findings, snapshot reused`},
  ];
}

function runnerScript(directory: string): string {
  const file = join(directory, 'run-rbac.mjs');
  writeFileSync(file, [
    `const {runPlugin} = await import(${JSON.stringify(join(root, 'commands/cli/run-plugin.ts'))});`,
    `const plugin = (await import(${JSON.stringify(join(root, 'commands/rbac/index.ts'))})).default;`,
    `process.exitCode = await runPlugin(plugin, process.argv.slice(2), ${JSON.stringify(join(root, 'commands/cli'))});`,
  ].join('\n'));
  return file;
}

function wall(command: string, args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, {stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30});
    samples.push(performance.now() - start);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 400)}`);
  }
  return median(samples);
}

export default async function benchRbac(): Promise<boolean> {
  const objects = rbacBenchObjects();
  const count = (kind: string) => objects.filter((object) => object.kind === kind).length;
  process.stdout.write(`fixture: ${count('Role')} Roles, ${count('ClusterRole')} ClusterRoles, ${count('RoleBinding') + count('ClusterRoleBinding')} bindings, ` +
    `${count('ServiceAccount')} service accounts, ${count('Namespace')} namespaces\n`);
  let within = true;
  for (const figure of rbacEngineFigures(objects)) {
    if (figure.budget !== undefined && figure.ms > figure.budget) within = false;
    process.stdout.write(`engine: ${figure.name}: ${formatMs(figure.ms)} (${figure.detail}${figure.budget === undefined ? '' : `; ${verdict(figure.ms, figure.budget)}`})\n`);
  }

  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-rbac-'));
  try {
    const fixture = join(directory, 'rbac.json');
    writeFileSync(fixture, JSON.stringify({apiVersion: 'v1', kind: 'List', items: objects}));
    const node = existsSync(join(root, 'node_modules/node/bin/node')) ? join(root, 'node_modules/node/bin/node') : process.execPath;
    const built = existsSync(join(root, 'dist', 'kubectl-rbac.mjs'));
    const runner = runnerScript(directory);
    const how = built ? 'built plugin' : 'from source';
    for (const args of [
      ['who-can', 'get', 'secrets', '-n', 'ns-042', '-f', fixture],
      ['who-can', 'get', 'secrets', '-A', '-f', fixture],
      ['access', 'sa:ns-007/sa-7', '-n', 'ns-007', '-f', fixture],
    ]) {
      const ms = built ? wall(join(root, 'plugins', 'kubectl-rbac'), args) : wall(node, [runner, ...args]);
      process.stdout.write(`whole run (${how}, offline, startup and reading included): kubectl rbac ${args.slice(0, -2).join(' ')}: ${formatMs(ms)}\n`);
    }
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
  return within;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = (await benchRbac()) ? 0 : 1;
}
