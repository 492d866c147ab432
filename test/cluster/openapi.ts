// A minimal OpenAPI v3 so that kubectl create/apply can tell the server validates fields itself:
// kubectl reads /openapi/v3 and each group version's document, looking for a PATCH operation of
// the kind that takes the fieldValidation query parameter (cli-runtime query_param_verifier_v3).
// No schemas are served: kubectl then leaves validation to the server, which accepts any fields.

import {createHash} from 'node:crypto';
import type {Catalogue, ServedType} from './catalogue.ts';
import {groupVersion} from './catalogue.ts';
import {serverVersion} from './discovery.ts';

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

export function openApiRoot(catalogue: Catalogue): object {
  const paths: Record<string, {serverRelativeURL: string}> = {};
  for (const {group, versions} of catalogue.groups()) {
    for (const version of versions) {
      const path = groupVersionPath(group, version);
      const hash = createHash('sha256').update(JSON.stringify(catalogue.typesIn(group, version).map((type) => type.plural))).digest('hex').slice(0, 16);
      paths[path] = {serverRelativeURL: `/openapi/v3/${path}?hash=${hash}`};
    }
  }
  return {paths};
}

const writeParameters = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: {type: name === 'force' ? 'boolean' : 'string'},
}));

function itemPath(type: ServedType, group: string, version: string): string {
  const scope = type.namespaced ? 'namespaces/{namespace}/' : '';
  return `/${groupVersionPath(group, version)}/${scope}${type.plural}/{name}`;
}

/** The document for one group version, or undefined when it is not served. */
export function openApiGroupVersion(catalogue: Catalogue, path: string): object | undefined {
  const match = /^(?:api\/(v[^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const [group, version] = match[1] ? ['', match[1]] : [match[2], match[3]];
  const types = catalogue.typesIn(group, version).filter((type) => type.verbs.includes('patch'));
  if (types.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const type of types) {
    const kind = {group, version, kind: type.kind};
    paths[itemPath(type, group, version)] = {
      patch: {
        operationId: `patch${type.kind}`,
        parameters: writeParameters,
        responses: {'200': {description: 'OK'}},
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': kind,
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: {title: 'Kubernetes', version: serverVersion.gitVersion},
    paths,
    components: {schemas: {}},
    'x-group-version': groupVersion(group, version),
  };
}
