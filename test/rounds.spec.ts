import { createHash } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../shared/canonical-json.js';
import { SERVER_EVENTS } from '../shared/events.js';
import { decide } from '../server/modules/policy/policy.js';
import { ConsultationAccess } from '../server/modules/consultations/consultation-access.service.js';
import {
  ROUND_EVENTS,
  type RoundClosing,
  type RoundCreatingFromPrevious,
} from '../server/modules/rounds/round-events.js';
import { lockRoundForWrite } from '../server/modules/rounds/round-lock.js';
import { createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';
import { inMinutes, roundsApi } from './helpers/rounds-client.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { subscribeToConsultation } from './helpers/live-client.js';
import { openThread } from './helpers/threads.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The digest recipe of the export, written from its description only (canonicalJson is the one shared piece). */
function recomputeDigest(record: Record<string, unknown>): string {
  const itemHash = (item: { redacted?: boolean; hash?: string }) =>
    item?.redacted === true ? item.hash! : sha256(canonicalJson(item));
  const sections = Object.fromEntries(
    Object.entries(record.sections as Record<string, unknown>).map(([name, items]) => [
      name,
      Array.isArray(items) ? items.map(itemHash) : itemHash(items as object),
    ]),
  );
  const { version, roundId, consultationId, number, closedAt } = record;
  return sha256(canonicalJson({ version, roundId, consultationId, number, closedAt, sections }));
}

describe('Consultations and rounds', () => {
  let t: TestApp;
  let sec: SignedInUser;
  let participant: SignedInUser;
  let chair: SignedInUser;
  let api: ReturnType<typeof roundsApi>;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
    participant = await createUser(t, { displayName: 'Pat Participant' });
    chair = await createUser(t, { displayName: 'Chris Chair' });
    api = roundsApi(t, sec.auth);
  });
  afterAll(() => t?.close());

  async function newConsultation(over: object = {}) {
    const res = await api
      .createConsultation({
        title: 'Where should the group sit?',
        question: 'Which home for the group?',
        options: [{ label: 'Alpha', description: 'The first way' }, { label: 'Beta' }, { label: 'Gamma' }],
        ...over,
      })
      .expect(201);
    return res.body as { id: string; options: { id: string; label: string }[] };
  }

  describe('consultations', () => {
    it('lets the secretariat create one with options and chairs, which readers see as upcoming', async () => {
      const c = await newConsultation({ chairIds: [chair.user.id], chairsMayTakePositions: true });
      expect(c).toMatchObject({ status: 'upcoming', chairsMayTakePositions: true, optionCount: 3 });
      expect((c as unknown as { chairs: unknown[] }).chairs).toEqual([
        { userId: chair.user.id, displayName: 'Chris Chair' },
      ]);
      const anon = await roundsApi(t).getConsultation(c.id).expect(200);
      expect(anon.body.options.map((o: { label: string }) => o.label)).toEqual(['Alpha', 'Beta', 'Gamma']);
    });

    it('refuses creation by a participant (403), anonymously (401) and with unknown fields (400)', async () => {
      const body = { title: 'x', question: 'y' };
      expect((await roundsApi(t, participant.auth).createConsultation(body)).status).toBe(403);
      expect((await roundsApi(t).createConsultation(body)).status).toBe(401);
      const bad = await api.createConsultation({ ...body, createdById: participant.user.id }).expect(400);
      expect(bad.body.message).toContain('createdById');
    });

    it('edits settings and chairs, and the chairs flag reaches the policy', async () => {
      const c = await newConsultation();
      const res = await api
        .updateConsultation(c.id, {
          title: 'A better title',
          hideTalliesUntilClose: true,
          chairIds: [chair.user.id],
        })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'A better title', hideTalliesUntilClose: true });
      const access = t.app.get(ConsultationAccess);
      const principal = {
        userId: chair.user.id,
        sessionId: 's',
        displayName: 'c',
        platformRole: 'user' as const,
        organisationId: null,
        isFocalPoint: false,
        membership: null,
      };
      const before = await access.context(principal, c.id);
      expect(decide(principal, 'position.take', before.ctx).allowed).toBe(false);
      await api.updateConsultation(c.id, { chairsMayTakePositions: true }).expect(200);
      const after = await access.context(principal, c.id);
      expect(decide(principal, 'position.take', after.ctx).allowed).toBe(true);
      expect((await roundsApi(t, participant.auth).updateConsultation(c.id, { title: 'Mine' })).status).toBe(
        403,
      );
    });

    it("gives a round's context in one read: each person's own role, and no closing record on the round", async () => {
      const c = await newConsultation({ chairIds: [chair.user.id] });
      const round = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(round.id).expect(200);
      await api.closeRound(round.id).expect(200);
      const access = t.app.get(ConsultationAccess);
      const as = (u: SignedInUser) => ({
        userId: u.user.id,
        sessionId: 's',
        displayName: u.user.displayName,
        platformRole: 'user' as const,
        organisationId: null,
        isFocalPoint: false,
        membership: null,
      });
      const ofChair = await access.roundContext(as(chair), round.id);
      expect(ofChair.ctx).toMatchObject({ role: 'chair', round: { status: 'closed', number: 1 } });
      expect(ofChair.consultation.id).toBe(c.id);
      // The record is large and has endpoints of its own; nothing the query joined stays on the round.
      expect(ofChair.round.closingRecord).toBeUndefined();
      expect(Object.keys(ofChair.round)).not.toEqual(expect.arrayContaining(['consultation']));
      expect(Object.keys(ofChair.round)).not.toEqual(expect.arrayContaining(['grant']));
      expect(ofChair.round.closingDigest).toMatch(/^[0-9a-f]{64}$/);
      expect((await access.roundContext(as(participant), round.id)).ctx.role).toBeNull();
      expect((await access.roundContext(null, round.id)).ctx.role).toBeNull();
      await expect(access.roundContext(null, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
        'The round was not found',
      );
      // The API answers as before: the record is still there for those who ask for it.
      expect((await roundsApi(t).getRound(round.id).expect(200)).body.status).toBe('closed');
      expect((await roundsApi(t).record(round.id).expect(200)).body.digest).toBe(ofChair.round.closingDigest);
    });
  });

  describe('options', () => {
    it('are added, edited, reordered and retired while no round is open', async () => {
      const c = await newConsultation();
      const [a, b, g] = c.options;
      const d = (await api.addOption(c.id, { label: 'Delta', description: 'A fourth way' }).expect(201)).body;
      await api.updateOption(c.id, a.id, { label: 'Alpha (revised)' }).expect(200);
      await api.reorderOptions(c.id, [d.id, g.id, b.id, a.id]).expect(200);
      await api.updateOption(c.id, b.id, { retired: true }).expect(200);
      const view = (await api.getConsultation(c.id).expect(200)).body;
      expect(view.options.map((o: { label: string; retired: boolean }) => [o.label, o.retired])).toEqual([
        ['Delta', false],
        ['Gamma', false],
        ['Beta', true],
        ['Alpha (revised)', false],
      ]);
      const bad = await api.reorderOptions(c.id, [d.id, g.id]).expect(400);
      expect(bad.body.message).toMatch(/every option/);
    });

    it('are refused with 409 and a clear message while a round is open', async () => {
      const c = await newConsultation();
      const round = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(round.id).expect(200);
      for (const res of [
        await api.addOption(c.id, { label: 'Late' }),
        await api.updateOption(c.id, c.options[0].id, { label: 'Changed' }),
        await api.updateOption(c.id, c.options[0].id, { retired: true }),
        await api.reorderOptions(
          c.id,
          [...c.options].reverse().map((o) => o.id),
        ),
      ]) {
        expect(res.status).toBe(409);
        expect(res.body.message).toMatch(/Round 1 is open: options can change only while no round is open/);
      }
    });

    it('keep their wording once on record in a round, but may be retired after it', async () => {
      const c = await newConsultation();
      const round = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(round.id).expect(200);
      await api.closeRound(round.id).expect(200);
      const res = await api.updateOption(c.id, c.options[0].id, { label: 'Rewritten' }).expect(409);
      expect(res.body.message).toMatch(/on record in round 1/);
      await api.updateOption(c.id, c.options[0].id, { retired: true }).expect(200);
      expect((await api.verify(round.id).expect(200)).body.valid).toBe(true);
    });
  });

  describe('the round state machine', () => {
    it('goes scheduled → open → closed and refuses every illegal transition with ILLEGAL_TRANSITION', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id, { closesAt: inMinutes(60) }).expect(201)).body;
      expect(r).toMatchObject({ number: 1, status: 'scheduled', draftDoc: `round.${r.id}.draft` });

      const expectIllegal = async (
        res: { status: number; body: { code: string; message: string } },
        why: RegExp,
      ) => {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ILLEGAL_TRANSITION');
        expect(res.body.message).toMatch(why);
      };
      await expectIllegal(await api.closeRound(r.id), /has not opened yet/);
      expect((await api.openRound(r.id).expect(200)).body.status).toBe('open');
      await expectIllegal(await api.openRound(r.id), /already open/);
      const next = await api.createRound(c.id).expect(409);
      expect(next.body.message).toMatch(/Round 1 is still open; close it first/);

      // A second round put straight into the database: the machine still allows one open round only.
      const other = await createRound(t, c.id, { status: 'scheduled', openedAt: null });
      await expectIllegal(await api.openRound(other.id), /Round 1 of this consultation is open/);
      await t.db.query(`DELETE FROM rounds WHERE id = $1`, [other.id]);

      expect((await api.closeRound(r.id).expect(200)).body.status).toBe('closed');
      await expectIllegal(await api.closeRound(r.id), /already closed/);
      await expectIllegal(await api.openRound(r.id), /never reopens/);
      const patch = await api.updateRound(r.id, { closesAt: inMinutes(120) }).expect(409);
      expect(patch.body.code).toBe('ROUND_CLOSED');
      expect((await api.getConsultation(c.id)).body.status).toBe('concluded');
    });

    it('refuses round management to anyone but the secretariat', async () => {
      const c = await newConsultation();
      expect((await roundsApi(t, participant.auth).createRound(c.id)).status).toBe(403);
      expect((await roundsApi(t).createRound(c.id)).status).toBe(401);
      const r = (await api.createRound(c.id).expect(201)).body;
      expect((await roundsApi(t, participant.auth).openRound(r.id)).status).toBe(403);
      expect((await roundsApi(t).getRound(r.id).expect(200)).body.summaryDoc).toBe(`round.${r.id}.summary`);
    });

    it('extends and shortens an open round’s deadline, never into the past', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id, { closesAt: inMinutes(60) }).expect(201)).body;
      await api.openRound(r.id).expect(200);
      const later = inMinutes(60 * 48);
      expect((await api.updateRound(r.id, { closesAt: later }).expect(200)).body.closesAt).toBe(later);
      const sooner = inMinutes(30);
      expect((await api.updateRound(r.id, { closesAt: sooner }).expect(200)).body.closesAt).toBe(sooner);
      const past = await api.updateRound(r.id, { closesAt: inMinutes(-1) }).expect(400);
      expect(past.body.message).toMatch(/deadline must be in the future/);
      const opens = await api.updateRound(r.id, { opensAt: inMinutes(5) }).expect(409);
      expect(opens.body.message).toMatch(/only its deadline can still change/);
      expect((await api.getRound(r.id)).body.closesAt).toBe(sooner);
    });

    it('opens with a deadline given in the same request, on record as a reschedule; a bad one is refused and nothing changes', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      const unchanged = async () => {
        expect((await api.getRound(r.id)).body).toMatchObject({ status: 'scheduled', closesAt: null });
        const actions = (await api.auditLog(c.id)).body.map((e: { action: string }) => e.action);
        expect(actions.filter((a: string) => a.startsWith('round.'))).toEqual(['round.created']);
      };

      const past = await api.openRound(r.id, { closesAt: inMinutes(-5) }).expect(400);
      expect(past.body.message).toBe('closesAt: the deadline must be in the future');
      await unchanged();
      const garbled = await api.openRound(r.id, { closesAt: 'next Friday' }).expect(400);
      expect(garbled.body.message).toBe('closesAt: must be an ISO 8601 date-time');
      await unchanged();
      const unknown = await api.openRound(r.id, { opensAt: inMinutes(5) }).expect(400);
      expect(unknown.body.message).toBe('unknown field: opensAt');
      await unchanged();

      const deadline = inMinutes(60 * 24);
      const opened = (await api.openRound(r.id, { closesAt: deadline }).expect(200)).body;
      expect(opened).toMatchObject({ status: 'open', closesAt: deadline });
      expect((await api.getRound(r.id)).body).toMatchObject({ status: 'open', closesAt: deadline });
      const log = (await api.auditLog(c.id)).body as { action: string; payload: Record<string, unknown> }[];
      const rounds = log.filter((e) => e.action.startsWith('round.'));
      expect(rounds.map((e) => e.action)).toEqual(['round.created', 'round.rescheduled', 'round.opened']);
      expect(rounds[1].payload).toMatchObject({
        roundId: r.id,
        before: { closesAt: null },
        after: { closesAt: deadline },
      });
      expect(rounds[2].payload).toMatchObject({ roundId: r.id, closesAt: deadline, by: 'secretariat' });
    });

    it('opens now with a deadline before the planned opening date, or with the deadline taken away', async () => {
      const early = await newConsultation();
      const planned = (
        await api.createRound(early.id, { opensAt: inMinutes(120), closesAt: inMinutes(180) }).expect(201)
      ).body;
      const sooner = inMinutes(60);
      expect((await api.openRound(planned.id, { closesAt: sooner }).expect(200)).body.closesAt).toBe(sooner);

      const open = await newConsultation();
      const r = (await api.createRound(open.id, { closesAt: inMinutes(60) }).expect(201)).body;
      expect((await api.openRound(r.id, { closesAt: null }).expect(200)).body.closesAt).toBeNull();
    });

    it('starts a new round from the previous one, announcing it inside the transaction', async () => {
      const c = await newConsultation();
      const first = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(first.id).expect(200);
      await api.closeRound(first.id).expect(200);
      const seen: { round: number; previous: number; inTransaction: boolean }[] = [];
      const emitter = t.app.get(EventEmitter2);
      const listener = (e: RoundCreatingFromPrevious) => {
        seen.push({
          round: e.round.number,
          previous: e.previous.number,
          inTransaction: !!e.manager.queryRunner?.isTransactionActive,
        });
      };
      emitter.on(ROUND_EVENTS.CREATING_FROM_PREVIOUS, listener);
      try {
        const second = (await api.createRound(c.id).expect(201)).body;
        expect(second.number).toBe(2);
        expect(seen).toEqual([{ round: 2, previous: 1, inTransaction: true }]);
        expect((await api.getConsultation(c.id)).body.status).toBe('closed');
      } finally {
        emitter.off(ROUND_EVENTS.CREATING_FROM_PREVIOUS, listener);
      }
    });
  });

  it('lists what changed between the previous round and the next one', async () => {
    const c = await newConsultation();
    const first = (await api.createRound(c.id).expect(201)).body;
    await api.openRound(first.id).expect(200);
    await api.closeRound(first.id).expect(200);
    const delta = (await api.addOption(c.id, { label: 'Delta' }).expect(201)).body;
    await api.updateOption(c.id, c.options[1].id, { retired: true }).expect(200);
    await api.updateConsultation(c.id, { question: 'Which home, now?' }).expect(200);
    const second = (await api.createRound(c.id).expect(201)).body;
    await api.openRound(second.id).expect(200);
    await api.updateConsultation(c.id, { description: 'Said after the opening' }).expect(200);
    const changes = (await roundsApi(t).get(`/api/rounds/${second.id}/changes`).expect(200)).body;
    expect(
      changes.map((ch: { action: string; option: { label: string } | null; fields: string[] }) => [
        ch.action,
        ch.option?.label ?? ch.fields.join(),
      ]),
    ).toEqual([
      ['option.added', 'Delta'],
      ['option.retired', 'Beta'],
      ['consultation.updated', 'question'],
    ]);
    expect(changes[0].option.id).toBe(delta.id);
    expect((await roundsApi(t).get(`/api/rounds/${first.id}/changes`).expect(200)).body).toEqual([]);
  });

  describe('closing', () => {
    it('seals a record whose digest anyone recomputes from the export', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id, { closesAt: inMinutes(90) }).expect(201)).body;
      await api.openRound(r.id).expect(200);
      const closed = (await api.closeRound(r.id).expect(200)).body;
      expect(closed.closingDigest).toMatch(/^[0-9a-f]{64}$/);

      const exported = (await roundsApi(t).record(r.id).expect(200)).body;
      expect(exported.digest).toBe(closed.closingDigest);
      const { record } = exported;
      expect(record).toMatchObject({
        version: 1,
        roundId: r.id,
        consultationId: c.id,
        number: 1,
        closedAt: closed.closedAt,
      });
      expect(record.sections.options.map((o: { label: string }) => o.label)).toEqual([
        'Alpha',
        'Beta',
        'Gamma',
      ]);
      expect(record.sections.round[0]).toMatchObject({ id: r.id, number: 1, closedAt: closed.closedAt });
      expect(record.counts.options).toBe(3);
      // Recomputed from the JSON alone, following the documented recipe, as an outside reader would.
      expect(exported.digestOf).toEqual([
        'version',
        'roundId',
        'consultationId',
        'number',
        'closedAt',
        'sections',
      ]);
      expect(exported.redactedItems).toBe(0);
      expect(recomputeDigest(record)).toBe(exported.digest);

      const audit = (await api.auditLog(c.id).expect(200)).body as {
        action: string;
        payload: { digest?: string };
      }[];
      expect(audit.find((e) => e.action === 'round.closed')?.payload.digest).toBe(exported.digest);
      expect((await roundsApi(t).verify(r.id).expect(200)).body).toMatchObject({
        valid: true,
        firstDifference: null,
      });
    });

    it('names the tampered option when a stored label is changed after the close', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      await api.closeRound(r.id).expect(200);
      const beta = c.options.find((o) => o.label === 'Beta')!;
      await t.db.query(`UPDATE options SET label = 'Beta (quietly changed)' WHERE id = $1`, [beta.id]);
      const v = (await api.verify(r.id).expect(200)).body;
      expect(v.valid).toBe(false);
      expect(v.recordMatchesDigest).toBe(true);
      expect(v.recomputedDigest).not.toBe(v.storedDigest);
      expect(v.firstDifference).toEqual({
        section: 'options',
        itemId: beta.id,
        reason: 'item content differs',
      });
    });

    it('adds every module’s section inside the transaction, and changes nothing if one listener throws', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      const emitter = t.app.get(EventEmitter2);
      // Probe sections with names no module uses, so the real modules' sections stay as they are.
      const failing = async (e: RoundClosing) => {
        e.record.add('probe-threads', [{ id: 'thread-1', body: 'half-written' }], { probeThreads: 1 });
        throw new Error('threads module failed to freeze');
      };
      emitter.on(ROUND_EVENTS.CLOSING, failing);
      try {
        const res = await api.closeRound(r.id);
        expect(res.status).toBe(500);
        expect(res.body).toMatchObject({ code: 'CLOSE_FAILED' });
        expect(res.body.message).toMatch(/nothing changed, it is still open/);
      } finally {
        emitter.off(ROUND_EVENTS.CLOSING, failing);
      }
      const [row] = await t.db.query(
        `SELECT status, closed_at, closing_record, closing_digest FROM rounds WHERE id = $1`,
        [r.id],
      );
      expect(row).toEqual({ status: 'open', closed_at: null, closing_record: null, closing_digest: null });
      const events = await t.db.query(
        `SELECT 1 FROM audit_events WHERE action = 'round.closed' AND payload->>'roundId' = $1`,
        [r.id],
      );
      expect(events).toHaveLength(0);

      const threads = async (e: RoundClosing) => {
        e.record.add('probe-threads', [{ id: 'thread-1', body: 'final', purpose: undefined }], {
          probeThreads: 1,
        });
      };
      emitter.on(ROUND_EVENTS.CLOSING, threads);
      try {
        await api.closeRound(r.id).expect(200);
        const { record } = (await api.record(r.id).expect(200)).body;
        expect(record.sections['probe-threads']).toEqual([{ id: 'thread-1', body: 'final' }]);
        expect(record.counts.probeThreads).toBe(1);
        expect((await api.verify(r.id).expect(200)).body.valid).toBe(true);
      } finally {
        emitter.off(ROUND_EVENTS.CLOSING, threads);
      }
    });

    it('withholds what readers may not see from the public export, which still recomputes to the digest', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      type Comment = { id: string; authorId: string; body: string; state: 'visible' | 'hidden' };
      const comments: Comment[] = [
        { id: 'c1', authorId: participant.user.id, body: 'In favour of Alpha', state: 'visible' },
        { id: 'c2', authorId: participant.user.id, body: 'Something defamatory', state: 'hidden' },
      ];
      const emitter = t.app.get(EventEmitter2);
      const listener = async (e: RoundClosing) => {
        e.record.add(
          'probe-comments',
          comments,
          { probeComments: 2 },
          {
            publicView: (item: Comment) =>
              item.state === 'hidden'
                ? { state: 'hidden' }
                : { id: item.id, body: item.body, state: item.state },
          },
        );
      };
      emitter.on(ROUND_EVENTS.CLOSING, listener);
      try {
        await api.closeRound(r.id).expect(200);
        const pub = (await roundsApi(t).record(r.id).expect(200)).body;
        expect(pub.redactedItems).toBe(2);
        // Only the hidden comment's content is withheld; the other is public but for its author's account id.
        expect(pub).toMatchObject({ withheldItems: 1, accountIdsLeftOut: 1 });
        expect(pub.record.sections['probe-comments']).toEqual([
          {
            id: 'c1',
            body: 'In favour of Alpha',
            state: 'visible',
            redacted: true,
            hash: sha256(canonicalJson(comments[0])),
          },
          { id: 'c2', state: 'hidden', redacted: true, hash: sha256(canonicalJson(comments[1])) },
        ]);
        expect(JSON.stringify(pub)).not.toContain('defamatory');
        expect(JSON.stringify(pub)).not.toContain(participant.user.id);
        expect('redactions' in pub.record).toBe(false);
        expect(recomputeDigest(pub.record)).toBe(pub.digest);

        const full = (await api.record(r.id).expect(200)).body;
        expect(full).toMatchObject({ redactedItems: 0, withheldItems: 0, accountIdsLeftOut: 0 });
        expect(full.record.sections['probe-comments']).toEqual(comments);
        expect(recomputeDigest(full.record)).toBe(full.digest);
        expect((await api.verify(r.id).expect(200)).body.valid).toBe(true);
      } finally {
        emitter.off(ROUND_EVENTS.CLOSING, listener);
      }
    });

    it('counts as withheld only what readers may not read, not items published without their account ids', async () => {
      /** A round with a thread of two comments and a position, closed; the reply hidden first if asked. */
      const closedRound = async ({ hideReply }: { hideReply: boolean }) => {
        const c = await newConsultation();
        const r = (await api.createRound(c.id).expect(201)).body;
        await api.openRound(r.id).expect(200);
        const thread = await openThread(t, participant.auth, r.id, {
          target: 'round',
          body: 'Alpha keeps the group close to the Council.',
        }).expect(201);
        const replied = await request(t.url)
          .post(`/api/threads/${thread.body.id}/comments`)
          .set('Authorization', participant.auth)
          .send({ body: 'Something defamatory about a delegate.' })
          .expect(201);
        await putPosition(t, participant.auth, r.id, c.options[0].id, {
          rationale: 'Closest to the Council.',
        }).expect(200);
        if (hideReply)
          await request(t.url)
            .post(`/api/comments/${replied.body.comments.at(-1).id}/hide`)
            .set('Authorization', sec.auth)
            .send({ reason: 'Personal attack' })
            .expect(200);
        await api.closeRound(r.id).expect(200);
        return (await roundsApi(t).record(r.id).expect(200)).body;
      };

      // Nothing hidden: the thread, both comments and the position are public, without their account ids.
      const open = await closedRound({ hideReply: false });
      expect(open).toMatchObject({ withheldItems: 0, accountIdsLeftOut: 4, redactedItems: 4 });
      expect(JSON.stringify(open.record)).toContain('Something defamatory about a delegate.');
      expect(JSON.stringify(open.record)).not.toContain(participant.user.id);
      expect(recomputeDigest(open.record)).toBe(open.digest);

      // The reply hidden by moderation: that comment, and only it, is withheld.
      const hidden = await closedRound({ hideReply: true });
      expect(hidden).toMatchObject({ withheldItems: 1, accountIdsLeftOut: 3, redactedItems: 4 });
      expect(JSON.stringify(hidden.record)).not.toContain('defamatory');
      expect(JSON.stringify(hidden.record)).toContain('Alpha keeps the group close to the Council.');
      expect(recomputeDigest(hidden.record)).toBe(hidden.digest);
    });

    it('aborts the close when a module listener fails quietly and adds nothing (Nest swallows its error)', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      const emitter = t.app.get(EventEmitter2);
      const swallowed = async (_e: RoundClosing) => {
        // What @OnEvent does by default with a listener that throws: log and carry on.
      };
      emitter.on(ROUND_EVENTS.CLOSING, swallowed);
      try {
        expect((await api.closeRound(r.id)).body).toMatchObject({ statusCode: 500, code: 'CLOSE_FAILED' });
      } finally {
        emitter.off(ROUND_EVENTS.CLOSING, swallowed);
      }
      expect((await api.getRound(r.id)).body).toMatchObject({ status: 'open', closingDigest: null });
    });

    it('refuses every later write into the closed round with ROUND_CLOSED', async () => {
      const c = await newConsultation();
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      await api.closeRound(r.id).expect(200);
      const patch = await api.updateRound(r.id, { closesAt: inMinutes(10) }).expect(409);
      expect(patch.body).toMatchObject({ code: 'ROUND_CLOSED' });
      expect(patch.body.message).toMatch(
        /Round 1 is closed: its draft, threads and positions are frozen on record/,
      );
      await expect(t.db.transaction((tx) => lockRoundForWrite(tx, r.id))).rejects.toMatchObject({
        code: 'ROUND_CLOSED',
      });
    });

    it.runIf(!!process.env.TEST_DATABASE_URL)(
      'waits for a write in flight, then refuses later writes: nothing lands in between',
      async () => {
        const c = await newConsultation();
        const r = (await api.createRound(c.id).expect(201)).body;
        await api.openRound(r.id).expect(200);
        const order: string[] = [];
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const write = t.db.transaction(async (tx) => {
          await lockRoundForWrite(tx, r.id);
          locked();
          await held;
          order.push('write committed');
        });
        await isLocked;
        const closing = api.closeRound(r.id).then((res) => {
          order.push('closed');
          return res;
        });
        // The close waits on the write's FOR SHARE lock: PostgreSQL shows it blocked, the round still open.
        await expect
          .poll(async () => {
            const [row] = await t.db.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return row.n;
          })
          .toBe(1);
        expect((await api.getRound(r.id)).body.status).toBe('open');
        expect(order).toEqual([]);
        release();
        await write;
        expect((await closing).status).toBe(200);
        expect(order).toEqual(['write committed', 'closed']);
        await expect(t.db.transaction((tx) => lockRoundForWrite(tx, r.id))).rejects.toMatchObject({
          code: 'ROUND_CLOSED',
        });
      },
    );

    it('keeps the record of a restricted consultation from readers without access', async () => {
      const c = await newConsultation({ visibility: 'restricted' });
      const r = (await api.createRound(c.id).expect(201)).body;
      await api.openRound(r.id).expect(200);
      await api.closeRound(r.id).expect(200);
      expect((await roundsApi(t).record(r.id)).status).toBe(401);
      expect((await roundsApi(t, participant.auth).record(r.id)).status).toBe(403);
    });
  });

  describe('the audit log', () => {
    it('records every change by a person, shows the public part to readers and all of it to the secretariat', async () => {
      const c = await newConsultation({ chairIds: [chair.user.id] });
      await api.updateConsultation(c.id, { description: 'Now with context' }).expect(200);
      await api.addOption(c.id, { label: 'Delta' }).expect(201);
      const r = (await api.createRound(c.id, { closesAt: inMinutes(60) }).expect(201)).body;
      await api.openRound(r.id).expect(200);
      await api.updateRound(r.id, { closesAt: inMinutes(120) }).expect(200);
      await api.closeRound(r.id).expect(200);
      const all = (await api.auditLog(c.id).expect(200)).body as {
        action: string;
        actor: string;
        actorId?: string;
      }[];
      expect(all.map((e) => e.action)).toEqual([
        'consultation.created',
        'consultation.chairsChanged',
        'consultation.updated',
        'option.added',
        'round.created',
        'round.opened',
        'round.deadlineChanged',
        'round.closed',
      ]);
      expect(all.every((e) => e.actor === 'Sam Secretariat' && e.actorId === sec.user.id)).toBe(true);
      const pub = (await roundsApi(t).auditLog(c.id).expect(200)).body as {
        action: string;
        actorId?: string;
      }[];
      expect(pub.map((e) => e.action)).not.toContain('consultation.chairsChanged');
      expect(pub.map((e) => e.action)).toContain('round.closed');
      expect(pub.some((e) => 'actorId' in e)).toBe(false);
    });

    it('verifies the chain and names the first broken link after one row is tampered with', async () => {
      const c = await newConsultation();
      expect((await api.verifyAudit().expect(200)).body.valid).toBe(true);
      expect((await roundsApi(t, participant.auth).verifyAudit()).status).toBe(403);
      const [target] = await t.db.query(
        `SELECT id FROM audit_events WHERE consultation_id = $1 AND action = 'consultation.created'`,
        [c.id],
      );
      await t.db.query(
        `UPDATE audit_events SET payload = jsonb_set(payload, '{title}', '"Forged"') WHERE id = $1`,
        [target.id],
      );
      const v = (await api.verifyAudit().expect(200)).body;
      expect(v).toMatchObject({
        valid: false,
        firstBrokenEventId: String(target.id),
        reason: 'content does not match its hash',
      });
    });
  });

  describe('live events', () => {
    it('reach everyone viewing the consultation after each change commits', async () => {
      const c = await newConsultation();
      const events: { name: string; payload: unknown }[] = [];
      const socket = await subscribeToConsultation(t, c.id, events);
      try {
        await api.updateConsultation(c.id, { title: 'Live title' }).expect(200);
        await api.addOption(c.id, { label: 'Delta' }).expect(201);
        const r = (await api.createRound(c.id, { closesAt: inMinutes(60) }).expect(201)).body;
        await api.openRound(r.id).expect(200);
        await api.updateRound(r.id, { closesAt: inMinutes(90) }).expect(200);
        await api.closeRound(r.id).expect(200);
        const summary = () =>
          events
            .filter(
              (e) => e.name === SERVER_EVENTS.ROUND_UPDATED || e.name === SERVER_EVENTS.CONSULTATION_UPDATED,
            )
            .map((e) => `${e.name}:${(e.payload as { change: string }).change}`);
        await expect
          .poll(summary, { timeout: 5000 })
          .toEqual([
            'consultation.updated:settings',
            'consultation.updated:options',
            'round.updated:created',
            'round.updated:opened',
            'round.updated:deadlineChanged',
            'round.updated:closed',
          ]);
        const closed = events.at(-1)!.payload as { round: { status: string; closingDigest: string } };
        expect(closed.round).toMatchObject({
          status: 'closed',
          closingDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      } finally {
        socket.disconnect();
      }
    });
  });
});
