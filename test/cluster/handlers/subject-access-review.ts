// SubjectAccessReview for the test cluster (CONTRACT.md: "SubjectAccessReview for
// `rbac can-i --server`"): POST /apis/authorization.k8s.io/v1/subjectaccessreviews answered
// by the suite's RBAC engine over the cluster's own RBAC objects, as an API server with only
// the RBAC authorizer would. `decide` overrides answers, so tests can make the server disagree.
// Served by every test cluster; a test that wants its own answers registers
// startTestCluster({routes: [subjectAccessReviewRoute(decide)]}), which is tried first.

import type {KubeObject} from '../../../src/cluster/types.ts';
import {authorize} from '../../../src/rbac/authorizer.ts';
import {buildRbacSnapshot} from '../../../src/rbac/snapshot.ts';
import type {RequestAttributes, UserInfo} from '../../../src/rbac/types.ts';
import type {Route} from '../router.ts';
import {badRequest, sendJson, sendStatus} from '../status.ts';

export interface ReviewOverride {
  (user: UserInfo, request: RequestAttributes): {allowed: boolean; reason?: string} | undefined;
}

const rbacKinds = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

export function subjectAccessReviewRoute(decide?: ReviewOverride): Route {
  return {
    name: 'subjectaccessreviews',
    async handle(context) {
      if (context.request.method !== 'POST' || context.url.pathname !== '/apis/authorization.k8s.io/v1/subjectaccessreviews') return false;
      let review: {spec?: Record<string, any>};
      try {
        review = JSON.parse((await context.body()).toString('utf8'));
      } catch {
        sendStatus(context.response, badRequest('the request body is not JSON'));
        return true;
      }
      const spec = review.spec ?? {};
      const user: UserInfo = {name: spec.user ?? '', groups: spec.groups ?? []};
      const resource = spec.resourceAttributes;
      const request: RequestAttributes = resource
        ? {verb: resource.verb ?? '', namespace: resource.namespace ?? '', resourceRequest: true, apiGroup: resource.group ?? '',
          resource: resource.resource ?? '', subresource: resource.subresource ?? '', name: resource.name ?? ''}
        : {verb: spec.nonResourceAttributes?.verb ?? '', namespace: '', resourceRequest: false, path: spec.nonResourceAttributes?.path ?? ''};
      const objects: KubeObject[] = [];
      for (const kind of rbacKinds) {
        const type = context.cluster.catalogue.kind('rbac.authorization.k8s.io', kind);
        if (type) objects.push(...context.cluster.store.list(type).map((object) => ({...object, apiVersion: object.apiVersion || 'rbac.authorization.k8s.io/v1', kind: object.kind || kind})));
      }
      const decision = decide?.(user, request) ?? authorize(buildRbacSnapshot(objects, {aggregate: false}), user, request);
      sendJson(context.response, 201, {
        apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {creationTimestamp: null}, spec,
        status: {allowed: decision.allowed, ...(decision.reason ? {reason: decision.reason} : {})},
      });
      return true;
    },
  };
}
