import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadListView } from '../shared/schemas/annotations.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('Annotations in the demo consultation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SEED_DEMO: 'true' } });
  });
  afterAll(() => t?.close());

  it('greets a first visitor with a short conversation, official answers included, in order', async () => {
    const [demo] = (await request(t.url).get('/api/consultations').expect(200)).body;
    const list = (await request(t.url).get(`/api/rounds/${demo.currentRound.id}/threads`).expect(200))
      .body as ThreadListView;
    expect(list.threads.map((x) => x.target)).toEqual(['option', 'round']);
    for (const thread of list.threads) {
      expect(thread.comments).toHaveLength(2);
      expect(thread.comments.map((c) => c.official)).toEqual([false, true]);
      expect(thread.comments[0].author?.id).toBe(thread.author?.id);
    }
    expect(list.threads[0].comments[1].author?.displayName).toBe('Lars Berg (Chair)');
  });

  it('dates every seeded thread, comment and position inside its round: after it opened, before it closed', async () => {
    const rows: { what: string; at: Date; opened_at: Date | null; closed_at: Date | null }[] = await t.db
      .query(`
        SELECT x.what, x.at, r.opened_at, r.closed_at
          FROM (SELECT 'thread' AS what, round_id, created_at AS at FROM threads
                UNION ALL SELECT 'comment', round_id, created_at FROM comments
                UNION ALL SELECT 'position', round_id, created_at FROM positions
                UNION ALL SELECT 'position changed', round_id, updated_at FROM positions) x
          JOIN rounds r ON r.id = x.round_id`);
    expect(rows.length).toBeGreaterThan(0);
    const outside = rows.filter(
      (r) => !r.opened_at || r.at < r.opened_at || r.at > (r.closed_at ?? new Date()),
    );
    expect(outside).toEqual([]);
  });
});
