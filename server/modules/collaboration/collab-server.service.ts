import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { toApiError } from '../../common/error-body.js';
import { redactUrl } from '../../common/logging.module.js';
import { userStateOn } from './awareness-filter.js';
import { CollabAuth, type CollabRights } from './collab-auth.service.js';
import { CollabConfig } from './collab-config.js';
import { clock, CollabConnection } from './collab-connection.js';
import { CollabDocuments } from './collab-documents.service.js';
import { handleMessage, READ_ONLY_REASON } from './collab-messages.js';
import { CLOSE, type CloseReason } from './close-codes.js';
import { type DocRef, parseDocName } from './doc-name.js';
import { awarenessMessage, identityMessage, permissionDeniedMessage, step1Message } from './protocol.js';

export const COLLAB_PATH = '/collab/';

/** Pongs that may wait for a client that does not read them before it is cut (ws's maxPendingAutoPongs). */
const MAX_PENDING_PONGS = 60;

/** What a /collab socket hands its events to: the server that accepted it. */
interface SocketEvents {
  receive(conn: CollabConnection, data: RawData, isBinary: boolean): void;
  closed(conn: CollabConnection): void;
}

/**
 * The class of /collab sockets (ws's public `WebSocket` option), made once per server. A socket carries its
 * connection, and its `emit` hands the events the server acts on ('message', 'pong', 'close') straight to it,
 * answers 'ping', then goes on to EventEmitter's (so any listener still gets every event, exactly as before).
 *
 * Why not listeners: a WebSocket keeps them in a dictionary-mode `_events` object whose backing store grows
 * from 4 to 8 slots at the fourth event name (160 → 256 bytes, measured in heap snapshots). With only the
 * 'error' listener registered (kept: an 'error' without one would throw) every connection is 96 bytes
 * smaller, about 3% of what a reader costs.
 */
function socketClass(server: SocketEvents) {
  return class CollabSocket extends WebSocket {
    /** Set as soon as ws hands the socket over; events before that find no connection (as no listener). */
    connection: CollabConnection | null = null;
    /** Pongs handed to the socket and not yet written (see answerPing). */
    pendingPongs = 0;

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      const conn = this.connection;
      if (event === 'ping') {
        // Answering costs the server like any message, so a ping is charged to the connection's rate.
        if (conn && !conn.takeMessage()) conn.close(CLOSE.RATE_LIMITED);
        else this.answerPing(args[0] as Buffer);
      }
      if (conn) {
        if (event === 'message') server.receive(conn, args[0] as RawData, args[1] as boolean);
        else if (event === 'pong') conn.alive = true;
        else if (event === 'close') server.closed(conn);
      }
      return super.emit(event, ...args);
    }

    /**
     * ws's autoPong, which the server turns off, done here the same way: a pong with the ping's payload, and a
     * client that pings faster than it reads its pongs is cut once MAX_PENDING_PONGS wait (ws's default cap).
     * Why: ws's autoPong makes its completion closure on every socket up front (96 bytes with its context, and
     * fields of its own); here one exists only while a pong is being written, and clients hardly ever ping.
     */
    answerPing(data: Buffer) {
      if (this.readyState !== WebSocket.OPEN) return;
      if (this.pendingPongs >= MAX_PENDING_PONGS) return this.terminate();
      this.pendingPongs++;
      this.pong(data, false, () => this.pendingPongs--);
    }
  };
}
type CollabSocket = InstanceType<ReturnType<typeof socketClass>>;

const closeFor = (err: unknown): CloseReason => {
  const { statusCode } = toApiError(err);
  if (statusCode === 401) return CLOSE.UNAUTHENTICATED;
  if (statusCode === 403) return CLOSE.FORBIDDEN;
  if (statusCode === 404) return CLOSE.NOT_FOUND;
  return CLOSE.INTERNAL;
};

/**
 * The /collab/<docName> WebSocket endpoint on the app's own HTTP server, beside socket.io. ONE `upgrade`
 * listener routes: socket.io's path is left to engine.io (which runs with `destroyUpgrade: false`),
 * /collab is accepted at once and authenticated afterwards (so a slow check never meets an upgrade
 * timeout, and bad credentials get a close code the client understands: 4401), anything else is a 404.
 */
@Injectable()
export class CollabServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CollabServer.name);
  private wss: WebSocketServer;
  private readonly connections = new Set<CollabConnection>();
  private heartbeat: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: CollabAuth,
    private readonly documents: CollabDocuments,
    private readonly config: CollabConfig,
  ) {}

  onApplicationBootstrap() {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.config.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // Answered by the socket class instead, without a closure on every socket (see answerPing).
      autoPong: false,
      WebSocket: socketClass({
        receive: (conn, data, isBinary) => this.receive(conn, data, isBinary),
        closed: (conn) => this.closed(conn),
      }),
    });
    const server = this.adapterHost.httpAdapter.getHttpServer() as import('node:http').Server;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.route(req, socket, head),
    );
    this.heartbeat = setInterval(
      () => this.sweep(),
      Math.min(this.config.pingIntervalMs, this.config.idleTimeoutMs / 2),
    );
    this.heartbeat.unref();
  }

  /** Open connections on this node (tests, benchmark). */
  get connectionCount() {
    return this.connections.size;
  }

  private route(req: IncomingMessage, socket: Duplex, head: Buffer) {
    // Nothing here may throw: an exception in an 'upgrade' listener would take the process down.
    let pathname = '';
    let ref: DocRef | null = null;
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (pathname.startsWith(COLLAB_PATH)) {
        ref = parseDocName(decodeURIComponent(pathname.slice(COLLAB_PATH.length)));
      }
    } catch {
      ref = null;
    }
    if (pathname.startsWith('/socket.io/')) return; // engine.io's own listener answers it
    if (!ref || this.stopping) {
      socket.on('error', () => undefined);
      socket.end(
        `HTTP/1.1 ${this.stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, ref));
  }

  private accept(ws: WebSocket, req: IncomingMessage, ref: DocRef) {
    const conn = new CollabConnection(ws, ref, this.config);
    this.connections.add(conn);
    (ws as CollabSocket).connection = conn;
    ws.on('error', this.onSocketError);
    const timer = setTimeout(() => conn.rights || conn.close(CLOSE.IDLE), this.config.authDeadlineMs);
    timer.unref();
    conn.authenticating = { timer, queue: [], queueBytes: 0 };
    void this.authenticate(conn, req);
  }

  /** The one listener of every /collab socket, shared: a per-connection closure would cost each reader. */
  private readonly onSocketError = ((server: CollabServer) =>
    function (this: WebSocket, err: Error) {
      server.logger.debug(`Socket error on ${(this as CollabSocket).connection?.ref.name}: ${err.message}`);
    })(this);

  private async authenticate(conn: CollabConnection, req: IncomingMessage) {
    try {
      const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket');
      const principal = await this.auth.principalOf(req, ticket, conn.ref.name);
      const rights = await this.auth.rights(principal, conn.ref);
      if (conn.closed) return;
      const doc = await this.documents.open(conn.ref.name);
      if (conn.closed) return;
      if (principal) {
        conn.sessionId = principal.sessionId;
        conn.user = userStateOn(doc, principal);
      }
      conn.rights = rights;
      conn.doc = doc;
      conn.ref = doc.ref;
      this.documents.attach(doc, conn);
      conn.send(step1Message(doc));
      const states = doc.awareness.getStates();
      if (states.size) conn.send(awarenessMessage(encodeAwarenessUpdate(doc.awareness, [...states.keys()])));
      // The colour is the server's choice: our editor learns it here to show itself as the others see it.
      if (principal) conn.send(identityMessage(conn.user));
      // A signed-in reader is told at once that it reads only; an anonymous reader knows (and a benchmark's
      // hundreds of stock clients would each log the warning). Both are told again if they try to write.
      if (!rights.write && principal) conn.send(permissionDeniedMessage(READ_ONLY_REASON));
      // New messages are processed at once from here on (rights are set): the queue only empties.
      for (const data of conn.authenticating?.queue ?? []) this.process(conn, data);
    } catch (err) {
      const reason = closeFor(err);
      if (reason === CLOSE.INTERNAL) {
        this.logger.error(
          `Opening ${conn.ref.name} failed (${redactUrl(req.url)}): ${(err as Error).message}`,
        );
      }
      conn.close(reason);
    } finally {
      if (conn.authenticating) clearTimeout(conn.authenticating.timer);
      conn.authenticating = null;
    }
  }

  /** A message from a socket (called by its `emit`, see socketClass). */
  private receive(conn: CollabConnection, raw: RawData, isBinary: boolean) {
    if (conn.closed) return;
    conn.lastMessageAt = clock();
    if (!isBinary) return conn.close(CLOSE.TEXT_FRAME);
    if (!conn.takeMessage()) return conn.close(CLOSE.RATE_LIMITED);
    const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    if (!conn.rights) {
      // Bounded pre-authentication queue (F-M6): a client cannot make us hold unbounded memory for free.
      const pending = conn.authenticating;
      if (!pending) return; // authentication failed: the connection is closing
      pending.queueBytes += data.byteLength;
      if (
        pending.queue.length >= this.config.preAuthQueueMessages ||
        pending.queueBytes > this.config.preAuthQueueBytes
      ) {
        return conn.close(CLOSE.RATE_LIMITED);
      }
      pending.queue.push(data);
      return;
    }
    this.process(conn, data);
  }

  private process(conn: CollabConnection, data: Uint8Array) {
    if (conn.closed || !conn.doc) return;
    try {
      handleMessage(conn, conn.doc, data, this.config.maxAwarenessStateBytes);
    } catch (err) {
      this.logger.warn(
        `Closed a connection to ${conn.ref.name} after a malformed message: ${(err as Error).message}`,
      );
      conn.close(CLOSE.MALFORMED);
    }
  }

  /** A socket closed (called by its `emit`). */
  private closed(conn: CollabConnection) {
    conn.closed = true;
    this.connections.delete(conn);
    if (conn.doc) this.documents.detach(conn.doc, conn);
  }

  /** Keep-alive and idle timeout: ping every interval; a peer that missed a pong or stayed silent is cut. */
  private sweep() {
    const now = clock();
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      if (now - conn.lastMessageAt > this.config.idleTimeoutMs) {
        conn.close(CLOSE.IDLE);
        continue;
      }
      conn.alive = false;
      if (conn.ws.readyState === WebSocket.OPEN) conn.ws.ping();
    }
  }

  /** Applies new rights to open connections (round closed, role changed, session revoked). */
  apply(conn: CollabConnection, rights: CollabRights | CloseReason) {
    if (conn.closed) return;
    if ('code' in rights) return conn.close(rights);
    const before = conn.rights;
    conn.rights = rights;
    if (before?.write && !rights.write) conn.send(permissionDeniedMessage(READ_ONLY_REASON));
    // Rights that grew need a fresh session of the client (its editor state, awareness): reconnect.
    else if (before && !before.write && rights.write) conn.close(CLOSE.RESET);
  }

  /** Stops accepting, closes every connection (clients reconnect elsewhere), then lets pending writes finish. */
  async beforeApplicationShutdown() {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const conn of this.connections) conn.close(CLOSE.GOING_AWAY);
    // A moment for the close frames to go out (clients then reconnect at once), then cut the rest: the HTTP
    // server's close() waits for upgraded sockets.
    for (let waited = 0; this.connections.size && waited < 500; waited += 25) {
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const conn of this.connections) conn.ws.terminate();
    await this.documents.drain();
    this.wss?.close();
  }

  connectionsWhere(filter: (c: CollabConnection) => boolean): CollabConnection[] {
    return [...this.connections].filter(filter);
  }
}
