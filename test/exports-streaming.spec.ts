import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../server/modules/positions/csv.js';
import { CommentsExportQuery } from '../server/modules/exports/comments-export.query.js';
import { createConsultation, createRound, createUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('Exports of a round with 10,000 comments', () => {
  let t: TestApp;
  let roundId: string;
  const COMMENTS = 10_000;

  beforeAll(async () => {
    t = await createTestApp();
    const author = await createUser(t, { displayName: 'Prolific Writer' });
    const { consultation } = await createConsultation(t);
    roundId = (await createRound(t, consultation.id)).id;
    const [thread]: { id: string }[] = await t.db.query(
      `INSERT INTO threads (consultation_id, round_id, target, author_id) VALUES ($1, $2, 'round', $3) RETURNING id`,
      [consultation.id, roundId, author.user.id],
    );
    await t.db.query(
      `INSERT INTO comments (thread_id, round_id, consultation_id, author_id, body, created_at)
       SELECT $1, $2, $3, $4, '@comment number ' || g || ' ' || repeat('lorem ipsum ', 20), now() + g * interval '1 ms'
       FROM generate_series(1, ${COMMENTS}) AS g`,
      [thread.id, roundId, consultation.id, author.user.id],
    );
  });
  afterAll(async () => t?.close());

  /** GETs a URL, noting how many comment batches the server had read when the first bytes arrived. */
  function download(path: string, batchesRead: () => number) {
    return new Promise<{ text: string; chunks: number; batchesAtFirstByte: number; items: number }>(
      (resolve, reject) => {
        http
          .get(`${t.url}${path}`, (res) => {
            let text = '';
            let chunks = 0;
            let batchesAtFirstByte = -1;
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              if (chunks++ === 0) batchesAtFirstByte = batchesRead();
              text += c;
            });
            res.on('end', () =>
              resolve({ text, chunks, batchesAtFirstByte, items: Number(res.headers['x-export-items']) }),
            );
            res.on('error', reject);
          })
          .on('error', reject);
      },
    );
  }

  it('streams the JSON and the CSV batch by batch: bytes arrive before the comments are all read', async () => {
    const query = t.app.get(CommentsExportQuery);
    const original = query.batches.bind(query);
    let batches = 0;
    let largest = 0;
    query.batches = async function* (...args: Parameters<typeof original>) {
      for await (const batch of original(...args)) {
        batches++;
        largest = Math.max(largest, batch.length);
        yield batch;
      }
    };
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const json = await download(`/api/rounds/${roundId}/export.json`, () => batches);
      const heapAfter = process.memoryUsage().heapUsed;
      const doc = JSON.parse(json.text) as { comments: unknown[] };
      expect(doc.comments).toHaveLength(COMMENTS);
      expect(json.items).toBe(COMMENTS + 1); // comments + the thread
      expect(largest).toBeLessThanOrEqual(500);
      expect(batches).toBeGreaterThanOrEqual(COMMENTS / 500);
      // The client held the first bytes before the server had read even one batch of comments.
      expect(json.batchesAtFirstByte).toBeLessThan(batches);
      expect(json.chunks).toBeGreaterThan(10);
      console.info(
        `export.json of ${COMMENTS} comments: ${(json.text.length / 1e6).toFixed(1)} MB in ${json.chunks} chunks, ${batches} batches of at most ${largest}; heap ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB after (incl. the test's own copy)`,
      );

      batches = 0;
      const csv = await download(`/api/rounds/${roundId}/comments.csv`, () => batches);
      const rows = parseCsv(csv.text);
      expect(rows).toHaveLength(COMMENTS + 1);
      expect(rows.slice(1).every((r) => r[11].startsWith("'@comment number"))).toBe(true);
      expect(csv.batchesAtFirstByte).toBeLessThan(batches);
      expect(csv.items).toBe(COMMENTS);
    } finally {
      query.batches = original;
    }
  });
});
