// The scale subresource (autoscaling/v1 Scale) of the kinds that list it in discovery, so that
// `kubectl scale` works. It reads and writes spec.replicas of the object.

import {load} from 'js-yaml';
import type {KubeObject} from '../../../src/cluster/types.ts';
import {applyPatch, PatchError} from '../patch.ts';
import type {Route} from '../router.ts';
import {badRequest, notFound, sendJson, sendStatus} from '../status.ts';

function toScale(object: KubeObject): object {
  const selector = object.spec?.selector?.matchLabels ?? object.spec?.selector ?? {};
  const {name, namespace, uid, resourceVersion, creationTimestamp} = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {name, namespace, uid, resourceVersion, creationTimestamp},
    spec: {replicas: object.spec?.replicas ?? 0},
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: Object.entries(selector as Record<string, string>).map(([key, value]) => `${key}=${value}`).join(','),
    },
  };
}

export const scaleRoute: Route = {
  name: 'scale',
  async handle(context) {
    const request = context.resource;
    if (request?.subresource !== 'scale' || !request.type?.subresources.includes('scale') || !request.name) return false;
    if (!['get', 'update', 'patch'].includes(request.verb)) return false;
    const {store} = context.cluster;
    const object = store.get(request.type, request.name, request.namespace);
    if (!object) {
      sendStatus(context.response, notFound(request.group, request.resource, request.name));
      return true;
    }
    if (request.verb === 'get') {
      sendJson(context.response, 200, toScale(object));
      return true;
    }
    const contentType = context.request.headers['content-type'] ?? 'application/json';
    try {
      const text = (await context.body()).toString('utf8');
      const body = contentType.includes('yaml') ? load(text) : JSON.parse(text);
      const scale = request.verb === 'update' ? body : applyPatch(toScale(object), contentType, body);
      const replicas = (scale as {spec?: {replicas?: unknown}}).spec?.replicas;
      if (typeof replicas !== 'number') throw new PatchError('spec.replicas must be a number');
      const updated = store.update(request.type, {...object, spec: {...object.spec, replicas}, metadata: {...object.metadata, resourceVersion: undefined}});
      sendJson(context.response, 200, toScale(updated));
    } catch (error) {
      sendStatus(context.response, badRequest((error as Error).message));
    }
    return true;
  },
};
