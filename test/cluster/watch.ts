// watch=true: a chunked stream of JSON lines {"type", "object"} that stays open until the client
// goes, timeoutSeconds passes, or the server closes. Semantics follow the API server's
// (resourceVersion "" or "0": synthetic ADDED for what exists, then changes; a resourceVersion:
// changes after it, or 410 Expired when it is too old; an object leaving a selector is DELETED).

import type {ServerResponse} from 'node:http';
import type {KubeObject} from '../../src/cluster/types.ts';
import type {Presentation} from './present.ts';
import {presentEventObject} from './present.ts';
import type {RequestContext} from './router.ts';
import type {StoreEvent} from './store.ts';
import {status} from './status.ts';

export interface WatchQuery {
  presentation: Presentation;
  namespace?: string;
  matches: (object: KubeObject) => boolean;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
}

/** Open watch streams, so that closing the server can end them. */
export class WatchRegistry {
  private readonly open = new Set<() => void>();
  /** How often a stream that asked for bookmarks gets one. */
  bookmarkIntervalMs = 15_000;

  add(stop: () => void): () => void {
    this.open.add(stop);
    return () => this.open.delete(stop);
  }

  get size(): number {
    return this.open.size;
  }

  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}

export function serveWatch(context: RequestContext, query: WatchQuery): void {
  const {response, request, cluster} = context;
  const {store, watches} = cluster;
  const {presentation} = query;
  const type = presentation.type;
  const inScope = (object: KubeObject) => query.namespace === undefined || object.metadata.namespace === query.namespace;
  const visible = (object: KubeObject | undefined) => object !== undefined && inScope(object) && query.matches(object);

  const startVersion = query.resourceVersion ?? '';
  const replayFrom = startVersion === '' || startVersion === '0' ? undefined : Number(startVersion);
  if (replayFrom !== undefined && !Number.isInteger(replayFrom)) {
    stream(response);
    write(response, 'ERROR', status(400, 'BadRequest', `invalid resource version: ${startVersion}`));
    response.end();
    return;
  }
  const replay = replayFrom === undefined ? [] : store.eventsSince(replayFrom);

  stream(response);
  if (replay === undefined) {
    // the client re-lists on 410, as informers do
    write(response, 'ERROR', status(410, 'Expired', `too old resource version: ${startVersion} (${store.resourceVersion})`));
    response.end();
    return;
  }

  let ended = false;
  const send = (eventType: string, object: KubeObject) => {
    if (!ended) write(response, eventType, presentEventObject(presentation, object));
  };
  const deliver = (event: StoreEvent) => {
    if (event.resourceType !== type) return;
    const now = visible(event.object);
    if (event.type === 'MODIFIED') {
      const before = visible(event.previous);
      if (now && before) send('MODIFIED', event.object);
      else if (now) send('ADDED', event.object);
      else if (before) send('DELETED', event.object);
    } else if (now) {
      send(event.type, event.object);
    }
  };

  // Initial state and subscription happen in one turn of the event loop, so nothing slips between.
  if (replayFrom === undefined) {
    for (const object of store.list(type, query.namespace)) if (query.matches(object)) send('ADDED', object);
  } else {
    for (const event of replay) deliver(event);
  }
  if (query.sendInitialEvents) sendBookmark(true);
  const unsubscribe = store.subscribe(deliver);

  const timers: NodeJS.Timeout[] = [];
  if (query.allowBookmarks) timers.push(setInterval(() => sendBookmark(false), watches.bookmarkIntervalMs));
  if (query.timeoutSeconds !== undefined && query.timeoutSeconds > 0) timers.push(setTimeout(stop, query.timeoutSeconds * 1000));
  const forget = watches.add(stop);
  request.on('close', stop);
  response.on('close', stop);

  function sendBookmark(initialEventsEnd: boolean): void {
    if (ended) return;
    const metadata: Record<string, unknown> = {resourceVersion: store.resourceVersion};
    if (initialEventsEnd) metadata.annotations = {'k8s.io/initial-events-end': 'true'};
    const object = {kind: type.kind, apiVersion: presentation.type.group ? `${type.group}/${presentation.version}` : presentation.version, metadata};
    write(response, 'BOOKMARK', object);
  }

  function stop(): void {
    if (ended) return;
    ended = true;
    unsubscribe();
    forget();
    for (const timer of timers) clearTimeout(timer);
    if (!response.writableEnded) response.end();
  }
}

function stream(response: ServerResponse): void {
  response.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
  response.flushHeaders();
}

function write(response: ServerResponse, type: string, object: unknown): void {
  response.write(`${JSON.stringify({type, object})}\n`);
}
