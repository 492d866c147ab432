// `npm run demo`: runs each plugin offline on the bundled examples and shows the answers,
// as a user would type them (`kubectl <plugin> ...` with plugins/ on PATH).

import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {delimiter, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {...process.env, PATH: `${join(root, 'plugins')}${delimiter}${process.env.PATH}`};

interface Step {
  title: string;
  plugin: string;
  args: string[];
}

const steps: Step[] = [
  {title: 'Who owns what: the node exporter DaemonSet and its pods', plugin: 'tree', args: ['daemonset', 'node-exporter', '-n', 'monitoring', '-f', 'examples/prometheus']},
  {title: 'The same for a Deployment, with the objects its pods use', plugin: 'tree', args: ['deploy/billing', '-n', 'billing', '--links', '-f', 'examples/consumers']},
  {title: 'Can the frontend reach the backend? (allowed by a rule)', plugin: 'netpol', args: ['test', '--from', 'shop/frontend', '--to', 'shop/backend', '--port', 'api', '-f', 'examples/netpol-tutorial']},
  {title: 'Can the frontend reach the database directly? (denied by isolation)', plugin: 'netpol', args: ['test', '--from', 'shop/frontend', '--to', 'shop/database', '--port', '5432', '-f', 'examples/netpol-tutorial']},
  {title: 'The reachability matrix of the shop namespace on port 8080', plugin: 'netpol', args: ['matrix', '-n', 'shop', '--port', '8080', '-f', 'examples/netpol-tutorial']},
  {title: 'What each policy selects and allows, with warnings', plugin: 'netpol', args: ['explain', '-n', 'shop', '-f', 'examples/netpol-tutorial']},
  {title: 'Who may list pods cluster-wide?', plugin: 'rbac', args: ['who-can', 'list', 'pods', '-A', '-f', 'examples/prometheus']},
  {title: 'May Prometheus\'s service account list pods?', plugin: 'rbac', args: ['can-i', 'list', 'pods', '--as', 'system:serviceaccount:monitoring:prometheus-serviceaccount', '--explain', '-f', 'examples/prometheus']},
  {title: 'What is broken in the RBAC setup?', plugin: 'rbac', args: ['lint', '-f', 'examples/prometheus']},
  {title: 'What is in the database Secret? (values hidden)', plugin: 'inspect', args: ['secret', 'billing-db', '-n', 'billing', '-f', 'examples/consumers']},
  {title: 'Who uses which Secret and ConfigMap, and what is missing?', plugin: 'inspect', args: ['refs', '-n', 'billing', '-f', 'examples/consumers']},
  {title: 'The kubernetes-pods relabel rules, step by step, on an annotated pod', plugin: 'monitor', args: ['relabel', '-r', 'examples/prometheus-config/prometheus.yml', '--job', 'kubernetes-pods', '--target', '--labels', 'examples/prometheus-relabel/checkout-pod-targets.yaml']},
  {title: 'What will Prometheus scrape from this cluster?', plugin: 'monitor', args: ['targets', '--configmap', 'monitoring/prometheus-server', '-f', 'examples/prometheus']},
  {title: 'Why is the payments pod not scraped?', plugin: 'monitor', args: ['targets', '--configmap', 'monitoring/prometheus-server', '--why', 'apps/payments-7c6b5d4f8-k8l2m', '-f', 'examples/prometheus']},
  {title: 'What is wrong with the Prometheus setup?', plugin: 'monitor', args: ['check', '--configmap', 'monitoring/prometheus-server', '-f', 'examples/prometheus']},
];

const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (text: string) => `\u001b[1m${text}\u001b[0m` : (text: string) => text;
let failures = 0;
for (const step of steps) {
  process.stdout.write(`\n${bold(`# ${step.title}`)}\n$ kubectl ${step.plugin} ${step.args.map(quote).join(' ')}\n`);
  if (!existsSync(join(root, 'dist', `kubectl-${step.plugin}.mjs`))) {
    process.stdout.write(`(kubectl-${step.plugin} is not built yet)\n`);
    continue;
  }
  const result = spawnSync(join(root, 'plugins', `kubectl-${step.plugin}`), step.args, {cwd: root, env, stdio: 'inherit'});
  // Exit 1 means "found what it checks for" (denied, no, findings): part of the demo.
  if (result.status !== 0 && result.status !== 1) failures++;
}
process.exit(failures > 0 ? 1 : 0);

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
