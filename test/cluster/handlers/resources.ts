// The generic REST verbs on every served type: get, list (selectors, paging), watch, create,
// update, patch, delete and deletecollection. The status subresource reads and writes the object.

import {load} from 'js-yaml';
import type {KubeObject} from '../../../src/cluster/types.ts';
import {negotiate} from '../negotiate.ts';
import {applyPatch, PatchError, patchTypes} from '../patch.ts';
import type {Presentation} from '../present.ts';
import {includeObjectOf, presentList, presentObject} from '../present.ts';
import type {RequestContext, ResourceRequest, Route} from '../router.ts';
import {parseFieldSelector, parseLabelSelector, SelectorError} from '../selectors.ts';
import {StoreConflict} from '../store.ts';
import type {Status} from '../status.ts';
import {badRequest, methodNotAllowed, notFound, qualified, sendJson, sendStatus, status} from '../status.ts';
import {serveWatch} from '../watch.ts';
import {ContinueError, decodeContinue, encodeContinue} from './paging.ts';

// Subresources that read and write the object itself.
const objectSubresources = new Set(['status']);

export const resourceRoute: Route = {
  name: 'resources',
  async handle(context) {
    const request = context.resource;
    if (!request) return false;
    const type = request.type;
    // a cluster-scoped kind under /namespaces/NS/ does not exist, as on the API server
    const misplaced = type !== undefined && !type.namespaced && request.namespace !== undefined && request.resource !== 'namespaces';
    if (!type || misplaced || (request.subresource !== undefined && !objectSubresources.has(request.subresource))) {
      sendStatus(context.response, status(404, 'NotFound', 'the server could not find the requested resource'));
      return true;
    }
    if (!type.verbs.includes(request.verb === 'watch' && request.name ? 'get' : request.verb)) {
      sendStatus(context.response, methodNotAllowed());
      return true;
    }
    const representation = negotiate(context.request.headers.accept);
    if (!representation) {
      sendStatus(context.response, status(406, 'NotAcceptable', 'only the following media types are accepted: application/json'));
      return true;
    }
    const presentation: Presentation = {type, version: request.version, representation, includeObject: includeObjectOf(context.url)};
    try {
      await handlers[request.verb](context, request, presentation);
    } catch (error) {
      sendStatus(context.response, statusOf(error, request));
    }
    return true;
  },
};

type VerbHandler = (context: RequestContext, request: ResourceRequest, presentation: Presentation) => void | Promise<void>;

const handlers: Record<ResourceRequest['verb'], VerbHandler> = {
  get(context, request, presentation) {
    const object = context.cluster.store.get(presentation.type, request.name!, request.namespace);
    if (!object) throw new StoreConflict('NotFound', '');
    sendJson(context.response, 200, presentObject(presentation, object, object.metadata.resourceVersion ?? ''));
  },

  list(context, request, presentation) {
    const {store} = context.cluster;
    const {url} = context;
    const matches = matcher(url, presentation);
    const filtered = store.list(presentation.type, request.namespace).filter(matches);
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const token = url.searchParams.get('continue');
    const position = token ? decodeContinue(token) : undefined;
    const listVersion = position?.resourceVersion ?? store.resourceVersion;
    const rest = position ? filtered.slice(firstAfter(filtered, position.after)) : filtered;
    const page = limit > 0 ? rest.slice(0, limit) : rest;
    const metadata: Record<string, unknown> = {resourceVersion: listVersion};
    if (page.length < rest.length) {
      metadata.continue = encodeContinue({resourceVersion: listVersion, after: keyOf(page[page.length - 1])});
      // the API server can count what is left only when nothing was filtered out
      if (!url.searchParams.get('labelSelector') && !url.searchParams.get('fieldSelector')) {
        metadata.remainingItemCount = rest.length - page.length;
      }
    }
    sendJson(context.response, 200, presentList(presentation, page, metadata));
  },

  watch(context, request, presentation) {
    const {url} = context;
    const byName = request.name;
    const selected = matcher(url, presentation);
    const timeout = url.searchParams.get('timeoutSeconds');
    serveWatch(context, {
      presentation,
      namespace: request.namespace,
      matches: byName ? (object) => object.metadata.name === byName && selected(object) : selected,
      resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
      timeoutSeconds: timeout === null ? undefined : Number(timeout),
      allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true',
      sendInitialEvents: url.searchParams.get('sendInitialEvents') === 'true',
    });
  },

  async create(context, request, presentation) {
    const object = await readObject(context);
    checkNamespace(request, object);
    if (request.namespace && presentation.type.namespaced) object.metadata.namespace = request.namespace;
    if (dryRun(context)) {
      sendJson(context.response, 201, presentObject(presentation, object, ''));
      return;
    }
    const created = context.cluster.store.create(presentation.type, object);
    sendJson(context.response, 201, presentObject(presentation, created, created.metadata.resourceVersion ?? ''));
  },

  async update(context, request, presentation) {
    const object = await readObject(context);
    checkNamespace(request, object);
    if (object.metadata.name && object.metadata.name !== request.name) {
      throw new StoreConflict('Invalid', `the name of the object (${object.metadata.name}) does not match the name on the URL (${request.name})`);
    }
    object.metadata.name = request.name!;
    object.metadata.namespace = request.namespace;
    const {store} = context.cluster;
    if (request.subresource === 'status') {
      // a status write keeps everything but status
      const current = store.get(presentation.type, request.name!, request.namespace);
      if (!current) throw new StoreConflict('NotFound', '');
      const merged = {...current, status: object.status, metadata: {...current.metadata, resourceVersion: object.metadata.resourceVersion}};
      const updated = store.update(presentation.type, merged);
      sendJson(context.response, 200, presentObject(presentation, updated, updated.metadata.resourceVersion ?? ''));
      return;
    }
    const updated = store.update(presentation.type, object);
    sendJson(context.response, 200, presentObject(presentation, updated, updated.metadata.resourceVersion ?? ''));
  },

  async patch(context, request, presentation) {
    const {store} = context.cluster;
    const contentType = context.request.headers['content-type'] ?? '';
    const body = parseBody(await context.body(), contentType);
    const current = store.get(presentation.type, request.name!, request.namespace);
    if (!current) {
      // server-side apply creates what is missing
      if (!contentType.startsWith(patchTypes.apply)) throw new StoreConflict('NotFound', '');
      const object = body as KubeObject;
      object.metadata = {...object.metadata, name: request.name!, namespace: request.namespace};
      const created = store.create(presentation.type, object);
      sendJson(context.response, 201, presentObject(presentation, created, created.metadata.resourceVersion ?? ''));
      return;
    }
    const patched = applyPatch(current, contentType, body) as KubeObject;
    if (!patched?.metadata) throw new PatchError('the patch removed the object\'s metadata');
    patched.metadata.name = current.metadata.name;
    patched.metadata.namespace = current.metadata.namespace;
    // a patch without a resourceVersion applies to whatever is current
    if ((body as KubeObject | undefined)?.metadata?.resourceVersion === undefined) patched.metadata.resourceVersion = undefined;
    const updated = store.update(presentation.type, patched);
    sendJson(context.response, 200, presentObject(presentation, updated, updated.metadata.resourceVersion ?? ''));
  },

  delete(context, request, presentation) {
    const {type} = presentation;
    const deleted = context.cluster.store.delete(type, request.name!, request.namespace);
    sendJson(context.response, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {name: deleted.metadata.name, ...(type.group ? {group: type.group} : {}), kind: type.plural, uid: deleted.metadata.uid},
    });
  },

  deletecollection(context, request, presentation) {
    const {store} = context.cluster;
    const matches = matcher(context.url, presentation);
    const doomed = store.list(presentation.type, request.namespace).filter(matches);
    const deleted = doomed.map((object) => store.delete(presentation.type, object.metadata.name, object.metadata.namespace));
    sendJson(context.response, 200, presentList(presentation, deleted, {resourceVersion: store.resourceVersion}));
  },
};

function matcher(url: URL, presentation: Presentation): (object: KubeObject) => boolean {
  const labels = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
  const fields = parseFieldSelector(url.searchParams.get('fieldSelector') ?? '', presentation.type.kind);
  return (object) => labels(object.metadata.labels) && fields(object);
}

/** The index of the first object whose key sorts after `key`, by binary search over key order. */
function firstAfter(objects: readonly KubeObject[], key: string): number {
  let low = 0;
  let high = objects.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keyOf(objects[middle]) <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function keyOf(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

function dryRun(context: RequestContext): boolean {
  return context.url.searchParams.getAll('dryRun').includes('All');
}

async function readObject(context: RequestContext): Promise<KubeObject> {
  const body = parseBody(await context.body(), context.request.headers['content-type'] ?? 'application/json');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new PatchError('the request body must be an object');
  const object = body as KubeObject;
  object.metadata ??= {name: ''};
  return object;
}

function parseBody(body: Buffer, contentType: string): unknown {
  const text = body.toString('utf8');
  try {
    return contentType.includes('yaml') ? load(text) : JSON.parse(text);
  } catch (error) {
    throw new PatchError(`could not parse the request body: ${(error as Error).message}`);
  }
}

function checkNamespace(request: ResourceRequest, object: KubeObject): void {
  const namespace = object.metadata?.namespace;
  if (request.namespace && namespace && namespace !== request.namespace) {
    throw new StoreConflict('Invalid', 'the namespace of the provided object does not match the namespace sent on the request');
  }
}

function statusOf(error: unknown, request: ResourceRequest): Status {
  const {group, resource} = request;
  if (error instanceof SelectorError || error instanceof PatchError) return badRequest(error.message);
  if (error instanceof StoreConflict) {
    switch (error.reason) {
      case 'NotFound':
        return notFound(group, resource, request.name ?? '');
      case 'AlreadyExists':
        return status(409, 'AlreadyExists', error.message, {name: request.name, group: group || undefined, kind: resource});
      case 'Conflict':
        return status(409, 'Conflict', error.message, {name: request.name, group: group || undefined, kind: resource});
      case 'Invalid':
        return status(422, 'Invalid', `${qualified(group, resource)} "${request.name ?? ''}" is invalid: ${error.message}`);
    }
  }
  if (error instanceof ContinueError) return status(400, 'BadRequest', error.message);
  return status(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
}
