import { Client } from 'pg';
import { median } from '../support/figures.js';
import { sleep } from '../support/wait.js';
import { benchDatabase } from '../support/fresh-database.js';

export interface CommitLatency {
  /** A one-row INSERT and its commit, one after another, ms (median). */
  backToBackMs: number;
  /** The same 20 ms after the previous one, as an edit between two keystrokes finds the database, ms. */
  afterIdleMs: number;
}

/**
 * What one commit costs on the PostgreSQL under test, in a database of its own: Consulta waits for one before
 * relaying each edit, the peers do not, so this is the latency it starts behind by.
 */
export async function commitLatency(): Promise<CommitLatency | null> {
  const db = await benchDatabase();
  if (!db.url) return null;
  const client = new Client({ connectionString: db.url });
  try {
    await client.connect();
    // A logged table, like doc_updates: each commit waits for its WAL record to reach the disk.
    await client.query('CREATE TABLE commits (id bigserial PRIMARY KEY, update bytea NOT NULL)');
    const update = Buffer.alloc(40, 1);
    const timeCommits = async (count: number, idleMs: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        if (idleMs) await sleep(idleMs);
        const started = performance.now();
        await client.query('INSERT INTO commits (update) VALUES ($1)', [update]);
        times.push(performance.now() - started);
      }
      return median(times);
    };
    await timeCommits(20, 0);
    return { backToBackMs: await timeCommits(200, 0), afterIdleMs: await timeCommits(60, 20) };
  } finally {
    await client.end().catch(() => undefined);
    await db.drop();
  }
}
