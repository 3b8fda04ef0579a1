import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_EVENTS } from '../shared/events.js';
import type { ThreadListView, ThreadView } from '../shared/schemas/annotations.js';
import {
  createConsultation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './helpers/factories.js';
import { liveClient, type LiveClient } from './helpers/live.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';

const SECRET = 'Insulting words nobody should read again';

describe('Moderation: flags, the queue, hide and unhide with a public reason, the public log', () => {
  let t: TestApp;
  let author: SignedInUser;
  let flagger: SignedInUser;
  let chair: SignedInUser;
  let sec: SignedInUser;
  let consultationId: string;
  let roundId: string;
  let thread: ThreadView;
  let commentId: string;
  let publicRoom: LiveClient;
  let chairLive: LiveClient;

  beforeAll(async () => {
    t = await createTestApp();
    author = await createUser(t, { displayName: 'Author' });
    flagger = await createUser(t, { displayName: 'Flagger' });
    chair = await createUser(t, { displayName: 'Chair' });
    sec = await createUser(t, { displayName: 'Sec', platformRole: 'secretariat' });
    consultationId = (await createConsultation(t)).consultation.id;
    await grantRole(t, consultationId, chair.user.id, 'chair');
    roundId = (await createRound(t, consultationId)).id;
    thread = (
      await openThread(t, flagger.auth, roundId, { target: 'round', body: 'A calm opening remark.' }).expect(
        201,
      )
    ).body;
    const reply = await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', author.auth)
      .send({ body: SECRET })
      .expect(201);
    commentId = (reply.body as ThreadView).comments[1].id;
    publicRoom = await liveClient(t.url, consultationId);
    chairLive = await liveClient(t.url, consultationId, chair.token);
  });
  afterAll(async () => {
    publicRoom?.close();
    chairLive?.close();
    await t?.close();
  });

  it('lets a participant flag a comment with a reason, once; the moderators see it in their queue', async () => {
    await request(t.url)
      .post(`/api/comments/${commentId}/flags`)
      .set('Authorization', flagger.auth)
      .send({})
      .expect(400);
    await request(t.url)
      .post(`/api/comments/${commentId}/flags`)
      .set('Authorization', flagger.auth)
      .send({ reason: 'Personal attack' })
      .expect(201);
    await request(t.url)
      .post(`/api/comments/${commentId}/flags`)
      .set('Authorization', flagger.auth)
      .send({ reason: 'Personal attack, again' })
      .expect(201);
    await request(t.url)
      .post(`/api/comments/${commentId}/flags`)
      .set('Authorization', author.auth)
      .send({ reason: 'Flag myself' })
      .expect(409);
    await request(t.url)
      .get(`/api/consultations/${consultationId}/moderation/queue`)
      .set('Authorization', flagger.auth)
      .expect(403);
    const queue = await request(t.url)
      .get(`/api/consultations/${consultationId}/moderation/queue`)
      .set('Authorization', chair.auth)
      .expect(200);
    expect(queue.body).toHaveLength(1);
    expect(queue.body[0].comment).toMatchObject({ id: commentId, body: SECRET, openFlags: 1 });
    expect(queue.body[0].flags.map((f: { reason: string }) => f.reason)).toEqual(['Personal attack']);
    // The moderators hear of it live; the public room does not.
    await vi.waitFor(() =>
      expect(chairLive.received.some((e) => (e.payload as { change?: string }).change === 'flagged')).toBe(
        true,
      ),
    );
    expect(publicRoom.received.some((e) => (e.payload as { change?: string }).change === 'flagged')).toBe(
      false,
    );
  });

  it('hides with a public reason: everyone but the moderators sees the reason instead of the words', async () => {
    await request(t.url)
      .post(`/api/comments/${commentId}/hide`)
      .set('Authorization', flagger.auth)
      .send({ reason: 'Not a moderator' })
      .expect(403);
    await request(t.url)
      .post(`/api/comments/${commentId}/hide`)
      .set('Authorization', chair.auth)
      .send({ reason: '' })
      .expect(400);
    const hidden = await request(t.url)
      .post(`/api/comments/${commentId}/hide`)
      .set('Authorization', chair.auth)
      .send({ reason: 'Breaks the code of conduct (personal attack)' })
      .expect(200);
    expect((hidden.body as ThreadView).comments[1]).toMatchObject({ state: 'hidden', body: SECRET });
    await vi.waitFor(() =>
      expect(
        publicRoom.received.some(
          (e) =>
            e.name === SERVER_EVENTS.COMMENT_UPDATED && (e.payload as { change: string }).change === 'hidden',
        ),
      ).toBe(true),
    );
    // Nothing that reached the public room carries the words.
    expect(JSON.stringify(publicRoom.received)).not.toContain(SECRET);

    for (const who of [undefined, flagger, author]) {
      const req = request(t.url).get(`/api/rounds/${roundId}/threads`);
      if (who) req.set('Authorization', who.auth);
      const body = (await req.expect(200)).body as ThreadListView;
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(body.threads[0].comments[1]).toMatchObject({
        state: 'hidden',
        body: null,
        hiddenReason: 'Breaks the code of conduct (personal attack)',
      });
    }
    const forSec = (
      await request(t.url).get(`/api/rounds/${roundId}/threads`).set('Authorization', sec.auth).expect(200)
    ).body as ThreadListView;
    expect(forSec.threads[0].comments[1].body).toBe(SECRET);
    // Hidden words are not searchable by the public either.
    const search = await request(t.url)
      .get(`/api/rounds/${roundId}/comments/search`)
      .query({ q: 'Insulting' });
    expect(search.body).toHaveLength(0);
    // The decision answered the flag: the queue is empty.
    const queue = await request(t.url)
      .get(`/api/consultations/${consultationId}/moderation/queue`)
      .set('Authorization', sec.auth)
      .expect(200);
    expect(queue.body).toHaveLength(0);
    // The author cannot edit the hidden comment back into view.
    await request(t.url)
      .patch(`/api/comments/${commentId}`)
      .set('Authorization', author.auth)
      .send({ body: 'softened' })
      .expect(409);
  });

  it('unhides with a reason; both decisions are in the public log and the audit chain, nothing deleted', async () => {
    await request(t.url)
      .post(`/api/comments/${commentId}/unhide`)
      .set('Authorization', sec.auth)
      .send({ reason: 'On appeal: criticism of a position, not of a person' })
      .expect(200);
    const list = (await request(t.url).get(`/api/rounds/${roundId}/threads`).expect(200))
      .body as ThreadListView;
    expect(list.threads[0].comments[1]).toMatchObject({ state: 'visible', body: SECRET, hiddenReason: null });
    const log = await request(t.url).get(`/api/consultations/${consultationId}/moderation/log`).expect(200);
    expect(log.body.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['unhide', 'On appeal: criticism of a position, not of a person'],
      ['hide', 'Breaks the code of conduct (personal attack)'],
    ]);
    expect(JSON.stringify(log.body)).not.toContain(SECRET);
    const audit: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_events WHERE consultation_id = $1 ORDER BY id`,
      [consultationId],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['comment.flagged', 'comment.hidden', 'comment.unhidden']),
    );
    const rows: { n: string }[] = await t.db.query(
      `SELECT count(*) AS n FROM comments WHERE thread_id = $1`,
      [thread.id],
    );
    expect(Number(rows[0].n)).toBe(2);
  });

  it('keeps a restricted consultation’s moderation log from outsiders', async () => {
    const restricted = (await createConsultation(t, { visibility: 'restricted' })).consultation.id;
    await request(t.url).get(`/api/consultations/${restricted}/moderation/log`).expect(401);
    await request(t.url)
      .get(`/api/consultations/${restricted}/moderation/log`)
      .set('Authorization', flagger.auth)
      .expect(403);
  });
});
