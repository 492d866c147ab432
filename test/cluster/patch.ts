// PATCH bodies: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and strategic merge patch and
// server-side apply approximated as merge patch (lists are replaced, not merged by key).

export class PatchError extends Error {}

export const patchTypes = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export function applyPatch(target: unknown, contentType: string, body: unknown): unknown {
  const mediaType = contentType.split(';')[0].trim();
  switch (mediaType) {
    case patchTypes.merge:
    case patchTypes.strategic:
    case patchTypes.apply:
      return mergePatch(target, body);
    case patchTypes.json:
      if (!Array.isArray(body)) throw new PatchError('a JSON patch must be an array of operations');
      return jsonPatch(target, body as JsonPatchOperation[]);
    default:
      throw new PatchError(`the body of the request was in an unknown format - accepted media types include: ${Object.values(patchTypes).join(', ')}`);
  }
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const result: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? {...(target as Record<string, unknown>)} : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, tokens: string[]): [Record<string, unknown> | unknown[], string] {
  let current = document;
  for (const token of tokens.slice(0, -1)) {
    if (current === null || typeof current !== 'object') throw new PatchError(`path not found: /${tokens.join('/')}`);
    current = (current as Record<string, unknown>)[token];
  }
  if (current === null || typeof current !== 'object') throw new PatchError(`path not found: /${tokens.join('/')}`);
  return [current as Record<string, unknown> | unknown[], tokens[tokens.length - 1]];
}

function read(document: unknown, path: string): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return document;
  const [parent, key] = parentOf(document, tokens);
  const value = (parent as Record<string, unknown>)[key];
  if (value === undefined) throw new PatchError(`path not found: ${path}`);
  return value;
}

function remove(document: unknown, path: string): unknown {
  const [parent, key] = parentOf(document, pointer(path));
  const value = (parent as Record<string, unknown>)[key];
  if (value === undefined) throw new PatchError(`path not found: ${path}`);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return value;
}

function add(document: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return structuredClone(value);
  const [parent, key] = parentOf(document, tokens);
  if (Array.isArray(parent)) parent.splice(key === '-' ? parent.length : Number(key), 0, structuredClone(value));
  else parent[key] = structuredClone(value);
  return document;
}

export function jsonPatch(target: unknown, operations: JsonPatchOperation[]): unknown {
  let document = structuredClone(target);
  for (const operation of operations) {
    switch (operation.op) {
      case 'add':
        document = add(document, operation.path, operation.value);
        break;
      case 'remove':
        remove(document, operation.path);
        break;
      case 'replace':
        remove(document, operation.path);
        document = add(document, operation.path, operation.value);
        break;
      case 'move':
        document = add(document, operation.path, remove(document, operation.from ?? ''));
        break;
      case 'copy':
        document = add(document, operation.path, read(document, operation.from ?? ''));
        break;
      case 'test':
        if (JSON.stringify(read(document, operation.path)) !== JSON.stringify(operation.value)) {
          throw new PatchError(`test operation failed at ${operation.path}`);
        }
        break;
      default:
        throw new PatchError(`unknown JSON patch operation: ${(operation as {op: string}).op}`);
    }
  }
  return document;
}
