import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export interface StoredState {
  /** The snapshot first (if any), then every remaining row. */
  updates: Uint8Array[];
  rowIds: string[];
  snapshotVersion: number;
}

/**
 * PostgreSQL storage of Yjs documents, AFFiNE style: an append-only update log plus a compacted snapshot.
 * Appends need no lock (updates commute); compaction takes an advisory lock and deletes exactly the rows it
 * merged, so a row that commits while it runs is kept for the next one. Raw SQL: this is the hot path.
 */
@Injectable()
export class DocStore {
  private readonly logger = new Logger(DocStore.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Snapshot and remaining rows in ONE statement, so a compaction committing in between cannot make rows
   * vanish from both halves of the read.
   */
  async load(docName: string, manager: EntityManager = this.db.manager): Promise<StoredState> {
    const rows: { id: string; update: Buffer; version: number | null }[] = await manager.query(
      `SELECT '0' AS id, state AS update, version FROM doc_snapshots WHERE doc_name = $1
       UNION ALL
       SELECT id::text, update, NULL FROM doc_updates WHERE doc_name = $1`,
      [docName],
    );
    const state: StoredState = { updates: [], rowIds: [], snapshotVersion: 0 };
    for (const r of rows) {
      state.updates.push(r.update);
      if (r.id === '0') state.snapshotVersion = r.version ?? 0;
      else state.rowIds.push(r.id);
    }
    return state;
  }

  /** The document's current durable state as one Yjs update. */
  async loadMerged(docName: string, manager?: EntityManager): Promise<Uint8Array> {
    const { updates } = await this.load(docName, manager);
    const doc = new Y.Doc();
    try {
      for (const u of updates) Y.applyUpdate(doc, u);
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Appends one (group-committed) update and returns its row id. For a round's draft the insert holds the
   * round row FOR SHARE and only happens while the round is not closed: closing locks it FOR UPDATE, so an
   * edit either commits before the close (and is in the closing record) or is refused (null).
   */
  async append(docName: string, update: Uint8Array, draftOfRound: string | null): Promise<string | null> {
    // Straight to the pg pool under TypeORM: its query runner (created and released per call) costs about as
    // much CPU as the insert, and this runs for every group commit of every document. Unnamed statements, the
    // same wire messages TypeORM sends: named ones lost an acknowledged edit across a kill -9 on the embedded
    // database (pglite-socket).
    const { rows } = draftOfRound
      ? await this.pool.query<{ id: string }>(
          `INSERT INTO doc_updates (doc_name, update)
           SELECT $1, $2 FROM rounds WHERE id = $3 AND status <> 'closed' FOR SHARE
           RETURNING id::text AS id`,
          [docName, toBuffer(update), draftOfRound],
        )
      : await this.pool.query<{ id: string }>(
          `INSERT INTO doc_updates (doc_name, update) VALUES ($1, $2) RETURNING id::text AS id`,
          [docName, toBuffer(update)],
        );
    return rows[0]?.id ?? null;
  }

  /** The pg pool under TypeORM's postgres driver. */
  private get pool(): Pool {
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /** Row ids still in the log and the snapshot version: what a node compares to find rows it missed. */
  async inventory(docName: string): Promise<{ rowIds: string[]; snapshotVersion: number }> {
    const rows: { id: string; version: number | null }[] = await this.db.query(
      `SELECT '0' AS id, version FROM doc_snapshots WHERE doc_name = $1
       UNION ALL SELECT id::text, NULL FROM doc_updates WHERE doc_name = $1`,
      [docName],
    );
    const snap = rows.find((r) => r.id === '0');
    return { rowIds: rows.filter((r) => r.id !== '0').map((r) => r.id), snapshotVersion: snap?.version ?? 0 };
  }

  async rows(ids: string[]): Promise<{ id: string; update: Buffer }[]> {
    if (!ids.length) return [];
    return this.db.query(`SELECT id::text AS id, update FROM doc_updates WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
  }

  async pendingRows(docName: string): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM doc_updates WHERE doc_name = $1`, [
      docName,
    ]);
    return n as number;
  }

  /**
   * Merges the log into the snapshot. Skips (false) when another node compacts the same document. Re-encoding
   * through a Y.Doc lets garbage collection drop deleted content.
   */
  async compact(docName: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
        [`collab:${docName}`],
      );
      if (!locked) return false;
      const state = await this.load(docName, tx);
      if (!state.rowIds.length) return true;
      const doc = new Y.Doc();
      try {
        for (const u of state.updates) Y.applyUpdate(doc, u);
        await this.writeSnapshot(tx, docName, Y.encodeStateAsUpdate(doc));
      } finally {
        doc.destroy();
      }
      await tx.query(`DELETE FROM doc_updates WHERE id = ANY($1::bigint[])`, [state.rowIds]);
      this.logger.debug(`Compacted ${docName}: merged ${state.rowIds.length} rows`);
      return true;
    });
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Sets a document's whole state (a new round's first text): the log is emptied, the snapshot replaced. */
  async replace(docName: string, state: Uint8Array, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`collab:${docName}`]);
    await manager.query(`DELETE FROM doc_updates WHERE doc_name = $1`, [docName]);
    await this.writeSnapshot(manager, docName, state);
  }

  private async writeSnapshot(manager: EntityManager, docName: string, state: Uint8Array) {
    await manager.query(
      `INSERT INTO doc_snapshots (doc_name, state, version, updated_at) VALUES ($1, $2, 1, now())
       ON CONFLICT (doc_name) DO UPDATE SET state = EXCLUDED.state, version = doc_snapshots.version + 1,
       updated_at = now()`,
      [docName, toBuffer(state)],
    );
  }
}
