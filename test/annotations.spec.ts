import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_EVENTS } from '../shared/events.js';
import type { ThreadListView, ThreadView } from '../shared/schemas/annotations.js';
import {
  createConsultation,
  createOrganisation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
import { liveClient, type LiveClient } from './helpers/live.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

describe('Annotations: option and round threads, replies, edits, withdrawals, resolution', () => {
  let t: TestApp;
  let alice: SignedInUser; // participant, civil society
  let bob: SignedInUser; // participant, government
  let chair: SignedInUser;
  let sec: SignedInUser;
  let consultationId: string;
  let optionId: string;
  let roundId: string;
  let live: LiveClient;

  beforeAll(async () => {
    t = await createTestApp();
    const cs = await createOrganisation(t, { stakeholderGroup: 'civil_society' });
    alice = await createUser(t, { displayName: 'Alice Civil', organisationId: cs.id });
    bob = await createUser(t, { displayName: 'Bob Gov', stakeholderGroup: 'government' });
    chair = await createUser(t, { displayName: 'Chair Person' });
    sec = await createUser(t, { displayName: 'Secretariat', platformRole: 'secretariat' });
    const { consultation, options } = await createConsultation(t);
    consultationId = consultation.id;
    optionId = options[0].id;
    await grantRole(t, consultationId, chair.user.id, 'chair');
    roundId = (await createRound(t, consultationId)).id;
    live = await liveClient(t.url, consultationId); // an anonymous reader
  });
  afterAll(async () => {
    live?.close();
    await t?.close();
  });

  const threads = async (who?: SignedInUser) => {
    const req = request(t.url).get(`/api/rounds/${roundId}/threads`);
    if (who) req.set('Authorization', who.auth);
    return (await req.expect(200)).body as ThreadListView;
  };

  it('opens a thread on an option and one on the round, readable by anyone, announced live', async () => {
    const res = await openThread(t, alice.auth, roundId, {
      target: 'option',
      optionId,
      body: 'Option A leaves out small island states.',
    }).expect(201);
    const thread = res.body as ThreadView;
    expect(thread).toMatchObject({ target: 'option', optionId, status: 'open', anchor: null });
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({
      body: 'Option A leaves out small island states.',
      official: false,
      author: { displayName: 'Alice Civil', stakeholderGroup: 'civil_society' },
    });
    await openThread(t, bob.auth, roundId, {
      target: 'round',
      body: 'General remark on the whole round.',
    }).expect(201);
    await vi.waitFor(() =>
      expect(live.received.filter((e) => e.name === SERVER_EVENTS.THREAD_UPDATED)).toHaveLength(2),
    );
    expect(live.received[0].payload).toMatchObject({ roundId, threadId: thread.id, change: 'created' });
    const anonymous = await threads();
    expect(anonymous.threads.map((x) => x.target).sort()).toEqual(['option', 'round']);
  });

  it('lets others reply in a flat list; a chair’s reply carries the official badge; the author is notified', async () => {
    const [thread] = (await threads()).threads.filter((x) => x.target === 'option');
    await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', bob.auth)
      .send({ body: 'Agreed.\nSee https://itu.int/res102 for context.' })
      .expect(201);
    const res = await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', chair.auth)
      .send({ body: '@Alice Civil noted, we will look at it.', mentions: [alice.user.id] })
      .expect(201);
    const view = res.body as ThreadView;
    expect(view.comments.map((c) => [c.author?.displayName, c.official])).toEqual([
      ['Alice Civil', false],
      ['Bob Gov', false],
      ['Chair Person', true],
    ]);
    expect(view.comments[2].mentions).toEqual([{ id: alice.user.id, displayName: 'Alice Civil' }]);
    await vi.waitFor(() =>
      expect(live.received.filter((e) => e.name === SERVER_EVENTS.COMMENT_UPDATED)).toHaveLength(2),
    );
    const notes = await request(t.url).get('/api/notifications').set('Authorization', alice.auth).expect(200);
    // Bob's reply, and the chair's reply that also mentions her: one notification per comment, not two.
    expect(notes.body.unread).toBe(2);
    expect(notes.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['mention', 'reply']);
    const outbox: { to_address: string; sent_at: Date | null }[] = await t.db.query(
      `SELECT to_address, sent_at FROM email_outbox WHERE to_address = $1`,
      [alice.user.email],
    );
    expect(outbox).toHaveLength(2);
    expect(outbox.every((o) => o.sent_at === null)).toBe(true); // no SMTP configured: recorded, not sent
    await request(t.url)
      .post('/api/notifications/read')
      .set('Authorization', alice.auth)
      .send({})
      .expect(200);
    const after = await request(t.url).get('/api/notifications').set('Authorization', alice.auth).expect(200);
    expect(after.body.unread).toBe(0);
  });

  it('delivers a notification live to the person’s own sockets', async () => {
    const aliceLive = await liveClient(t.url, consultationId, alice.token);
    try {
      const [thread] = (await threads()).threads.filter((x) => x.target === 'option');
      await request(t.url)
        .post(`/api/threads/${thread.id}/comments`)
        .set('Authorization', sec.auth)
        .send({ body: 'The secretariat will add a footnote.' })
        .expect(201);
      await vi.waitFor(() =>
        expect(aliceLive.received.find((e) => e.name === SERVER_EVENTS.NOTIFICATION)?.payload).toMatchObject({
          kind: 'reply',
          threadId: thread.id,
        }),
      );
      expect(live.received.some((e) => e.name === SERVER_EVENTS.NOTIFICATION)).toBe(false);
    } finally {
      aliceLive.close();
    }
  });

  it('edits one’s own comment, keeping the earlier text as a revision, and shows it as edited', async () => {
    const [thread] = (await threads()).threads.filter((x) => x.target === 'option');
    const first = thread.comments[0];
    await request(t.url)
      .patch(`/api/comments/${first.id}`)
      .set('Authorization', bob.auth)
      .send({ body: 'Hijack!' })
      .expect(403);
    const res = await request(t.url)
      .patch(`/api/comments/${first.id}`)
      .set('Authorization', alice.auth)
      .send({ body: 'Option A leaves out small island developing states.' })
      .expect(200);
    const edited = (res.body as ThreadView).comments[0];
    expect(edited.body).toBe('Option A leaves out small island developing states.');
    expect(edited.editedAt).not.toBeNull();
    const revisions: { body: string }[] = await t.db.query(
      `SELECT body FROM comment_revisions WHERE comment_id = $1`,
      [first.id],
    );
    expect(revisions.map((r) => r.body)).toEqual(['Option A leaves out small island states.']);
    await vi.waitFor(() =>
      expect(
        live.received.some(
          (e) =>
            e.name === SERVER_EVENTS.COMMENT_UPDATED && (e.payload as { change: string }).change === 'edited',
        ),
      ).toBe(true),
    );
  });

  it('withdraws one’s own comment as a tombstone that keeps the thread readable', async () => {
    const [thread] = (await threads()).threads.filter((x) => x.target === 'option');
    const bobs = thread.comments.find((c) => c.author?.id === bob.user.id)!;
    const res = await request(t.url)
      .post(`/api/comments/${bobs.id}/withdraw`)
      .set('Authorization', bob.auth)
      .expect(200);
    const view = res.body as ThreadView;
    expect(view.comments).toHaveLength(4);
    expect(view.comments.find((c) => c.id === bobs.id)).toMatchObject({ state: 'withdrawn', body: null });
    await request(t.url)
      .patch(`/api/comments/${bobs.id}`)
      .set('Authorization', bob.auth)
      .send({ body: 'back again' })
      .expect(409);
  });

  it('resolves and reopens: the thread’s author and the chairs may, another participant may not', async () => {
    const [thread] = (await threads()).threads.filter((x) => x.target === 'option');
    await request(t.url)
      .patch(`/api/threads/${thread.id}`)
      .set('Authorization', bob.auth)
      .send({ status: 'resolved' })
      .expect(403);
    const resolved = await request(t.url)
      .patch(`/api/threads/${thread.id}`)
      .set('Authorization', chair.auth)
      .send({ status: 'resolved' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: { displayName: 'Chair Person' } });
    const reopened = await request(t.url)
      .patch(`/api/threads/${thread.id}`)
      .set('Authorization', alice.auth)
      .send({ status: 'open' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
    await vi.waitFor(() =>
      expect(
        live.received
          .filter((e) => e.name === SERVER_EVENTS.THREAD_UPDATED)
          .map((e) => (e.payload as { change: string }).change),
      ).toEqual(expect.arrayContaining(['resolved', 'reopened'])),
    );
    const audit: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_events WHERE consultation_id = $1 ORDER BY id`,
      [consultationId],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'thread.created',
        'comment.posted',
        'comment.edited',
        'comment.withdrawn',
        'thread.resolved',
        'thread.reopened',
      ]),
    );
  });

  it('returns only what changed since a reconnecting client’s last answer', async () => {
    const before = await threads();
    const [roundThread] = before.threads.filter((x) => x.target === 'round');
    // Wait past the overlap window of `asOf` so the unchanged thread falls outside it.
    const asOf = new Date(Date.now() + 1).toISOString();
    await request(t.url)
      .post(`/api/threads/${roundThread.id}/comments`)
      .set('Authorization', alice.auth)
      .send({ body: 'A reply made while you were away.' })
      .expect(201);
    const since = await request(t.url)
      .get(`/api/rounds/${roundId}/threads`)
      .query({ since: asOf })
      .expect(200);
    expect((since.body as ThreadListView).threads.map((x) => x.id)).toEqual([roundThread.id]);
    await request(t.url).get(`/api/rounds/${roundId}/threads`).query({ since: 'yesterday' }).expect(400);
  });

  it('searches the round’s comments, filtered by thread status, option and the author’s group', async () => {
    const hits = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'island states' })
      .expect(200);
    expect(hits.body).toHaveLength(1);
    expect(hits.body[0]).toMatchObject({ optionId, threadStatus: 'open' });
    expect(hits.body[0].excerpt).toContain('«island»');
    const byGroup = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'island', group: 'government' })
      .expect(200);
    expect(byGroup.body).toHaveLength(0);
    const civil = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'island', group: 'civil_society', status: 'open', optionId })
      .expect(200);
    expect(civil.body).toHaveLength(1);
    const resolvedOnly = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'island', status: 'resolved' })
      .expect(200);
    expect(resolvedOnly.body).toHaveLength(0);
    // Withdrawn words are gone from search.
    const withdrawn = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'Agreed' })
      .expect(200);
    expect(withdrawn.body).toHaveLength(0);
    await request(t.url).get(`/api/rounds/${roundId}/comments/search`).expect(400);
  });

  it('refuses anonymous writers, observers, and writes into a closed round', async () => {
    const observer = await createUser(t, { displayName: 'Observer' });
    await grantRole(t, consultationId, observer.user.id, 'observer');
    await openThread(t, null, roundId, { target: 'round', body: 'anonymous' }).expect(401);
    await openThread(t, observer.auth, roundId, { target: 'round', body: 'I only watch' }).expect(403);
    const closed = await createRound(t, consultationId, { status: 'closed', closedAt: new Date() });
    const res = await openThread(t, alice.auth, closed.id, { target: 'round', body: 'too late' }).expect(409);
    expect(res.body.code).toBe('ROUND_CLOSED');
  });

  const post = (who: SignedInUser, path: string, body: object = {}) =>
    request(t.url).post(`/api${path}`).set('Authorization', who.auth).send(body);
  /** A round thread Alice opens and Bob answers, as it reads after his reply. */
  async function threadWithReply(opening: string, reply: string) {
    const opened = (
      await post(alice, `/rounds/${roundId}/threads`, { target: 'round', body: opening }).expect(201)
    ).body as ThreadView;
    return (await post(bob, `/threads/${opened.id}/comments`, { body: reply }).expect(201))
      .body as ThreadView;
  }

  it('refuses a reply to a thread whose every comment was withdrawn, and keeps its tombstones', async () => {
    const opened = await threadWithReply('On reflection…', 'Go on.');
    await post(alice, `/comments/${opened.comments[0].id}/withdraw`).expect(200);
    // Bob's reply still stands, so the thread still takes replies.
    await post(chair, `/threads/${opened.id}/comments`, { body: 'Bob, do you want to go on?' }).expect(201);
    await post(bob, `/comments/${opened.comments[1].id}/withdraw`).expect(200);
    const chairs = (await threads()).threads.find((x) => x.id === opened.id)!.comments[2];
    await post(chair, `/comments/${chairs.id}/withdraw`).expect(200);

    const refused = await post(sec, `/threads/${opened.id}/comments`, { body: 'Anyone?' }).expect(409);
    expect(refused.body).toMatchObject({
      code: 'THREAD_WITHDRAWN',
      message: 'Every comment in this thread was withdrawn: it takes no more replies',
    });
    const kept = (await threads()).threads.find((x) => x.id === opened.id)!;
    expect(kept.comments.map((c) => [c.state, c.body])).toEqual([
      ['withdrawn', null],
      ['withdrawn', null],
      ['withdrawn', null],
    ]);
  });

  it('still takes replies while a hidden comment stands beside the withdrawn ones', async () => {
    const opened = await threadWithReply('A first thought.', 'Off topic.');
    await post(alice, `/comments/${opened.comments[0].id}/withdraw`).expect(200);
    await post(chair, `/comments/${opened.comments[1].id}/hide`, { reason: 'Off topic' }).expect(200);
    // Hidden is not withdrawn: Bob still stands behind what he said, so the thread is not closed.
    await post(sec, `/threads/${opened.id}/comments`, { body: 'Back to the question, please.' }).expect(201);
  });
});
