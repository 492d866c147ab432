// TLS, token auth, --forbid and --latency, through the real kubectl.

import {request} from 'node:https';
import {afterAll, beforeAll, describe, expect, test} from '@jest/globals';
import type {Harness} from './helpers.ts';
import {startHarness, tableRows} from './helpers.ts';

describe('TLS with a generated CA', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({tls: true});
  });
  afterAll(async () => {
    await harness.stop();
  });

  test('serves HTTPS and the kubeconfig carries the CA', async () => {
    expect(harness.cluster.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.cluster.kubeconfig).toContain('certificate-authority-data:');
    const {stdout, stderr} = await harness.kubectl(['get', 'pods', '-n', 'team-b']);
    expect(stderr).toBe('');
    expect(tableRows(stdout).slice(1).map((row) => row[0])).toEqual(['api-0', 'api-1', 'frontend']);
  });

  test('a wrong bearer token is 401', async () => {
    const {stderr, code} = await harness.kubectl(['get', 'pods', '--token', 'wrong'], {allowFailure: true});
    expect(code).toBe(1);
    expect(stderr).toContain('error: You must be logged in to the server (Unauthorized)');
  });

  test('no token at all is 401 over TLS, except for /version', async () => {
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        request(`${harness.cluster.url}${path}`, {ca: harness.cluster.caCertificate}, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await get('/api/v1/pods')).toBe(401);
    expect(await get('/version')).toBe(200);
  });
});

describe('bearer tokens over plain HTTP', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  test.each([
    {name: 'right token', headers: (token: string) => ({authorization: `Bearer ${token}`}), code: 200},
    {name: 'wrong token', headers: () => ({authorization: 'Bearer wrong'}), code: 401},
    {name: 'basic auth', headers: () => ({authorization: 'Basic dXNlcjpwYXNz'}), code: 401},
    // kubectl sends no credentials over plain HTTP, so those requests are served
    {name: 'no credentials', headers: () => ({}), code: 200},
  ])('$name', async ({headers, code}) => {
    const response = await fetch(`${harness.cluster.url}/api/v1/pods`, {headers: headers(harness.cluster.token)});
    expect(response.status).toBe(code);
    if (code === 401) {
      expect(await response.json()).toEqual({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
    }
  });

  test('requireToken refuses requests without credentials', async () => {
    const strict = await startHarness({requireToken: true});
    try {
      expect((await fetch(`${strict.cluster.url}/api/v1/pods`)).status).toBe(401);
      expect((await fetch(`${strict.cluster.url}/version`)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

describe('--forbid', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({forbid: ['secrets', 'deployments.apps']});
  });
  afterAll(async () => {
    await harness.stop();
  });

  test.each([
    {
      name: 'list in a namespace',
      args: ['get', 'secrets', '-n', 'team-a'],
      message: 'Error from server (Forbidden): secrets is forbidden: User "test-user" cannot list resource "secrets" in API group "" in the namespace "team-a"',
    },
    {
      name: 'list across namespaces',
      args: ['get', 'deployments', '-A'],
      message: 'Error from server (Forbidden): deployments.apps is forbidden: User "test-user" cannot list resource "deployments" in API group "apps" at the cluster scope',
    },
    {
      name: 'get by name',
      args: ['get', 'deployment', 'web', '-n', 'team-a'],
      message: 'Error from server (Forbidden): deployments.apps "web" is forbidden: User "test-user" cannot get resource "deployments" in API group "apps" in the namespace "team-a"',
    },
  ])('$name', async ({args, message}) => {
    const {stderr, code} = await harness.kubectl(args, {allowFailure: true});
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(message);
  });

  test.each([
    {name: 'a forbidden resource', args: ['auth', 'can-i', 'list', 'secrets', '-n', 'team-a'], answer: 'no', code: 1},
    {name: 'a forbidden grouped resource', args: ['auth', 'can-i', 'get', 'deployments.apps'], answer: 'no', code: 1},
    {name: 'anything else', args: ['auth', 'can-i', 'delete', 'pods', '-A'], answer: 'yes', code: 0},
  ])('kubectl auth can-i: $name', async ({args, answer, code}) => {
    const result = await harness.kubectl(args, {allowFailure: true});
    expect(result.stdout.trim()).toBe(answer);
    expect(result.code).toBe(code);
  });

  test('other resources still answer, and the 403 is a Status', async () => {
    await harness.kubectl(['get', 'pods', '-A']);
    const response = await fetch(`${harness.cluster.url}/api/v1/namespaces/team-a/secrets`, {headers: harness.auth});
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403, details: {kind: 'secrets'}});
  });
});

describe('--latency', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({latencyMs: 300});
  });
  afterAll(async () => {
    await harness.stop();
  });

  test('delays every answer', async () => {
    const started = Date.now();
    const response = await fetch(`${harness.cluster.url}/api/v1/namespaces/team-a/pods`, {headers: harness.auth});
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('kubectl --request-timeout shorter than the latency fails', async () => {
    const {stderr, code} = await harness.kubectl(['get', 'pods', '-n', 'team-a', '--request-timeout=100ms'], {allowFailure: true});
    expect(code).toBe(1);
    expect(stderr).toMatch(/Client\.Timeout|context deadline exceeded|timeout/i);
  });
});
