import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '../shared/schemas/annotations.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

describe('Annotations: bad input is refused clearly or stored as harmless text, never half-way', () => {
  let t: TestApp;
  let alice: SignedInUser;
  let roundId: string;
  let thread: ThreadView;
  const count = async (table: 'threads' | 'comments') =>
    Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    alice = await createUser(t, { displayName: 'Alice' });
    const { consultation } = await createConsultation(t);
    roundId = (await createRound(t, consultation.id)).id;
    thread = (await openThread(t, alice.auth, roundId, { target: 'round', body: 'first' }).expect(201)).body;
  });
  afterAll(() => t?.close());

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an empty body', { target: 'round', body: '' }, /body: must not be empty/],
    ['a body of spaces', { target: 'round', body: '   \n ' }, /body: must not be empty/],
    [
      'a 100,000-character body',
      { target: 'round', body: 'x'.repeat(100_000) },
      /body: must be at most 10,000/,
    ],
    ['a NUL character', { target: 'round', body: 'a\u0000b' }, /NUL characters/],
    ['an unknown field', { target: 'round', body: 'ok', html: '<b>x</b>' }, /unknown field: html/],
    ['an unknown target', { target: 'everything', body: 'ok' }, /target/],
    ['an option thread without option', { target: 'option', body: 'ok' }, /optionId: is required/],
    [
      'a mention of nobody',
      { target: 'round', body: 'ok', mentions: ['00000000-0000-4000-8000-000000000000'] },
      /mentions/,
    ],
    ['a mention that is not an id', { target: 'round', body: 'ok', mentions: ['bob'] }, /mentions/],
  ];
  for (const [what, body, message] of cases) {
    it(`refuses ${what} with a 400 that says why, storing nothing`, async () => {
      const [threads, comments] = [await count('threads'), await count('comments')];
      const res = await openThread(t, alice.auth, roundId, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect([await count('threads'), await count('comments')]).toEqual([threads, comments]);
    });
  }

  it('refuses an option of another consultation', async () => {
    const { options } = await createConsultation(t);
    const res = await openThread(t, alice.auth, roundId, {
      target: 'option',
      optionId: options[0].id,
      body: 'wrong option',
    }).expect(400);
    expect(res.body.message).toMatch(/not an option of this consultation/);
  });

  it('stores script tags and javascript: links as the plain text they are', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3))';
    const res = await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', alice.auth)
      .send({ body })
      .expect(201);
    expect((res.body as ThreadView).comments[1].body).toBe(body);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('refuses bad replies, edits and ids the same way', async () => {
    await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', alice.auth)
      .send({ body: 'y'.repeat(10_001) })
      .expect(400);
    await request(t.url)
      .patch(`/api/comments/${thread.comments[0].id}`)
      .set('Authorization', alice.auth)
      .send({ body: 'ok', author: 'someone else' })
      .expect(400);
    await request(t.url)
      .post(`/api/threads/not-a-uuid/comments`)
      .set('Authorization', alice.auth)
      .send({ body: 'ok' })
      .expect(400);
    await request(t.url)
      .post(`/api/threads/00000000-0000-4000-8000-000000000000/comments`)
      .set('Authorization', alice.auth)
      .send({ body: 'ok' })
      .expect(404);
    await request(t.url)
      .patch(`/api/threads/${thread.id}`)
      .set('Authorization', alice.auth)
      .send({ status: 'deleted' })
      .expect(400);
    await request(t.url)
      .post(`/api/comments/${thread.comments[0].id}/flags`)
      .set('Authorization', alice.auth)
      .send({ reason: 'r'.repeat(5000) })
      .expect(400);
    const list = await request(t.url).get(`/api/rounds/${roundId}/threads`).expect(200);
    expect(list.body.threads[0].comments[0].body).toBe('first');
  });
});
