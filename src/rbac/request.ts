// What the user typed (VERB TARGET [NAME]) → the authorizer's request attributes, resolving
// resource names the way kubectl's RESTMapper does, with kubectl auth can-i's warnings.

import {UsageError} from '../errors.ts';
import type {ResourceCatalog} from '../cluster/catalog.ts';
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
  warnings: string[];
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
  if (typeText === '*') {
    resource = '*';
    apiGroup = '';
  } else {
    const type = catalog.find(typeText);
    if (type) {
      resource = type.plural;
      apiGroup = type.group;
      namespaced = type.namespaced;
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
  const request: RequestAttributes = {verb, namespace: options.namespace, resourceRequest: true, apiGroup, resource, subresource, name};
  return {request, namespaced, warnings};
}
