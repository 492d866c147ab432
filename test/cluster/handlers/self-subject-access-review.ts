// SelfSubjectAccessReview, so that `kubectl auth can-i` answers for the test user: allowed
// unless --forbid names the resource. (SubjectAccessReview for other users is RBAC's business.)

import {isForbidden} from '../authorization.ts';
import type {Route} from '../router.ts';
import {badRequest, sendJson, sendStatus} from '../status.ts';

interface ReviewSpec {
  resourceAttributes?: {group?: string; resource?: string};
  nonResourceAttributes?: {path?: string};
}

export const selfSubjectAccessReviewRoute: Route = {
  name: 'selfsubjectaccessreviews',
  async handle(context) {
    const request = context.resource;
    if (request?.group !== 'authorization.k8s.io' || request.resource !== 'selfsubjectaccessreviews' || request.verb !== 'create') return false;
    let review: {spec?: ReviewSpec};
    try {
      review = JSON.parse((await context.body()).toString('utf8'));
    } catch (error) {
      sendStatus(context.response, badRequest(`could not parse the request body: ${(error as Error).message}`));
      return true;
    }
    const attributes = review.spec?.resourceAttributes;
    const denied = attributes?.resource !== undefined && isForbidden(context.cluster.forbid, attributes.resource, attributes.group ?? '');
    sendJson(context.response, 201, {
      ...review,
      apiVersion: `authorization.k8s.io/${request.version}`,
      kind: 'SelfSubjectAccessReview',
      metadata: {creationTimestamp: null},
      // no reason on denial: kubectl prints a bare "no", as for an RBAC denial
      status: denied ? {allowed: false, denied: true} : {allowed: true, reason: 'the test user may do everything'},
    });
    return true;
  },
};
