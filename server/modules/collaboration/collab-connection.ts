import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { CollabUserState } from '../../../shared/schemas/collab.js';
import type { CollabRights } from './collab-auth.service.js';
import type { CollabDocument } from './collab-document.js';
import type { CloseReason } from './close-codes.js';
import type { DocRef } from './doc-name.js';

/**
 * Milliseconds since the process started. Small integers stay inside the object; a Date.now() value would be
 * boxed anew on every write (each message of each connection).
 */
export const clock = () => Math.floor(performance.now());

const ANONYMOUS: CollabUserState = { name: '', color: '#777777', userId: '' };

/** The per-connection rates, read from the one CollabConfig every connection shares. */
export interface ConnectionLimits {
  readonly messagesPerSecond: number;
  readonly awarenessPerSecond: number;
}

/** What a connection holds only while it authenticates (the first few milliseconds of its life). */
export interface Authenticating {
  /** Closes the connection if it has not authenticated in time. */
  timer: NodeJS.Timeout;
  /** Messages that arrived meanwhile, bounded by the server. */
  queue: Uint8Array[];
  queueBytes: number;
}

/**
 * One WebSocket on one document, with what it may do and its resource accounting. Hundreds share a document,
 * so it holds as little of its own as it can: the document's ref once attached, the config's limits, a
 * pre-authentication queue only while authenticating. Every field costs 8 bytes on every reader for as long
 * as the connection lives.
 */
export class CollabConnection {
  /** The signed-in session, for revocation; null for an anonymous reader. The rest of the principal is not kept. */
  sessionId: string | null = null;
  /** Null while authenticating: messages are queued, nothing is applied or sent. */
  rights: CollabRights | null = null;
  doc: CollabDocument | null = null;
  /** Who this is, as others see it in the presence list (and its user id). */
  user: CollabUserState = ANONYMOUS;
  /**
   * Set while authenticating, null after: one field for the deadline and the queue rather than three that
   * would stay on every connection long after they are done with (16 bytes a reader).
   */
  authenticating: Authenticating | null = null;
  /**
   * The awareness client id (see `clientId`) as its int32 bits. Client ids are random uint32s: half of them do
   * not fit a small integer, and a number field holding one points to a 16-byte heap number of its own.
   */
  private clientIdBits: number | null = null;
  lastMessageAt = clock();
  alive = true;
  closed = false;
  refusedWrites = 0;
  /** Token buckets, in thousandths of a message so that they stay integers too. */
  private tokens: number;
  private awarenessTokens: number;
  private refilledAt = clock();

  constructor(
    readonly ws: WebSocket,
    /** Parsed from the URL; replaced by the loaded document's own (shared) ref once attached. */
    public ref: DocRef,
    private readonly limits: ConnectionLimits,
  ) {
    this.tokens = limits.messagesPerSecond * 1000;
    this.awarenessTokens = limits.awarenessPerSecond * 1000;
  }

  /** The awareness client id this connection announced first; it may set no other. */
  get clientId(): number | null {
    return this.clientIdBits === null ? null : this.clientIdBits >>> 0;
  }

  set clientId(id: number | null) {
    // Stored as 32 bits, anything wider would alias another client's id (awareness-filter skips those).
    if (id !== null && !(Number.isInteger(id) && id >= 0 && id <= 0xffffffff)) {
      throw new RangeError(`not an awareness client id: ${id}`);
    }
    this.clientIdBits = id === null ? null : id | 0;
  }

  get canWrite(): boolean {
    return !!this.rights?.write;
  }

  get mayBroadcastPresence(): boolean {
    return !!this.rights?.presence && this.sessionId !== null;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // No callback and no options object: this runs once per reader per update (the fan-out hot path). A
    // Uint8Array goes out as a binary frame; a dead peer surfaces as 'error'/'close', which clean up.
    this.ws.send(data);
  }

  /**
   * Writes a frame made by `binaryFrame` straight to the socket: the fan-out hot path, where ws.send would
   * build the same header again for every reader. Safe beside ws's own writes because ws queues nothing
   * without permessage-deflate (disabled on /collab) and writes each frame whole, in call order.
   */
  sendFrame(frame: Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    (this.ws as unknown as { _socket: Duplex })._socket.write(frame);
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(reason.code, reason.reason);
      // A peer that never answers the close handshake is cut after a moment.
      setTimeout(() => this.ws.terminate(), 2000).unref();
    }
  }

  /** Token bucket per connection: false means the client is over its rate and is closed (4429). */
  takeMessage(): boolean {
    this.refill();
    this.tokens -= 1000;
    return this.tokens >= 0;
  }

  /** Awareness has its own, smaller bucket; excess awareness is dropped, not punished. */
  takeAwareness(): boolean {
    this.refill();
    if (this.awarenessTokens < 1000) return false;
    this.awarenessTokens -= 1000;
    return true;
  }

  private refill() {
    const now = clock();
    const elapsedMs = now - this.refilledAt;
    if (elapsedMs <= 0) return;
    this.refilledAt = now;
    // Burst of one second's worth, refilled continuously (ms × messages/s = thousandths of a message).
    const { messagesPerSecond, awarenessPerSecond } = this.limits;
    this.tokens = Math.min(messagesPerSecond * 1000, this.tokens + elapsedMs * messagesPerSecond);
    this.awarenessTokens = Math.min(
      awarenessPerSecond * 1000,
      this.awarenessTokens + elapsedMs * awarenessPerSecond,
    );
  }
}
