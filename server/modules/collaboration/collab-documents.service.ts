import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CollabConfig } from './collab-config.js';
import { CollabConnection } from './collab-connection.js';
import { CollabDocument, ORIGIN } from './collab-document.js';
import { CLOSE } from './close-codes.js';
import { parseDocName } from './doc-name.js';
import { PresenceOutbox } from './presence-outbox.js';
import { DocStore } from './persistence/doc-store.service.js';
import { awarenessMessage, binaryFrame, updateMessage } from './protocol.js';
import { CollabRedisBridge } from './redis-bridge.service.js';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * The documents loaded on this node, and THE provider other modules use to read or seed a document's
 * state server-side (`read`, `replaceInitialState`). Loads once per name (concurrent openers share the
 * promise), unloads after a grace period without connections, and owns the write pipeline: in memory →
 * one INSERT per document per group commit → relay to local sockets and to the other nodes.
 */
@Injectable()
export class CollabDocuments implements OnApplicationShutdown {
  private readonly logger = new Logger(CollabDocuments.name);
  private readonly docs = new Map<string, Promise<CollabDocument>>();
  private readonly loaded = new Map<string, CollabDocument>();
  private catchUpTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly store: DocStore,
    private readonly bridge: CollabRedisBridge,
    private readonly config: CollabConfig,
  ) {
    bridge.onUpdate = (name, rowId, update) => this.applyRemote(name, rowId, update);
    bridge.onAwareness = (name, update) => {
      const doc = this.loaded.get(name);
      if (doc) applyAwarenessUpdate(doc.awareness, update, ORIGIN.REMOTE);
    };
    bridge.onResubscribed = () => void this.catchUpAll();
    if (bridge.enabled) {
      this.catchUpTimer = setInterval(() => void this.catchUpAll(), config.catchUpIntervalMs);
      this.catchUpTimer.unref();
    }
  }

  /** How many documents this node holds in memory (for tests and the benchmark). */
  get loadedCount(): number {
    return this.loaded.size;
  }

  isLoaded(name: string): boolean {
    return this.loaded.has(name);
  }

  /** The live document, loading it if needed. Subscribes to the bus BEFORE reading the database (7e). */
  open(name: string): Promise<CollabDocument> {
    let p = this.docs.get(name);
    if (!p) {
      p = this.load(name);
      this.docs.set(name, p);
      // A failed load leaves nothing behind (F-D5, F-M4): the next opener tries again.
      p.catch(() => this.docs.delete(name));
    }
    return p;
  }

  private async load(name: string): Promise<CollabDocument> {
    const ref = parseDocName(name);
    if (!ref) throw new Error(`not a document name: ${name}`);
    const doc = new CollabDocument(ref);
    const early: { rowId: string; update: Uint8Array }[] = [];
    try {
      await this.bridge.subscribe(name, (rowId, update) => early.push({ rowId, update }));
      const state = await this.store.load(name);
      Y.transact(doc, () => state.updates.forEach((u) => Y.applyUpdate(doc, u)), ORIGIN.LOAD);
      state.rowIds.forEach((id) => doc.seenRowIds.add(id));
      doc.snapshotVersion = state.snapshotVersion;
      this.bridge.release(name);
      for (const e of early) if (!doc.seenRowIds.has(e.rowId)) this.applyTo(doc, e.rowId, e.update);
    } catch (err) {
      await this.bridge.unsubscribe(name).catch(() => undefined);
      doc.destroy();
      throw err;
    }
    doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(doc, update, origin));
    const presence = new PresenceOutbox(
      {
        changeIntervalMs: this.config.presenceChangeIntervalMs,
        renewalWindowMs: this.config.presenceRenewalWindowMs,
      },
      (all, own) => this.relayPresence(doc, all, own),
    );
    doc.presence = presence;
    for (const event of ['change', 'update'] as const) {
      doc.awareness.on(event, (change: AwarenessChange, origin: unknown) =>
        this.onAwareness(presence, event, change, origin),
      );
    }
    this.loaded.set(name, doc);
    if (doc.seenRowIds.size >= this.config.compactAfterRows) {
      // A long log (e.g. edits from a node that died before unloading): the next load should be short.
      doc.compacting = true;
      void this.compactLive(doc).finally(() => (doc.compacting = false));
    }
    return doc;
  }

  private onUpdate(doc: CollabDocument, update: Uint8Array, origin: unknown) {
    if (origin === ORIGIN.LOAD) return;
    if (origin === ORIGIN.REMOTE) {
      this.broadcast(doc, updateMessage(update));
      return;
    }
    doc.pending.push(update);
    this.scheduleFlush(doc);
  }

  private scheduleFlush(doc: CollabDocument) {
    if (doc.flushing) return;
    // setImmediate: every update that arrived in the same tick of the event loop joins one commit.
    doc.flushing = new Promise<void>((r) => setImmediate(r))
      .then(() => this.flush(doc))
      .finally(() => {
        doc.flushing = null;
        if (doc.pending.length && !doc.stale) this.scheduleFlush(doc);
      });
  }

  /** Group commit: one row per batch, retried until it commits; relayed only after the commit. */
  private async flush(doc: CollabDocument) {
    while (doc.pending.length && !doc.stale) {
      const batch = doc.pending;
      doc.pending = [];
      const update = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
      const rowId = await this.appendWithRetry(doc, update);
      if (rowId === null) {
        this.reset(doc, 'the round closed before this edit was stored');
        return;
      }
      doc.seenRowIds.add(rowId);
      this.broadcast(doc, updateMessage(update));
      this.bridge.publishUpdate(doc.name, rowId, update);
    }
    this.scheduleCompaction(doc);
  }

  private async appendWithRetry(doc: CollabDocument, update: Uint8Array): Promise<string | null> {
    const draftOf = doc.ref.kind === 'draft' ? doc.ref.roundId : null;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.store.append(doc.name, update, draftOf);
      } catch (err) {
        // The writers still hold their edits and resend them on resync, but while the database is away
        // nothing is relayed: keep trying (and shutdown waits, bounded by main.ts's force-exit).
        this.logger.warn(
          `Storing an update of ${doc.name} failed (attempt ${attempt + 1}): ${(err as Error).message}`,
        );
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }

  /**
   * Memory is ahead of the database (a write refused because the round closed meanwhile): drop the copy
   * and make every client resync from PostgreSQL.
   */
  private reset(doc: CollabDocument, why: string) {
    this.logger.warn(`Resetting ${doc.name}: ${why}`);
    doc.stale = true;
    doc.pending = [];
    for (const c of [...doc.connections]) c.close(CLOSE.RESET);
    void this.unload(doc);
  }

  /** y-protocols emits 'change' (if anything changed) before 'update' (everything touched, renewals too). */
  private onAwareness(
    presence: PresenceOutbox,
    event: 'change' | 'update',
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ) {
    const fromThisNode = origin !== ORIGIN.REMOTE;
    if (event === 'change') presence.addChanges([...added, ...updated, ...removed], fromThisNode);
    else presence.addRenewals(updated, fromThisNode);
  }

  private relayPresence(doc: CollabDocument, all: number[], own: number[]) {
    const update = encodeAwarenessUpdate(doc.awareness, all);
    this.broadcast(doc, awarenessMessage(update));
    // Usually all of it is this node's own: encoded once for readers and the other nodes alike.
    if (own.length) {
      this.bridge.publishAwareness(
        doc.name,
        own.length === all.length ? update : encodeAwarenessUpdate(doc.awareness, own),
      );
    }
  }

  private broadcast(doc: CollabDocument, message: Uint8Array) {
    const frame = binaryFrame(message);
    for (const c of doc.connections) c.sendFrame(frame);
  }

  private applyRemote(name: string, rowId: string, update: Uint8Array) {
    const doc = this.loaded.get(name);
    if (doc && !doc.seenRowIds.has(rowId)) this.applyTo(doc, rowId, update);
  }

  private applyTo(doc: CollabDocument, rowId: string, update: Uint8Array) {
    doc.seenRowIds.add(rowId);
    try {
      Y.applyUpdate(doc, update, ORIGIN.REMOTE);
    } catch (err) {
      this.logger.error(`A stored update of ${doc.name} does not apply: ${(err as Error).message}`);
    }
  }

  /** Fetches rows this node never saw (lost on the bus, or merged into a newer snapshot). */
  async catchUp(doc: CollabDocument): Promise<void> {
    const { rowIds, snapshotVersion } = await this.store.inventory(doc.name);
    if (snapshotVersion !== doc.snapshotVersion) {
      const merged = await this.store.load(doc.name);
      doc.snapshotVersion = merged.snapshotVersion;
      Y.transact(doc, () => merged.updates.forEach((u) => Y.applyUpdate(doc, u)), ORIGIN.REMOTE);
      merged.rowIds.forEach((id) => doc.seenRowIds.add(id));
    } else {
      const missing = rowIds.filter((id) => !doc.seenRowIds.has(id));
      for (const row of await this.store.rows(missing)) this.applyTo(doc, row.id, row.update);
    }
    // Forget ids compaction removed, so the set stays as small as the log.
    const present = new Set(rowIds);
    for (const id of doc.seenRowIds) if (!present.has(id)) doc.seenRowIds.delete(id);
  }

  /** Every loaded document checks PostgreSQL for rows it missed (timer, Redis reconnect, tests). */
  async catchUpAll(): Promise<void> {
    for (const doc of this.loaded.values()) {
      await this.catchUp(doc).catch((err: Error) =>
        this.logger.warn(`Catch-up of ${doc.name} failed: ${err.message}`),
      );
    }
  }

  attach(doc: CollabDocument, conn: CollabConnection) {
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer);
    doc.unloadTimer = null;
    doc.connections.add(conn);
  }

  detach(doc: CollabDocument, conn: CollabConnection) {
    doc.connections.delete(conn);
    if (conn.clientId !== null && doc.awareness.getStates().has(conn.clientId)) {
      // Removed in the name of the connection: relayed to everyone, here and on the other nodes.
      removeAwarenessStates(doc.awareness, [conn.clientId], conn);
    }
    if (!doc.connections.size && !this.stopping) {
      doc.unloadTimer = setTimeout(() => void this.unload(doc), this.config.unloadGraceMs);
      doc.unloadTimer.unref();
    }
  }

  /** Frees a document without connections, after its pending writes committed; compacts a long log. */
  private async unload(doc: CollabDocument) {
    if (doc.connections.size && !doc.stale) return;
    await doc.committed();
    if (doc.connections.size && !doc.stale) return;
    if (this.loaded.get(doc.name) === doc) {
      this.loaded.delete(doc.name);
      this.docs.delete(doc.name);
      await this.bridge.unsubscribe(doc.name).catch(() => undefined);
    }
    if (doc.compactTimer) clearTimeout(doc.compactTimer);
    doc.destroy();
    if (doc.seenRowIds.size > 1) {
      await this.store
        .compact(doc.name)
        .catch((err: Error) => this.logger.warn(`Compaction failed: ${err.message}`));
    }
  }

  /** Compacts a long log while the document is live, then re-reads the new snapshot's version. */
  /**
   * Compaction reads and merges the whole log on the event loop, which would stall every reader's relay in the
   * middle of a burst: wait until the document has been quiet for a moment (debounced after each commit), unless
   * the log has grown so long that loading it costs more than the stall.
   */
  private scheduleCompaction(doc: CollabDocument) {
    const rows = doc.seenRowIds.size;
    if (rows < this.config.compactAfterRows || doc.compacting || doc.stale) return;
    if (doc.compactTimer) clearTimeout(doc.compactTimer);
    doc.compactTimer = null;
    const run = () => {
      doc.compactTimer = null;
      if (doc.compacting || doc.stale || this.loaded.get(doc.name) !== doc) return;
      doc.compacting = true;
      void this.compactLive(doc).finally(() => (doc.compacting = false));
    };
    if (rows >= this.config.compactAfterRows * 8) return run();
    doc.compactTimer = setTimeout(run, this.config.compactWhenQuietMs);
    doc.compactTimer.unref();
  }

  private async compactLive(doc: CollabDocument) {
    try {
      if (await this.store.compact(doc.name)) await this.catchUp(doc);
    } catch (err) {
      this.logger.warn(`Compaction of ${doc.name} failed: ${(err as Error).message}`);
    }
  }

  /**
   * A copy of the document's current durable state, for server-side readers (annotations resolve anchors
   * against it; the closing record freezes it). Never includes an edit that is not committed.
   */
  async read(name: string, manager?: EntityManager): Promise<Y.Doc> {
    const live = manager ? undefined : this.loaded.get(name);
    const copy = new Y.Doc();
    if (live && !live.stale) {
      await live.committed();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    } else {
      Y.applyUpdate(copy, await this.store.loadMerged(name, manager));
    }
    return copy;
  }

  /**
   * Writes a document's initial state (a new round's draft, the demo text), inside the caller's transaction
   * when one is given.
   * A live copy on this node is dropped so the next opener loads the new state.
   */
  async replaceInitialState(name: string, update: Uint8Array, manager?: EntityManager): Promise<void> {
    if (manager) await this.store.replace(name, update, manager);
    else await this.store.transaction((tx) => this.store.replace(name, update, tx));
    const live = this.loaded.get(name);
    if (live) this.reset(live, 'its initial state was replaced');
  }

  /** Every pending write, on every loaded document, committed. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.loaded.values()].map((d) => d.committed()));
  }

  /** Connections of a document name on this node (for rights changes). */
  connectionsOf(filter: (doc: CollabDocument) => boolean): CollabConnection[] {
    return [...this.loaded.values()].filter(filter).flatMap((d) => [...d.connections]);
  }

  /** Called by the server's shutdown once no connection is left: nothing is unloaded from now on. */
  async drain(): Promise<void> {
    this.stopping = true;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    await this.flushAll();
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const doc of this.loaded.values()) doc.destroy();
    this.loaded.clear();
    this.docs.clear();
  }
}
