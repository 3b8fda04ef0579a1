import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CollabConnection } from './collab-connection.js';
import type { DocRef } from './doc-name.js';
import type { PresenceOutbox } from './presence-outbox.js';

/** Origins of changes to a loaded document, so the update handler knows what to persist and relay. */
export const ORIGIN = {
  /** Replayed from PostgreSQL: already durable, nobody to tell. */
  LOAD: Symbol('load'),
  /** From another node (Redis or catch-up): durable there, tell local connections only. */
  REMOTE: Symbol('remote'),
  /** Written by the server itself: persist and relay like a client's edit. */
  SERVER: Symbol('server'),
} as const;

/**
 * One live document on this node: the Yjs state, its awareness, the local connections, and the write
 * pipeline. Edits are applied in memory at once but only *relayed* after their row committed, and a
 * SyncStep2 answer waits for pending commits too, so no client ever sees a change that could still be lost.
 */
export class CollabDocument extends Y.Doc {
  readonly awareness: Awareness;
  readonly connections = new Set<CollabConnection>();
  /** Row ids of `doc_updates` this node has applied, to find the ones missed on the bus. */
  readonly seenRowIds = new Set<string>();
  snapshotVersion = 0;
  /** Updates applied in memory whose row is not written yet (the next group commit). */
  pending: Uint8Array[] = [];
  /** The group commit in flight, if any; resolves when everything applied before it is durable. */
  flushing: Promise<void> | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Set when a write was refused (round closed) and memory is ahead of the database: reload before use. */
  stale = false;
  compacting = false;
  /** A compaction waiting for the document to go quiet (see CollabDocuments.scheduleCompaction). */
  compactTimer: NodeJS.Timeout | null = null;
  /** Presence waiting to be relayed; set by CollabDocuments once the document is loaded. */
  presence: PresenceOutbox | null = null;

  constructor(readonly ref: DocRef) {
    super({ gc: true });
    this.awareness = new Awareness(this);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
  }

  get name() {
    return this.ref.name;
  }

  /** Resolves once every change applied so far is committed to PostgreSQL. */
  async committed(): Promise<void> {
    while (this.flushing || this.pending.length) await (this.flushing ?? Promise.resolve());
  }

  override destroy() {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.presence?.dispose();
    this.awareness.destroy();
    super.destroy();
  }
}
