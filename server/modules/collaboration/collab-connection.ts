import { WebSocket } from 'ws';
import type { CollabUserState } from '../../../shared/schemas/collab.js';
import type { Principal } from '../policy/principal.js';
import type { CollabRights } from './collab-auth.service.js';
import type { CollabDocument } from './collab-document.js';
import type { CloseReason } from './close-codes.js';
import type { DocRef } from './doc-name.js';

const ANONYMOUS: CollabUserState = { name: '', color: '#777777', userId: '' };

/** One WebSocket on one document, with what it may do and its resource accounting. */
export class CollabConnection {
  principal: Principal | null = null;
  /** Null while authenticating: messages are queued, nothing is applied or sent. */
  rights: CollabRights | null = null;
  doc: CollabDocument | null = null;
  user: CollabUserState = ANONYMOUS;
  /** The awareness client id this connection announced first; it may set no other. */
  clientId: number | null = null;
  readonly queue: Uint8Array[] = [];
  queueBytes = 0;
  lastMessageAt = Date.now();
  alive = true;
  closed = false;
  refusedWrites = 0;
  private tokens: number;
  private awarenessTokens: number;
  private refilledAt = Date.now();

  constructor(
    readonly ws: WebSocket,
    readonly ref: DocRef,
    private readonly perSecond: number,
    private readonly awarenessPerSecond: number,
  ) {
    this.tokens = perSecond;
    this.awarenessTokens = awarenessPerSecond;
  }

  get canWrite(): boolean {
    return !!this.rights?.write;
  }

  get mayBroadcastPresence(): boolean {
    return !!this.rights?.presence && !!this.principal;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // No callback and no options object: this runs once per reader per update (the fan-out hot path). A
    // Uint8Array goes out as a binary frame; a dead peer surfaces as 'error'/'close', which clean up.
    this.ws.send(data);
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
    return --this.tokens >= 0;
  }

  /** Awareness has its own, smaller bucket; excess awareness is dropped, not punished. */
  takeAwareness(): boolean {
    this.refill();
    if (this.awarenessTokens < 1) return false;
    this.awarenessTokens--;
    return true;
  }

  private refill() {
    const now = Date.now();
    const elapsed = (now - this.refilledAt) / 1000;
    if (elapsed <= 0) return;
    this.refilledAt = now;
    // Burst of one second's worth, refilled continuously.
    this.tokens = Math.min(this.perSecond, this.tokens + elapsed * this.perSecond);
    this.awarenessTokens = Math.min(
      this.awarenessPerSecond,
      this.awarenessTokens + elapsed * this.awarenessPerSecond,
    );
  }
}
