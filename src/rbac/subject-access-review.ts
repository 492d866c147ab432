// can-i --server: ask the API server the same question with a SubjectAccessReview
// (authorization.k8s.io/v1), through a request function the command supplies, and compare.
// A SubjectAccessReview adds no groups of its own, so the impersonated groups are sent in full.

import {ClusterError} from '../errors.ts';
import type {RequestAttributes, UserInfo} from './types.ts';

export const subjectAccessReviewPath = '/apis/authorization.k8s.io/v1/subjectaccessreviews';

/** POSTs a JSON body to an API path and resolves to the decoded response. */
export type PostRequest = (path: string, body: unknown) => Promise<unknown>;

export interface ServerDecision {
  allowed: boolean;
  denied: boolean;
  reason: string;
  evaluationError: string;
}

export function subjectAccessReviewBody(user: UserInfo, request: RequestAttributes): Record<string, unknown> {
  const spec: Record<string, unknown> = {user: user.name, groups: user.groups};
  if (request.resourceRequest) {
    spec.resourceAttributes = {
      namespace: request.namespace, verb: request.verb, group: request.apiGroup ?? '', resource: request.resource ?? '',
      subresource: request.subresource ?? '', name: request.name ?? '',
    };
  } else {
    spec.nonResourceAttributes = {path: request.path ?? '', verb: request.verb};
  }
  return {apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec};
}

export async function reviewWithServer(post: PostRequest, user: UserInfo, request: RequestAttributes): Promise<ServerDecision> {
  const response = await post(subjectAccessReviewPath, subjectAccessReviewBody(user, request)) as {status?: Record<string, unknown>} | undefined;
  const status = response?.status;
  if (!status || typeof status !== 'object') {
    throw new ClusterError('the API server answered the SubjectAccessReview without a status', {resource: 'subjectaccessreviews'});
  }
  return {
    allowed: status.allowed === true,
    denied: status.denied === true,
    reason: typeof status.reason === 'string' ? status.reason : '',
    evaluationError: typeof status.evaluationError === 'string' ? status.evaluationError : '',
  };
}

/** The part of the live Source (src/cluster/live.ts LiveSource.request) that sends a review. */
interface RequestingSource {
  request(method: string, path: string, body?: unknown, options?: {action?: string}): Promise<{json(): unknown}>;
}

/**
 * A POST function over a live Source's generic `request()`, for the SubjectAccessReview.
 * A source without one (manifests) cannot ask the server.
 */
export function postFunctionOf(source: object): PostRequest {
  const request = (source as Partial<RequestingSource>).request;
  if (typeof request !== 'function') {
    throw new ClusterError('this cluster connection cannot send a SubjectAccessReview', {resource: 'subjectaccessreviews'});
  }
  return async (path, body) => (await request.call(source, 'POST', path, body, {action: 'create subjectaccessreviews.authorization.k8s.io'})).json();
}
