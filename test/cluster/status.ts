// meta/v1 Status objects shaped as the API server sends them for failures
// (k8s.io/apimachinery pkg/api/errors/errors.go).

import type {ServerResponse} from 'node:http';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export function status(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const body: Status = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code};
  if (details) body.details = details;
  return body;
}

/** `pods "x" not found`, or `deployments.apps "x" not found` outside the core group. */
export function notFound(group: string, plural: string, name: string): Status {
  return status(404, 'NotFound', `${qualified(group, plural)} "${name}" not found`, {name, group: group || undefined, kind: plural});
}

export function unauthorized(): Status {
  return status(401, 'Unauthorized', 'Unauthorized');
}

/** The RBAC authorizer's wording: `pods is forbidden: User "u" cannot list resource "pods" in API group "" in the namespace "ns"`. */
export function forbidden(options: {
  user: string;
  verb: string;
  group: string;
  plural: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}): Status {
  const {user, verb, group, plural, subresource, name, namespace} = options;
  const resource = subresource ? `${plural}/${subresource}` : plural;
  const subject = name ? `${qualified(group, plural)} "${name}"` : qualified(group, plural);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`;
  return status(403, 'Forbidden', message, {name, group: group || undefined, kind: plural});
}

export function badRequest(message: string): Status {
  return status(400, 'BadRequest', message);
}

export function methodNotAllowed(): Status {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function qualified(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function sendJson(response: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text)});
  response.end(text);
}

export function sendStatus(response: ServerResponse, body: Status): void {
  sendJson(response, body.code, dropUndefined(body));
}

function dropUndefined(body: Status): Status {
  if (body.details) {
    for (const key of Object.keys(body.details) as (keyof StatusDetails)[]) {
      if (body.details[key] === undefined) delete body.details[key];
    }
  }
  return body;
}
