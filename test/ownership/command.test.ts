// `kubectl tree` end to end, offline (-f examples/tree): flags, output formats, exit codes.

import {join} from 'node:path';
import {root, runTree} from './run-tree.ts';

const examples = join(root, 'examples', 'tree');

describe('kubectl tree -f examples/tree', () => {
  test('KIND/NAME prints the tree (exit 0)', async () => {
    const result = await runTree(['deploy/web', '-n', 'shop', '-f', examples]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME +READY +REASON +AGE$/);
    expect(lines.slice(1, 7).map((line) => line.replace(/^( *\S+).*/, '$1'))).toEqual([
      'Deployment/web', '├─ReplicaSet/web-5b6d4f9c8', '└─ReplicaSet/web-7c9f8d6b5',
      '  ├─Pod/web-7c9f8d6b5-4xk2p', '  ├─Pod/web-7c9f8d6b5-9mzq7', '  └─Pod/web-7c9f8d6b5-tw8rn',
    ]);
    expect(result.stderr).not.toMatch(/^(Warning|error|No resources)/m);
  });

  test('-o json is CONTRACT.md\'s shape, children sorted by kind then name', async () => {
    const result = await runTree(['database', 'orders', '-n', 'shop', '-f', examples, '-o', 'json']);
    expect(result.code).toBe(0);
    const tree = JSON.parse(result.stdout);
    expect(tree).toMatchObject({kind: 'Database', apiVersion: 'example.com/v1', namespace: 'shop', name: 'orders',
      uid: '0d1e7c00-0000-4000-8000-000000000061', ready: 'False', status: 'Creating'});
    expect(typeof tree.age).toBe('string');
    expect(tree.children.map((child: {kind: string}) => child.kind)).toEqual(['Secret', 'StatefulSet']);
    expect(tree.children[1].children[0]).toMatchObject({kind: 'Pod', name: 'orders-db-0', ready: 'False', status: 'ImagePullBackOff', children: []});
  });

  test('-o yaml and -o jsonpath', async () => {
    const yaml = await runTree(['cj/nightly-report', '-n', 'shop', '-f', examples, '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^kind: CronJob$/m);
    const jsonpath = await runTree(['cj/nightly-report', '-n', 'shop', '-f', examples, '-o', 'jsonpath={range .children[0].children[*]}{.name} {.status}{"\\n"}{end}']);
    expect(jsonpath.stdout).toBe('nightly-report-29393400-8dj2c OOMKilled\nnightly-report-29393400-q7x5w Unschedulable\n');
  });

  test('-A finds the root in the namespace holding it, with a NAMESPACE column', async () => {
    const result = await runTree(['deploy', 'web', '-A', '-f', examples]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE +NAME +READY +REASON +AGE$/);
    expect(lines[1]).toMatch(/^shop +Deployment\/web /);
  });

  test('--up answers "who owns this pod?"', async () => {
    const result = await runTree(['pod', 'orders-db-0', '-n', 'shop', '-f', examples, '--up', '-o', 'json']);
    const chain = JSON.parse(result.stdout);
    expect(chain.owners[0]).toMatchObject({kind: 'StatefulSet', name: 'orders-db', controller: true});
    expect(chain.owners[0].owners[0]).toMatchObject({kind: 'Database', name: 'orders', owners: []});
  });

  test('--links adds the other relations', async () => {
    const result = await runTree(['sts/orders-db', '-n', 'shop', '-f', examples, '--links', '-o', 'json']);
    const pod = JSON.parse(result.stdout).children[0];
    expect(pod.links.map((link: {kind: string; relation: string}) => `${link.kind} ${link.relation}`)).toEqual(['Node nodeName', 'PersistentVolumeClaim volume data']);
  });

  test('no children: the root alone, and a note on stderr', async () => {
    const result = await runTree(['cm', 'web-config', '-n', 'shop', '-f', examples]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^ConfigMap\/web-config /);
    expect(result.stderr).toBe('No resources are owned by ConfigMap/web-config through ownerReferences.\n');
  });

  test.each([
    {name: 'an unknown kind', args: ['frob/x'], code: 2, message: /doesn't have a resource type "frob"/},
    {name: 'no arguments', args: [], code: 2, message: /required|KIND/},
    {name: 'a kind without a name', args: ['deploy'], code: 2, message: /resource type and a name are required/},
    {name: 'a bad -o', args: ['deploy/web', '-o', 'xml'], code: 2, message: /unknown output format "xml"/},
    {name: 'the root not found', args: ['deploy/nope', '-n', 'shop'], code: 2, message: /deployments.apps "nope" not found in namespace "shop"/},
    {name: 'the root not found, KIND NAME', args: ['deploy', 'nope', '-n', 'shop'], code: 2, message: /deployments.apps "nope" not found in namespace "shop"/},
    {name: 'the root in no namespace (-A)', args: ['deploy', 'nope', '-A'], code: 2, message: /deployments.apps "nope" not found in any namespace/},
  ])('exit $code: $name', async ({args, code, message}) => {
    const result = await runTree([...args, '-f', examples]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
