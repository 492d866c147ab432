// What the user typed (VERB TARGET [NAME]) → the authorizer's request attributes, resolving
// resource names the way kubectl's RESTMapper does, with kubectl auth can-i's warnings.

import {UsageError} from '../errors.ts';
import type {ResourceCatalog} from '../cluster/catalog.ts';
import {isKnownSubresource} from './subresources.ts';
import type {RequestAttributes} from './types.ts';

// kubectl pkg/cmd/auth/cani.go: the verbs it knows; others only draw a warning.
const resourceVerbs = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const nonResourceURLVerbs = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
// Resources the API serves that discovery does not list (impersonation targets).
const nonStandardResources = new Set(['users', 'groups', 'userextras', 'uids']);

export interface ParsedRequest {
  request: RequestAttributes;
  /** Whether the resource is namespaced; undefined when unknown or non-resource. */
  namespaced?: boolean;
  /**
   * Set when the request itself fixes its namespace, whatever -n or -A say: a request on one
   * Namespace object is authorized in that namespace (see namespaceOfNamespaceRequest).
   */
  ownNamespace?: string;
  warnings: string[];
}

// Verbs whose request path names no object: list and watch select by field, create posts to
// the collection, deletecollection deletes from it.
const collectionVerbs = new Set(['list', 'watch', 'create', 'deletecollection']);

/**
 * The API server reads the namespace of a resource request from its path, `/namespaces/NS/...`
 * (apiserver pkg/endpoints/request/requestinfo.go, NewRequestInfo). A request on one Namespace
 * object, `/api/v1/namespaces/NAME[/status|/finalize]`, therefore carries NAME as its namespace
 * as well as its name (requestinfo_test.go: GET /api/v1/namespaces/other has namespace "other"),
 * and RBAC counts the RoleBindings in NAME for it. Requests without a name in the path (list,
 * watch, create, deletecollection of namespaces) are cluster-wide.
 */
export function namespaceOfNamespaceRequest(request: RequestAttributes): string | undefined {
  if (!request.resourceRequest || request.resource !== 'namespaces' || request.apiGroup !== '' || !request.name) return undefined;
  if (!request.subresource && collectionVerbs.has(request.verb)) return undefined;
  return request.name;
}

export interface TargetOptions {
  verb: string;
  target: string;
  name?: string;
  subresource?: string;
  namespace: string;
  catalog: ResourceCatalog;
  /**
   * `who-can`: `RESOURCE/SUBRESOURCE`. `can-i`: `TYPE/NAME`, as kubectl auth can-i reads it,
   * with the subresource from --subresource.
   */
  slashMeans: 'subresource' | 'name';
}

export function parseRequest(options: TargetOptions): ParsedRequest {
  const {verb, target, catalog} = options;
  const warnings: string[] = [];
  if (!verb) throw new UsageError('a verb is required, e.g. get, list, create');
  if (!target) throw new UsageError('a resource or non-resource URL is required, e.g. pods, deployments.apps, pods/log, /healthz');
  if (target.startsWith('/')) {
    if (options.subresource) throw new UsageError('--subresource can not be used with NonResourceURL');
    if (options.name) throw new UsageError('NonResourceURL and ResourceName can not specified together');
    if (!nonResourceURLVerbs.has(verb)) warnings.push(`verb '${verb}' is not a known verb`);
    return {request: {verb, namespace: '', resourceRequest: false, path: target}, warnings};
  }

  const slash = target.indexOf('/');
  const typeText = slash < 0 ? target : target.slice(0, slash);
  const afterSlash = slash < 0 ? '' : target.slice(slash + 1);
  let name = options.name ?? '';
  let subresource = options.subresource ?? '';
  if (afterSlash) {
    if (options.slashMeans === 'name') {
      if (name) throw new UsageError(`the name is given twice: "${afterSlash}" and "${name}"`);
      name = afterSlash;
    } else {
      if (subresource) throw new UsageError(`the subresource is given twice: "${afterSlash}" and "${subresource}"`);
      subresource = afterSlash;
    }
  }

  let resource: string;
  let apiGroup: string;
  let namespaced: boolean | undefined;
  let subresourcesOf: readonly string[] = [];
  if (typeText === '*') {
    resource = '*';
    apiGroup = '';
  } else {
    const type = catalog.find(typeText);
    if (type) {
      resource = type.plural;
      apiGroup = type.group;
      namespaced = type.namespaced;
      subresourcesOf = type.subresources ?? [];
    } else {
      const lower = typeText.toLowerCase();
      const dot = lower.indexOf('.');
      resource = dot < 0 ? lower : lower.slice(0, dot);
      apiGroup = dot < 0 ? '' : lower.slice(dot + 1);
      if (!nonStandardResources.has(resource) || apiGroup !== '') {
        warnings.push(apiGroup ? `the server doesn't have a resource type '${resource}' in group '${apiGroup}'` : `the server doesn't have a resource type '${resource}'`);
      }
    }
  }
  if (!resourceVerbs.has(verb)) warnings.push(`verb '${verb}' is not a known verb`);
  if (afterSlash && options.slashMeans === 'name' && !options.subresource && isKnownSubresource(resource, apiGroup, afterSlash, subresourcesOf)) {
    // kubectl auth can-i reads TYPE/NAME here too, but `pods/exec` usually means the subresource.
    warnings.push(`'${target}' is read as TYPE/NAME, a ${resource} object named "${afterSlash}"; ` +
      `to check the ${afterSlash} subresource, use '${verb} ${typeText} --subresource=${afterSlash}'`);
  }
  const request: RequestAttributes = {verb, namespace: options.namespace, resourceRequest: true, apiGroup, resource, subresource, name};
  const ownNamespace = namespaceOfNamespaceRequest(request);
  if (ownNamespace !== undefined) request.namespace = ownNamespace;
  return {request, namespaced, warnings, ...(ownNamespace !== undefined ? {ownNamespace} : {})};
}
