// The continue token of a paged list: opaque to clients, here base64 of the list's
// resourceVersion and the key (namespace/name) of the last object served.

export class ContinueError extends Error {}

export interface ContinuePosition {
  resourceVersion: string;
  /** Objects with keys after this one come next. */
  after: string;
}

export function encodeContinue(position: ContinuePosition): string {
  return Buffer.from(JSON.stringify({v: 'meta.k8s.io/v1', rv: position.resourceVersion, start: position.after})).toString('base64url');
}

export function decodeContinue(token: string): ContinuePosition {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {v?: string; rv?: string; start?: string};
    if (decoded.v !== 'meta.k8s.io/v1' || typeof decoded.rv !== 'string' || typeof decoded.start !== 'string') throw new Error('bad token');
    return {resourceVersion: decoded.rv, after: decoded.start};
  } catch {
    throw new ContinueError('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}
