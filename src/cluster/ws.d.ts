// The little of the `ws` package (a dependency of @kubernetes/client-node, without published
// types here) that exec over WebSocket uses, client and (in the test cluster) server side.

declare module 'ws' {
  import type {EventEmitter} from 'node:events';
  import type {ClientRequest, IncomingMessage, OutgoingHttpHeaders} from 'node:http';
  import type {Duplex} from 'node:stream';
  import type {SecureContextOptions} from 'node:tls';

  export interface ClientOptions extends SecureContextOptions {
    headers?: OutgoingHttpHeaders | Record<string, string | string[]>;
    handshakeTimeout?: number;
    rejectUnauthorized?: boolean;
    servername?: string;
  }

  export default class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    readonly readyState: 0 | 1 | 2 | 3;
    readonly protocol: string;
    constructor(address: string, protocols?: string | string[], options?: ClientOptions);
    send(data: Buffer | string, callback?: (error?: Error) => void): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'open', listener: () => void): this;
    on(event: 'unexpected-response', listener: (request: ClientRequest, response: IncomingMessage) => void): this;
  }

  export interface ServerOptions {
    noServer?: boolean;
    handleProtocols?: (protocols: Set<string>, request: IncomingMessage) => string | false;
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: ServerOptions);
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback: (socket: WebSocket, request: IncomingMessage) => void): void;
    close(callback?: () => void): void;
  }

  export {WebSocket};
}
