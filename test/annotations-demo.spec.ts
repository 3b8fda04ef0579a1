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
});
