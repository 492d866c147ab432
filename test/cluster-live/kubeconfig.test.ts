// Choosing cluster, user and namespace from kubeconfig files and flags, as kubectl does
// (k8s.io/client-go/tools/clientcmd: loader.go merges KUBECONFIG lists first-wins,
// client_config.go applies --context/--cluster/--user/--server/--token/--insecure-skip-tls-verify).

import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import {resolveKubeConfig} from '../../src/cluster/live-kubeconfig.ts';
import type {LiveOptions} from '../../src/cluster/live-options.ts';
import {rejection, scratch, type Scratch} from './helpers.ts';

let files: Scratch;
let main: string;

const twoContexts = {
  clusters: [
    {name: 'prod', cluster: {server: 'https://prod.example:6443', 'certificate-authority-data': Buffer.from('not really a CA').toString('base64')}},
    {name: 'dev', cluster: {server: 'https://dev.example:6443'}},
  ],
  users: [
    {name: 'alice', user: {token: 'alice-token'}},
    {name: 'bob', user: {token: 'bob-token'}},
  ],
  contexts: [
    {name: 'prod', context: {cluster: 'prod', user: 'alice', namespace: 'shop'}},
    {name: 'dev', context: {cluster: 'dev', user: 'bob'}},
  ],
  'current-context': 'prod',
};

beforeAll(() => {
  files = scratch();
  main = files.kubeconfig('main.yaml', twoContexts);
});
afterAll(() => files.remove());

function resolve(options: LiveOptions, env: NodeJS.ProcessEnv = {}) {
  const resolved = resolveKubeConfig(options, env);
  return {
    server: resolved.server,
    context: resolved.contextName,
    namespace: resolved.defaultNamespace,
    user: resolved.kubeConfig.getCurrentUser(),
    cluster: resolved.kubeConfig.getCurrentCluster(),
  };
}

describe('context and namespace', () => {
  test.each([
    {name: 'current context, its namespace', options: {}, server: 'https://prod.example:6443', context: 'prod', namespace: 'shop', token: 'alice-token'},
    {name: '--context, a context without namespace', options: {context: 'dev'}, server: 'https://dev.example:6443', context: 'dev', namespace: 'default', token: 'bob-token'},
    {name: '-n wins over the context namespace', options: {namespace: 'other'}, server: 'https://prod.example:6443', context: 'prod', namespace: 'other', token: 'alice-token'},
    {name: '--cluster replaces the context cluster', options: {cluster: 'dev'}, server: 'https://dev.example:6443', context: 'prod', namespace: 'shop', token: 'alice-token'},
    {name: '--user replaces the context user', options: {user: 'bob'}, server: 'https://prod.example:6443', context: 'prod', namespace: 'shop', token: 'bob-token'},
    {name: '--server replaces the server', options: {server: 'https://other:1234'}, server: 'https://other:1234', context: 'prod', namespace: 'shop', token: 'alice-token'},
    {name: '--server without a scheme is https', options: {server: '10.0.0.1:6443'}, server: 'https://10.0.0.1:6443', context: 'prod', namespace: 'shop', token: 'alice-token'},
    {name: '--token replaces the token', options: {token: 'flag-token'}, server: 'https://prod.example:6443', context: 'prod', namespace: 'shop', token: 'flag-token'},
  ])('$name', ({options, server, context, namespace, token}) => {
    const resolved = resolve({kubeconfig: main, ...options});
    expect(resolved).toMatchObject({server, context, namespace});
    expect(resolved.user?.token).toBe(token);
  });

  test('--insecure-skip-tls-verify turns verification off and drops the CA, as kubectl does', () => {
    const {cluster} = resolve({kubeconfig: main, insecureSkipTlsVerify: true});
    expect(cluster).toMatchObject({skipTLSVerify: true, caData: undefined});
  });

  test('--server and --token work without any context', () => {
    const empty = files.kubeconfig('empty.yaml', {clusters: [], users: [], contexts: []});
    const resolved = resolve({kubeconfig: empty, server: 'http://127.0.0.1:8001', token: 't'});
    expect(resolved).toMatchObject({server: 'http://127.0.0.1:8001', context: '', namespace: 'default'});
    expect(resolved.user?.token).toBe('t');
  });
});

describe('KUBECONFIG lists', () => {
  test('the first file to name a cluster, user or context wins; the first current-context wins; missing files are skipped', () => {
    const first = files.kubeconfig('first.yaml', {
      clusters: [{name: 'shared', cluster: {server: 'https://first:6443'}}],
      users: [{name: 'u', user: {token: 'first'}}],
      contexts: [{name: 'c', context: {cluster: 'shared', user: 'u', namespace: 'from-first'}}],
    });
    const second = files.kubeconfig('second.yaml', {
      clusters: [{name: 'shared', cluster: {server: 'https://second:6443'}}],
      users: [{name: 'u', user: {token: 'second'}}],
      contexts: [{name: 'c', context: {cluster: 'shared', user: 'u', namespace: 'from-second'}}, {name: 'd', context: {cluster: 'shared', user: 'u'}}],
      'current-context': 'c',
    });
    const third = files.kubeconfig('third.yaml', {clusters: [], users: [], contexts: [], 'current-context': 'd'});
    const list = [first, `${files.directory}/missing.yaml`, second, third].join(':');
    const resolved = resolve({}, {KUBECONFIG: list});
    expect(resolved).toMatchObject({server: 'https://first:6443', context: 'c', namespace: 'from-first'});
    expect(resolved.user?.token).toBe('first');
    expect(resolve({context: 'd'}, {KUBECONFIG: list}).namespace).toBe('default');
  });

  test('--kubeconfig wins over KUBECONFIG', () => {
    const other = files.kubeconfig('other.yaml', {
      clusters: [{name: 'o', cluster: {server: 'https://other:6443'}}], users: [{name: 'o', user: {}}],
      contexts: [{name: 'o', context: {cluster: 'o', user: 'o'}}], 'current-context': 'o',
    });
    expect(resolve({kubeconfig: main}, {KUBECONFIG: other}).server).toBe('https://prod.example:6443');
  });

  test('relative certificate paths are relative to their own file', () => {
    const config = files.kubeconfig('relative.yaml', {
      clusters: [{name: 'r', cluster: {server: 'https://r:6443', 'certificate-authority': 'ca.crt'}}],
      users: [{name: 'r', user: {}}], contexts: [{name: 'r', context: {cluster: 'r', user: 'r'}}], 'current-context': 'r',
    });
    expect(resolve({}, {KUBECONFIG: config}).cluster?.caFile).toBe(`${files.directory}/ca.crt`);
  });
});

describe('bad configuration', () => {
  test.each([
    {name: 'unknown --context', options: {context: 'nope'}, message: /context "nope" does not exist/, exitCode: 2},
    {name: 'unknown --cluster', options: {cluster: 'nope'}, message: /cluster "nope" does not exist/, exitCode: 2},
    {name: 'unknown --user', options: {user: 'nope'}, message: /user "nope" does not exist/, exitCode: 2},
  ])('$name', async ({options, message, exitCode}) => {
    const error = await rejection(Promise.resolve().then(() => resolveKubeConfig({kubeconfig: main, ...options}, {})));
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(exitCode);
  });

  test('a --kubeconfig that does not exist is bad input naming the file', async () => {
    const error = await rejection(Promise.resolve().then(() => resolveKubeConfig({kubeconfig: '/nonexistent/kubeconfig'}, {})));
    expect(error.message).toBe('/nonexistent/kubeconfig: the kubeconfig file does not exist');
    expect(error.exitCode).toBe(2);
  });

  test('a kubeconfig that is not valid names the file', async () => {
    const broken = files.file('broken.yaml', 'clusters: [{name: x, cluster: {}}]\n');
    const error = await rejection(Promise.resolve().then(() => resolveKubeConfig({kubeconfig: broken}, {})));
    expect(error.message).toMatch(/broken\.yaml: not a valid kubeconfig/);
    expect(error.exitCode).toBe(2);
  });

  test('no current context and no --server is a cluster error with a hint', async () => {
    const noContext = files.kubeconfig('no-context.yaml', {clusters: [], users: [], contexts: []});
    const error = await rejection(Promise.resolve().then(() => resolveKubeConfig({kubeconfig: noContext}, {})));
    expect(error.message).toMatch(/no cluster to connect to: there is no current context/);
    expect(error.exitCode).toBe(3);
    expect(error.hint).toMatch(/--context/);
  });

  test('without any kubeconfig, client-node falls back to localhost:8080 as kubectl does', () => {
    const home = process.env.HOME;
    process.env.HOME = files.directory;
    try {
      const resolved = resolveKubeConfig({}, {});
      expect(resolved.server).toBe('http://localhost:8080');
      expect(resolved.origin).toMatch(/no kubeconfig found/);
      expect(resolved.contextName).toBe('');
    } finally {
      process.env.HOME = home;
    }
  });
});
