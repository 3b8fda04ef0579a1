import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVER_EVENTS } from '../shared/events.js';
import type { ThreadListView, ThreadView } from '../shared/schemas/annotations.js';
import type { PositionListView, PositionView } from '../shared/schemas/positions.js';
import {
  createConsultation,
  createOrganisation,
  createRound,
  createUser,
  type SignedInUser,
} from './helpers/factories.js';
import { liveClient, type LiveClient } from './helpers/live.js';
import { putPosition } from './helpers/positions.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { openThread } from './helpers/threads.js';
import { roundsApi } from './helpers/rounds-client.js';

describe('Position threads: each rationale can be discussed', () => {
  let t: TestApp;
  let alice: SignedInUser; // casts a position with a rationale
  let bob: SignedInUser; // discusses it
  let sec: SignedInUser;
  let consultationId: string;
  let optionIds: string[];
  let roundId: string;
  let alicePosition: PositionView;
  let live: LiveClient;

  beforeAll(async () => {
    t = await createTestApp();
    const cs = await createOrganisation(t, { stakeholderGroup: 'civil_society' });
    alice = await createUser(t, { displayName: 'Alice Civil', organisationId: cs.id });
    bob = await createUser(t, { displayName: 'Bob Gov', stakeholderGroup: 'government' });
    sec = await createUser(t, { displayName: 'Secretariat', platformRole: 'secretariat' });
    const { consultation, options } = await createConsultation(t);
    consultationId = consultation.id;
    optionIds = options.map((o) => o.id);
    roundId = (await createRound(t, consultationId)).id;
    alicePosition = (
      await putPosition(t, alice.auth, roundId, optionIds[0], {
        stance: 'oppose',
        rationale: 'Option A ignores landlocked countries.',
      }).expect(200)
    ).body as PositionView;
    live = await liveClient(t.url, consultationId); // an anonymous reader
  });
  afterAll(async () => {
    live?.close();
    await t?.close();
  });

  const openPositionThread = (who: SignedInUser, positionId: string, body = 'Which countries do you mean?') =>
    openThread(t, who.auth, roundId, { target: 'position', positionId, body });
  const rationales = async () =>
    ((await request(t.url).get(`/api/rounds/${roundId}/positions`).expect(200)).body as PositionListView)
      .items;

  it('lets a participant open a thread on another’s position, announced live, and reply to it', async () => {
    expect(alicePosition.id).toBeTruthy();
    const res = await openPositionThread(bob, alicePosition.id).expect(201);
    const thread = res.body as ThreadView;
    expect(thread).toMatchObject({
      target: 'position',
      positionId: alicePosition.id,
      optionId: optionIds[0],
      status: 'open',
      anchor: null,
      position: { id: alicePosition.id, stance: 'oppose', actorName: 'Alice Civil', withdrawn: false },
      author: { displayName: 'Bob Gov' },
    });
    await vi.waitFor(() =>
      expect(
        live.received.some(
          (e) =>
            e.name === SERVER_EVENTS.THREAD_UPDATED &&
            (e.payload as { threadId: string; change: string }).threadId === thread.id &&
            (e.payload as { change: string }).change === 'created',
        ),
      ).toBe(true),
    );
    await request(t.url)
      .post(`/api/threads/${thread.id}/comments`)
      .set('Authorization', alice.auth)
      .send({ body: 'Those without a coastline: 44 of them.' })
      .expect(201);

    const list = (await request(t.url).get(`/api/rounds/${roundId}/threads`).expect(200))
      .body as ThreadListView;
    const read = list.threads.find((x) => x.id === thread.id)!;
    expect(read).toMatchObject({ target: 'position', positionId: alicePosition.id });
    expect(read.comments.map((c) => c.body)).toEqual([
      'Which countries do you mean?',
      'Those without a coastline: 44 of them.',
    ]);
  });

  it('notifies the person who cast the position of a new thread on it', async () => {
    const notes = await request(t.url).get('/api/notifications').set('Authorization', alice.auth).expect(200);
    const items = (notes.body.items ?? notes.body) as { kind: string; text: string; threadId: string }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'reply',
          text: expect.stringMatching(/Bob Gov opened a thread on your position/),
        }),
      ]),
    );
    // Bob opened it and is not told about his own thread.
    const bobs = await request(t.url).get('/api/notifications').set('Authorization', bob.auth).expect(200);
    const bobItems = (bobs.body.items ?? bobs.body) as { text: string }[];
    expect(bobItems.some((n) => /opened a thread on your position/.test(n.text))).toBe(false);
  });

  it('counts the threads of each position in the rationales list', async () => {
    const bobPosition = (
      await putPosition(t, bob.auth, roundId, optionIds[0], {
        stance: 'support',
        rationale: 'It is simple.',
      }).expect(200)
    ).body as PositionView;
    await openPositionThread(alice, alicePosition.id, 'A second thread on my own position.').expect(201);
    const items = await rationales();
    expect(items.find((p) => p.id === alicePosition.id)?.threadCount).toBe(2);
    expect(items.find((p) => p.id === bobPosition.id)?.threadCount).toBe(0);
  });

  it('refuses unknown positions, another round’s, withdrawn ones, and malformed requests with a clear 4xx', async () => {
    const unknown = await openPositionThread(bob, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.message).toMatch(/position was not found/);

    const other = await createConsultation(t);
    const otherRound = await createRound(t, other.consultation.id);
    const elsewhere = (
      await putPosition(t, alice.auth, otherRound.id, other.options[0].id, { stance: 'support' }).expect(200)
    ).body as PositionView;
    const wrongRound = await openPositionThread(bob, elsewhere.id).expect(400);
    expect(wrongRound.body.message).toMatch(/not a position of this round/);

    await putPosition(t, alice.auth, roundId, optionIds[1], { stance: 'neutral' }).expect(200);
    const mine = (await rationales()).find(
      (p) => p.optionId === optionIds[1] && p.actorName === 'Alice Civil',
    )!;
    await request(t.url)
      .delete(`/api/rounds/${roundId}/options/${optionIds[1]}/position?capacity=personal`)
      .set('Authorization', alice.auth)
      .expect((r) => expect(r.status).toBeLessThan(300));
    const withdrawn = await openPositionThread(bob, mine.id).expect(409);
    expect(withdrawn.body).toMatchObject({ code: 'POSITION_WITHDRAWN' });
    expect(withdrawn.body.message).toMatch(/withdrawn/);

    const missing = await openThread(t, bob.auth, roundId, { target: 'position', body: 'On what?' }).expect(
      400,
    );
    expect(JSON.stringify(missing.body)).toMatch(/positionId/);
    await openThread(t, bob.auth, roundId, {
      target: 'round',
      positionId: alicePosition.id,
      body: 'Mixed up',
    }).expect(400);
    await openThread(t, null, roundId, {
      target: 'position',
      positionId: alicePosition.id,
      body: 'Anonymous',
    }).expect(401);
  });

  it('refuses position threads while the consultation hides positions until the close', async () => {
    const hidden = await createConsultation(t, { hideTalliesUntilClose: true });
    const round = await createRound(t, hidden.consultation.id);
    const p = (await putPosition(t, alice.auth, round.id, hidden.options[0].id, {}).expect(200))
      .body as PositionView;
    const res = await openThread(t, bob.auth, round.id, {
      target: 'position',
      positionId: p.id,
      body: 'Why?',
    }).expect(403);
    expect(res.body.message).toMatch(/hides positions until the round closes/);
  });

  it('freezes position threads into the closing record, refuses new ones after close, and does not carry them over', async () => {
    const option = await openThread(t, bob.auth, roundId, {
      target: 'option',
      optionId: optionIds[2],
      body: 'Option C deserves a look.',
    }).expect(201);
    await roundsApi(t, sec.auth).closeRound(roundId).expect(200);

    const closedAttempt = await openPositionThread(bob, alicePosition.id, 'Too late').expect(409);
    expect(closedAttempt.body).toMatchObject({ code: 'ROUND_CLOSED' });

    const record = await request(t.url)
      .get(`/api/rounds/${roundId}/record`)
      .set('Authorization', sec.auth)
      .expect(200);
    const frozen = (record.body.record.sections?.threads ?? record.body.record.threads) as {
      id: string;
      target: string;
      positionId: string | null;
    }[];
    const frozenPositionThreads = frozen.filter((x) => x.target === 'position');
    expect(frozenPositionThreads).toHaveLength(2);
    expect(frozenPositionThreads.every((x) => x.positionId === alicePosition.id)).toBe(true);

    const round2 = await request(t.url)
      .post(`/api/consultations/${consultationId}/rounds`)
      .set('Authorization', sec.auth)
      .send({})
      .expect(201);
    const next = (await request(t.url).get(`/api/rounds/${round2.body.id}/threads`).expect(200))
      .body as ThreadListView;
    expect(next.threads.map((x) => x.carriedFrom?.threadId)).toEqual([option.body.id]);
    expect(next.threads.some((x) => x.target === 'position')).toBe(false);
  });
});
