import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summaryDocName } from '../shared/domain.js';
import { DocStore } from '../server/modules/collaboration/persistence/doc-store.service.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';
import { roundsApi } from './helpers/rounds-client.js';

/** Inputs that reached the database unchecked, found in review: each must be a clear 4xx, never a 500. */
describe('Hostile input found in review', () => {
  let t: TestApp;
  let secretariat: SignedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await createUser(t, { platformRole: 'secretariat' });
  });
  afterAll(() => t?.close());

  it('refuses NUL characters, which PostgreSQL cannot store, with a 400 naming the field', async () => {
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'a\u0000b@example.org', password: 'whatever password' })
      .expect(400);
    expect(login.body.message).toMatch(/email: must not contain NUL characters/);

    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const search = await request(t.url)
      .get(`/api/rounds/${round.id}/comments/search`)
      .query({ q: 'words\u0000' })
      .expect(400);
    expect(search.body.message).toMatch(/q: must not contain NUL characters/);

    const someone = await createUser(t);
    const thread = await openThread(t, someone.auth, round.id, {
      target: 'round',
      body: 'fine words\u0000',
    }).expect(400);
    expect(thread.body.message).toMatch(/NUL/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM threads WHERE round_id = $1`, [
      round.id,
    ]);
    expect(n).toBe(0);
  });

  it('answers a version number beyond any integer with 400, not a database error', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    for (const path of ['', '.md', '.html']) {
      const res = await request(t.url).get(`/api/rounds/${round.id}/summary/versions/99999999999${path}`);
      expect(res.status).toBe(400);
    }
  });

  it('answers a malformed refresh token with 401', async () => {
    const res = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: `${'-'.repeat(36)}.x` })
      .expect(401);
    expect(res.body.message).toMatch(/Invalid refresh token/);
  });

  it('takes a hidden comment’s words out of the notifications that quoted it', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const author = await createUser(t, { displayName: 'Thread Author' });
    const replier = await createUser(t, { displayName: 'Replier' });
    const thread = await openThread(t, author.auth, round.id, {
      target: 'round',
      body: 'Which group should report to the Council?',
    }).expect(201);
    const reply = await request(t.url)
      .post(`/api/threads/${thread.body.id}/comments`)
      .set('authorization', replier.auth)
      .send({ body: 'BUY CHEAP WATCHES here' })
      .expect(201);
    const before = await request(t.url)
      .get('/api/notifications')
      .set('authorization', author.auth)
      .expect(200);
    expect(JSON.stringify(before.body)).toContain('BUY CHEAP WATCHES');

    // A reply answers with the whole thread; the reply is its last comment.
    const replyId = (reply.body.comments as { id: string }[]).at(-1)!.id;
    await request(t.url)
      .post(`/api/comments/${replyId}/hide`)
      .set('authorization', secretariat.auth)
      .send({ reason: 'Advertising' })
      .expect(200);
    const after = await request(t.url)
      .get('/api/notifications')
      .set('authorization', author.auth)
      .expect(200);
    expect(JSON.stringify(after.body)).not.toContain('BUY CHEAP WATCHES');
    expect(JSON.stringify(after.body)).toContain('hidden by the moderators: Advertising');
    expect(after.body.items[0].params).toEqual({ actor: 'Replier', hiddenReason: 'Advertising' });
  });

  it('closes a round whose draft holds a shape the editor never writes (text straight under the root)', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const odd = new Y.Doc();
    odd.getXmlFragment('default').insert(0, [new Y.XmlText('loose text')]);
    await t.app.get(DocStore).append(summaryDocName(round.id), Y.encodeStateAsUpdate(odd), null);
    await roundsApi(t, secretariat.auth).closeRound(round.id).expect(200);
    const full = (
      await request(t.url)
        .get(`/api/rounds/${round.id}/record`)
        .set('authorization', secretariat.auth)
        .expect(200)
    ).body;
    expect(JSON.stringify(full.record.sections.draft)).toContain('loose text');
  });

  it('keeps the chairs’ unpublished summary out of the public closing record, which still verifies', async () => {
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const summary = new Y.Doc();
    summary
      .getXmlFragment('default')
      .insert(0, [new Y.XmlText('Working notes of the chairs, not for readers')]);
    await t.app.get(DocStore).append(summaryDocName(round.id), Y.encodeStateAsUpdate(summary), null);
    await roundsApi(t, secretariat.auth).closeRound(round.id).expect(200);

    const pub = (await request(t.url).get(`/api/rounds/${round.id}/record`).expect(200)).body;
    expect(JSON.stringify(pub)).not.toContain('Working notes of the chairs');
    const item = (pub.record.sections.draft as { id: string; redacted?: boolean }[]).find(
      (i) => i.id === summaryDocName(round.id),
    );
    expect(item).toMatchObject({ redacted: true });
    const full = (
      await request(t.url)
        .get(`/api/rounds/${round.id}/record`)
        .set('authorization', secretariat.auth)
        .expect(200)
    ).body;
    expect(JSON.stringify(full)).toContain('Working notes of the chairs');
    const verify = await request(t.url).get(`/api/rounds/${round.id}/verify`).expect(200);
    expect(verify.body.valid).toBe(true);
  });
});
