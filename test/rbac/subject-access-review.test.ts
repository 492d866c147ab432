// can-i --sar: the SubjectAccessReview sent (authorization.k8s.io/v1, the impersonated groups in
// full, since a review adds none) and how the answer is read.

import {ClusterError} from '../../src/errors.ts';
import {postFunctionOf, reviewWithServer, subjectAccessReviewBody, subjectAccessReviewPath} from '../../src/rbac/subject-access-review.ts';
import {impersonatedUser} from '../../src/rbac/user-info.ts';
import {attributes, nonResourceRequest} from './fixtures.ts';

describe('SubjectAccessReview', () => {
  const user = impersonatedUser('system:serviceaccount:shop:api');

  test('a resource request', () => {
    expect(subjectAccessReviewBody(user, attributes('get', 'pods', 'log', 'shop', '', 'web-0'))).toEqual({
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
      spec: {
        user: 'system:serviceaccount:shop:api',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
        resourceAttributes: {namespace: 'shop', verb: 'get', group: '', resource: 'pods', subresource: 'log', name: 'web-0'},
      },
    });
  });

  test('a non-resource request', () => {
    expect(subjectAccessReviewBody(user, nonResourceRequest('get', '/healthz')).spec).toMatchObject({nonResourceAttributes: {path: '/healthz', verb: 'get'}});
  });

  test.each([
    ['allowed', {status: {allowed: true, reason: 'RBAC: allowed by ...'}}, {allowed: true, denied: false, reason: 'RBAC: allowed by ...', evaluationError: ''}],
    ['no opinion', {status: {allowed: false}}, {allowed: false, denied: false, reason: '', evaluationError: ''}],
    ['denied with an evaluation error', {status: {allowed: false, denied: true, evaluationError: 'webhook down'}}, {allowed: false, denied: true, reason: '', evaluationError: 'webhook down'}],
  ])('reads the answer: %s', async (_name, response, expected) => {
    const sent: [string, unknown][] = [];
    const decision = await reviewWithServer(async (path, body) => (sent.push([path, body]), response), user, attributes('get', 'pods', '', 'shop', ''));
    expect(decision).toEqual(expected);
    expect(sent[0][0]).toBe(subjectAccessReviewPath);
  });

  test('an answer without status is a cluster error', async () => {
    await expect(reviewWithServer(async () => ({}), user, attributes('get', 'pods', '', 'shop', ''))).rejects.toThrow(ClusterError);
  });

  test('postFunctionOf uses the live source\'s request() and decodes JSON', async () => {
    const calls: unknown[][] = [];
    const source = {request: async (...args: unknown[]) => (calls.push(args), {json: () => ({status: {allowed: true}})})};
    const post = postFunctionOf(source);
    expect(await post('/x', {a: 1})).toEqual({status: {allowed: true}});
    expect(calls[0].slice(0, 3)).toEqual(['POST', '/x', {a: 1}]);
    expect(() => postFunctionOf({})).toThrow('cannot send a SubjectAccessReview');
  });
});
