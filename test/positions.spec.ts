import { EventEmitter2 } from '@nestjs/event-emitter';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_EVENTS } from '../shared/events.js';
import type { TalliesView, TallyUpdatedEvent } from '../shared/schemas/positions.js';
import {
  ClosingRecordBuilder,
  ROUND_EVENTS,
  RoundClosed,
  RoundClosing,
} from '../server/modules/rounds/round-events.js';
import { emitInOrder } from '../server/common/emit-in-order.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import {
  createConsultation,
  createOrganisation,
  createRound,
  createUser,
  grantRole,
} from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Visible = Extract<TalliesView, { hidden: false }>;

async function tallies(t: TestApp, roundId: string, auth?: string): Promise<TalliesView> {
  const req = request(t.url).get(`/api/rounds/${roundId}/tallies`);
  if (auth) req.set('Authorization', auth);
  return (await req.expect(200)).body as TalliesView;
}

function optionTally(view: TalliesView, optionId: string) {
  if (view.hidden) throw new Error('tallies are hidden');
  const found = (view as Visible).options.find((o) => o.optionId === optionId);
  if (!found) throw new Error(`no tally for option ${optionId}`);
  return found.currencies;
}

describe('Positions and tallies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it("counts a focal point's position once for the organisation, however many members it has", async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const org = await createOrganisation(t, { stakeholderGroup: 'civil_society', region: 'africa' });
    const focal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
    const secondFocal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
    for (let i = 0; i < 3; i++) await createUser(t, { organisationId: org.id });

    await putPosition(t, focal.auth, round.id, options[0].id, {
      stance: 'support',
      capacity: 'organisation',
    }).expect(200);
    const res = await putPosition(t, secondFocal.auth, round.id, options[0].id, {
      stance: 'support_with_changes',
      capacity: 'organisation',
      rationale: 'With a sunset clause',
    }).expect(200);
    expect(res.body).toMatchObject({
      actorKey: `org:${org.id}`,
      actorName: org.name,
      castById: secondFocal.user.id,
      stance: 'support_with_changes',
      version: 2,
    });

    const c = optionTally(await tallies(t, round.id), options[0].id);
    expect(c.organisations.all.total).toEqual({ support: 0, support_with_changes: 1, neutral: 0, oppose: 0 });
    expect(c.organisations.all.by.group.civil_society.support_with_changes).toBe(1);
    expect(c.organisations.all.by.region.africa.support_with_changes).toBe(1);
    expect(c.people.all.total).toEqual({ support: 0, support_with_changes: 0, neutral: 0, oppose: 0 });

    const list = await request(t.url).get(`/api/rounds/${round.id}/positions`).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      castByName: secondFocal.user.displayName,
      capacity: 'organisation',
    });
  });

  it('keeps one organisation position when two focal points speak at the same moment', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const org = await createOrganisation(t);
    const a = await createUser(t, { organisationId: org.id, isFocalPoint: true });
    const b = await createUser(t, { organisationId: org.id, isFocalPoint: true });
    const answers = await Promise.all([
      putPosition(t, a.auth, round.id, options[0].id, {
        stance: 'support',
        capacity: 'organisation',
        preferred: true,
      }),
      putPosition(t, b.auth, round.id, options[1].id, {
        stance: 'neutral',
        capacity: 'organisation',
        preferred: true,
      }),
      putPosition(t, b.auth, round.id, options[0].id, { stance: 'oppose', capacity: 'organisation' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const rows: { option_id: string; preferred: boolean }[] = await t.db.query(
      `SELECT option_id, preferred FROM positions WHERE round_id = $1 AND actor_key = $2`,
      [round.id, `org:${org.id}`],
    );
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.preferred).length).toBeLessThanOrEqual(1);
    const c = optionTally(await tallies(t, round.id), options[0].id);
    expect(c.organisations.all.total.support + c.organisations.all.total.oppose).toBe(1);
  });

  it('refuses a member who is not a focal point when they speak for the organisation', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const org = await createOrganisation(t);
    const member = await createUser(t, { organisationId: org.id, isFocalPoint: false });
    const res = await putPosition(t, member.auth, round.id, options[0].id, {
      capacity: 'organisation',
    }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.message).toContain(`Only a focal point of ${org.name} may speak for it`);
    // They may still speak for themselves.
    await putPosition(t, member.auth, round.id, options[0].id, { capacity: 'personal' }).expect(200);
  });

  it('counts personal-capacity positions in the people currency only', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const org = await createOrganisation(t, {
      membership: 'sector_member',
      stakeholderGroup: 'private_sector',
    });
    const focal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
    const person = await createUser(t, {
      stakeholderGroup: 'academic_technical',
      membership: 'non_member',
      region: 'asia_pacific',
      country: 'JP',
    });
    await putPosition(t, person.auth, round.id, options[1].id, { stance: 'oppose' }).expect(200);
    // The focal point speaks twice: once for the organisation, once in their own name.
    await putPosition(t, focal.auth, round.id, options[1].id, {
      stance: 'neutral',
      capacity: 'organisation',
    }).expect(200);
    await putPosition(t, focal.auth, round.id, options[1].id, {
      stance: 'oppose',
      capacity: 'personal',
    }).expect(200);

    const c = optionTally(await tallies(t, round.id), options[1].id);
    expect(c.people.all.total).toEqual({ support: 0, support_with_changes: 0, neutral: 0, oppose: 2 });
    expect(c.organisations.all.total).toEqual({ support: 0, support_with_changes: 0, neutral: 1, oppose: 0 });
    expect(c.people.all.by.group.academic_technical.oppose).toBe(1);
    // The focal point's own voice is classified by their organisation (the same rule as their membership).
    expect(c.people.all.by.group.private_sector.oppose).toBe(1);
    // Members-only view: the non-member person drops out, the sector member's people stay.
    expect(c.people.members.total.oppose).toBe(1);
    expect(c.people.members.by.membership.non_member).toBeUndefined();
    expect(c.people.all.by.membership.non_member.oppose).toBe(1);
  });

  it('keeps every earlier version when a position changes, and moves the tally', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const person = await createUser(t, { stakeholderGroup: 'government', region: 'europe' });
    const first = await putPosition(t, person.auth, round.id, options[0].id, {
      stance: 'support',
      rationale: 'First thoughts',
      preferred: true,
    }).expect(200);
    expect(optionTally(await tallies(t, round.id), options[0].id).people.all.total.support).toBe(1);

    await putPosition(t, person.auth, round.id, options[0].id, {
      stance: 'oppose',
      rationale: 'Changed my mind',
    }).expect(200);
    const afterView = (await tallies(t, round.id)) as Visible;
    // Every committed change moves the version, so a client can tell the newer of two tallies.
    expect(afterView.version).toBe(2);
    const after = optionTally(afterView, options[0].id).people.all.total;
    expect(after.support).toBe(0);
    expect(after.oppose).toBe(1);

    const history = await request(t.url)
      .get(`/api/rounds/${round.id}/positions/${first.body.id}/revisions`)
      .expect(200);
    expect(
      history.body.revisions.map((r: { version: number; stance: string; rationale: string }) => ({
        version: r.version,
        stance: r.stance,
        rationale: r.rationale,
      })),
    ).toEqual([
      { version: 1, stance: 'support', rationale: 'First thoughts' },
      { version: 2, stance: 'oppose', rationale: 'Changed my mind' },
    ]);

    // Withdrawing removes it from the tally and keeps the history too.
    await request(t.url)
      .delete(`/api/rounds/${round.id}/options/${options[0].id}/position?capacity=personal`)
      .set('Authorization', person.auth)
      .expect(204);
    expect(optionTally(await tallies(t, round.id), options[0].id).people.all.total.oppose).toBe(0);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM position_revisions WHERE position_id = $1 AND withdrawn`,
      [first.body.id],
    );
    expect(count).toBe(1);
    const audit: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_events WHERE consultation_id = $1 ORDER BY id`,
      [consultation.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['position.taken', 'position.changed', 'position.withdrawn']);
  });

  it('keeps one preferred option per actor: choosing another clears the first', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const person = await createUser(t);
    await putPosition(t, person.auth, round.id, options[0].id, { preferred: true }).expect(200);
    await putPosition(t, person.auth, round.id, options[1].id, { preferred: true }).expect(200);
    const mine = await request(t.url)
      .get(`/api/rounds/${round.id}/positions/mine`)
      .set('Authorization', person.auth)
      .expect(200);
    const preferred = Object.fromEntries(
      (mine.body.personal as { optionId: string; preferred: boolean }[]).map((p) => [
        p.optionId,
        p.preferred,
      ]),
    );
    expect(preferred).toEqual({ [options[0].id]: false, [options[1].id]: true });
    // Clearing the first preference is itself a change, kept in that position's history.
    const first = (mine.body.personal as { id: string; optionId: string }[]).find(
      (p) => p.optionId === options[0].id,
    )!;
    const history: { preferred: boolean }[] = await t.db.query(
      `SELECT preferred FROM position_revisions WHERE position_id = $1 ORDER BY version`,
      [first.id],
    );
    expect(history.map((h) => h.preferred)).toEqual([true, false]);
  });

  it('enforces the rationale rules of the consultation', async () => {
    const { consultation, options } = await createConsultation(t, {
      rationaleRequired: true,
      rationaleMaxLength: 20,
    });
    const round = await createRound(t, consultation.id);
    const person = await createUser(t);
    const missing = await putPosition(t, person.auth, round.id, options[0].id, { rationale: '  ' }).expect(
      400,
    );
    expect(missing.body.message).toMatch(/asks for a rationale/);
    expect(missing.body.fields).toEqual([
      { field: 'rationale', rule: 'required', message: expect.any(String) },
    ]);
    const long = await putPosition(t, person.auth, round.id, options[0].id, {
      rationale: 'x'.repeat(21),
    }).expect(400);
    expect(long.body.message).toMatch(/at most 20 characters/);
    expect(long.body.fields).toEqual([
      { field: 'rationale', rule: 'too_long', limit: 20, message: expect.any(String) },
    ]);
    const bad = await putPosition(t, person.auth, round.id, options[0].id, {
      stance: 'maybe' as never,
      rationale: 'ok',
    }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.fields).toEqual([{ field: 'stance', rule: 'invalid', message: expect.any(String) }]);
    await putPosition(t, person.auth, round.id, options[0].id, { rationale: 'Short and clear' }).expect(200);
  });

  it('refuses positions from non-members in a members-only consultation with a clear 403', async () => {
    const { consultation, options } = await createConsultation(t, { participation: 'members_only' });
    const round = await createRound(t, consultation.id);
    const outsider = await createUser(t, { membership: 'non_member' });
    const res = await putPosition(t, outsider.auth, round.id, options[0].id, {}).expect(403);
    expect(res.body.message).toMatch(/Only ITU members take positions in this consultation/);
    const memberOrg = await createOrganisation(t, { membership: 'member_state' });
    const delegate = await createUser(t, { organisationId: memberOrg.id, isFocalPoint: true });
    await putPosition(t, delegate.auth, round.id, options[0].id, { capacity: 'organisation' }).expect(200);
  });

  it('lets neither the secretariat nor a chair take positions, nor an anonymous reader', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const sec = await createUser(t, { platformRole: 'secretariat' });
    const chair = await createUser(t);
    await grantRole(t, consultation.id, chair.user.id, 'chair');
    expect((await putPosition(t, sec.auth, round.id, options[0].id, {}).expect(403)).body.message).toMatch(
      /secretariat takes no positions/,
    );
    expect((await putPosition(t, chair.auth, round.id, options[0].id, {}).expect(403)).body.message).toMatch(
      /Chairs are neutral/,
    );
    await request(t.url)
      .put(`/api/rounds/${round.id}/options/${options[0].id}/position`)
      .send({ stance: 'support' })
      .expect(401);
  });

  it('hides tallies and positions from everyone but the secretariat until the round closes', async () => {
    const { consultation, options } = await createConsultation(t, { hideTalliesUntilClose: true });
    const round = await createRound(t, consultation.id);
    const person = await createUser(t);
    const sec = await createUser(t, { platformRole: 'secretariat' });
    await putPosition(t, person.auth, round.id, options[0].id, { stance: 'support' }).expect(200);

    for (const auth of [undefined, person.auth]) {
      const view = await tallies(t, round.id, auth);
      expect(view).toMatchObject({ hidden: true });
      expect(JSON.stringify(view)).not.toMatch(/"support":/);
      const list = await request(t.url)
        .get(`/api/rounds/${round.id}/positions`)
        .set(auth ? { Authorization: auth } : {})
        .expect(200);
      expect(list.body).toMatchObject({ hidden: true, items: [] });
      const csv = await request(t.url)
        .get(`/api/rounds/${round.id}/positions.csv`)
        .set(auth ? { Authorization: auth } : {})
        .expect(403);
      expect(csv.body.message).toMatch(/hides positions and tallies until the round closes/);
    }
    // The participant still sees their own position.
    const mine = await request(t.url)
      .get(`/api/rounds/${round.id}/positions/mine`)
      .set('Authorization', person.auth)
      .expect(200);
    expect(mine.body.personal).toHaveLength(1);
    const historyUrl = `/api/rounds/${round.id}/positions/${mine.body.personal[0].id}/revisions`;
    await request(t.url).get(historyUrl).set('Authorization', person.auth).expect(200);
    await request(t.url).get(historyUrl).expect(403);
    // The secretariat sees the numbers.
    expect(optionTally(await tallies(t, round.id, sec.auth), options[0].id).people.all.total.support).toBe(1);

    // Once closed, everyone does.
    await t.db.getRepository(Round).update(round.id, { status: 'closed', closedAt: new Date() });
    expect(optionTally(await tallies(t, round.id), options[0].id).people.all.total.support).toBe(1);
  });

  it('keeps a restricted consultation’s tallies from readers who are not enrolled', async () => {
    const { consultation, options } = await createConsultation(t, { visibility: 'restricted' });
    const round = await createRound(t, consultation.id);
    const enrolled = await createUser(t);
    await grantRole(t, consultation.id, enrolled.user.id, 'participant');
    await putPosition(t, enrolled.auth, round.id, options[0].id, { stance: 'support' }).expect(200);
    const stranger = await createUser(t);
    await request(t.url).get(`/api/rounds/${round.id}/tallies`).expect(401);
    await request(t.url)
      .get(`/api/rounds/${round.id}/tallies`)
      .set('Authorization', stranger.auth)
      .expect(404);
    await request(t.url)
      .get(`/api/rounds/${round.id}/positions.csv`)
      .set('Authorization', stranger.auth)
      .expect(404);
    await putPosition(t, stranger.auth, round.id, options[0].id, {}).expect(404);
    expect(
      optionTally(await tallies(t, round.id, enrolled.auth), options[0].id).people.all.total.support,
    ).toBe(1);
  });

  it('refuses positions before the round opens, on a retired option, and on an option of another consultation', async () => {
    const { consultation, options } = await createConsultation(t);
    const other = await createConsultation(t);
    const scheduled = await createRound(t, consultation.id, { status: 'scheduled', openedAt: null });
    const person = await createUser(t);
    const early = await putPosition(t, person.auth, scheduled.id, options[0].id, {}).expect(409);
    expect(early.body.message).toMatch(/not open yet/);
    await t.db.getRepository(Round).update(scheduled.id, { status: 'open', openedAt: new Date() });
    await t.db.query(`UPDATE options SET retired_at = now() WHERE id = $1`, [options[2].id]);
    const retired = await putPosition(t, person.auth, scheduled.id, options[2].id, {}).expect(409);
    expect(retired.body.message).toMatch(/retired/);
    await putPosition(t, person.auth, scheduled.id, other.options[0].id, {}).expect(404);
    await putPosition(t, person.auth, scheduled.id, 'not-a-uuid', {}).expect(400);
  });

  it('freezes everything once the round is closed: 409 ROUND_CLOSED', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const person = await createUser(t);
    await putPosition(t, person.auth, round.id, options[0].id, { stance: 'support' }).expect(200);
    await t.db.getRepository(Round).update(round.id, { status: 'closed', closedAt: new Date() });

    const change = await putPosition(t, person.auth, round.id, options[0].id, { stance: 'oppose' }).expect(
      409,
    );
    expect(change.body.code).toBe('ROUND_CLOSED');
    const fresh = await putPosition(t, person.auth, round.id, options[1].id, { stance: 'oppose' }).expect(
      409,
    );
    expect(fresh.body.code).toBe('ROUND_CLOSED');
    const withdraw = await request(t.url)
      .delete(`/api/rounds/${round.id}/options/${options[0].id}/position`)
      .set('Authorization', person.auth)
      .expect(409);
    expect(withdraw.body.code).toBe('ROUND_CLOSED');
    expect(optionTally(await tallies(t, round.id), options[0].id).people.all.total.support).toBe(1);
  });

  it('adds a canonical positions section, sorted by id, to the closing record', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const a = await createUser(t);
    const b = await createUser(t);
    await putPosition(t, a.auth, round.id, options[0].id, { stance: 'support', preferred: true }).expect(200);
    await putPosition(t, b.auth, round.id, options[0].id, { stance: 'oppose', rationale: 'No' }).expect(200);
    await putPosition(t, b.auth, round.id, options[2].id, { stance: 'neutral' }).expect(200);

    const events = t.app.get(EventEmitter2);
    const close = () =>
      t.db.transaction(async (manager) => {
        const locked = await manager.getRepository(Round).findOneByOrFail({ id: round.id });
        locked.status = 'closed';
        await manager.getRepository(Round).save(locked);
        const record = new ClosingRecordBuilder();
        await emitInOrder(events, ROUND_EVENTS.CLOSING, new RoundClosing(locked, manager, record));
        return record;
      });
    const record = await close();
    const items = record.sections.positions as {
      id: string;
      actor: string;
      stance: string;
      preferred: boolean;
    }[];
    expect(items).toHaveLength(3);
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort());
    expect(items.find((i) => i.actor === `user:${a.user.id}`)).toMatchObject({
      stance: 'support',
      preferred: true,
    });
    expect(record.counts.positions).toBe(3);
    expect(record.counts.positionsByOption).toEqual({ [options[0].id]: 2, [options[2].id]: 1 });
    // Gathering again gives the same content: the section is deterministic.
    expect((await close()).sections.positions).toEqual(items);
  });

  describe('live', () => {
    const sockets: Socket[] = [];
    afterAll(() => sockets.forEach((s) => s.disconnect()));

    async function viewer(consultationId: string, token?: string) {
      const s = io(t.url, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true });
      sockets.push(s);
      const received: { name: string; payload: unknown }[] = [];
      s.onAny((name: string, payload: unknown) => received.push({ name, payload }));
      await new Promise<void>((resolve, reject) => {
        s.once('connect_error', reject);
        s.once('connect', () => s.emit('subscribe', { consultationId }, () => resolve()));
      });
      return received;
    }

    it('sends the new tally to a socket.io viewer after a change', async () => {
      const { consultation, options } = await createConsultation(t);
      const round = await createRound(t, consultation.id);
      const received = await viewer(consultation.id);
      const person = await createUser(t);
      await putPosition(t, person.auth, round.id, options[2].id, { stance: 'neutral' }).expect(200);
      // The position's own "hidden" hint may still be on its way when the viewer subscribes: look for the
      // update that the close published.
      const published = () =>
        received
          .filter((e) => e.name === SERVER_EVENTS.TALLY_UPDATED)
          .map((e) => e.payload as TallyUpdatedEvent)
          .find((p) => !p.hidden);
      await expect.poll(published).toMatchObject({ roundId: round.id, hidden: false });
      const update = published()!;
      if (update.hidden) throw new Error('unexpected hidden update');
      expect(optionTally(update.tallies, options[2].id).people.all.total.neutral).toBe(1);
      expect(received.some((e) => e.name === SERVER_EVENTS.POSITION_UPDATED)).toBe(true);
    });

    it("tells the organisation's members, and only them, that its position changed", async () => {
      const { consultation, options } = await createConsultation(t);
      const round = await createRound(t, consultation.id);
      const org = await createOrganisation(t);
      const focal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
      const colleague = await createUser(t, { organisationId: org.id });
      const stranger = await createUser(t);
      const colleagueEvents = await viewer(consultation.id, colleague.token);
      const strangerEvents = await viewer(consultation.id, stranger.token);
      await putPosition(t, focal.auth, round.id, options[0].id, { capacity: 'organisation' }).expect(200);
      const yours = (events: typeof colleagueEvents) =>
        events.filter(
          (e) => e.name === SERVER_EVENTS.POSITION_UPDATED && (e.payload as { yours?: boolean }).yours,
        ).length;
      await expect.poll(() => yours(colleagueEvents)).toBe(1);
      await expect
        .poll(() => strangerEvents.filter((e) => e.name === SERVER_EVENTS.POSITION_UPDATED).length)
        .toBe(1);
      expect(yours(strangerEvents)).toBe(0);
    });

    it('never broadcasts hidden numbers, only a hint to refetch', async () => {
      const { consultation, options } = await createConsultation(t, { hideTalliesUntilClose: true });
      const round = await createRound(t, consultation.id);
      const sec = await createUser(t, { platformRole: 'secretariat' });
      const publicViewer = await viewer(consultation.id);
      const secViewer = await viewer(consultation.id, sec.token);
      const person = await createUser(t);
      await putPosition(t, person.auth, round.id, options[0].id, {
        stance: 'oppose',
        rationale: 'secret-rationale',
      }).expect(200);
      for (const received of [publicViewer, secViewer]) {
        await expect
          .poll(() => received.find((e) => e.name === SERVER_EVENTS.TALLY_UPDATED)?.payload)
          .toEqual({ consultationId: consultation.id, roundId: round.id, hidden: true });
        const wire = JSON.stringify(received);
        expect(wire).not.toContain('oppose');
        expect(wire).not.toContain('secret-rationale');
      }
    });

    it('publishes hidden tallies to every viewer the moment the round closes', async () => {
      const { consultation, options } = await createConsultation(t, { hideTalliesUntilClose: true });
      const round = await createRound(t, consultation.id);
      const person = await createUser(t);
      await putPosition(t, person.auth, round.id, options[1].id, { stance: 'support' }).expect(200);
      const received = await viewer(consultation.id);
      await t.db.getRepository(Round).update(round.id, { status: 'closed', closedAt: new Date() });
      const closed = await t.db.getRepository(Round).findOneByOrFail({ id: round.id });
      t.app.get(EventEmitter2).emit(ROUND_EVENTS.CLOSED, new RoundClosed(closed));
      // The position's own "hidden" hint may still be on its way when the viewer subscribes: look for the
      // update that the close published.
      const published = () =>
        received
          .filter((e) => e.name === SERVER_EVENTS.TALLY_UPDATED)
          .map((e) => e.payload as TallyUpdatedEvent)
          .find((p) => !p.hidden);
      await expect.poll(published).toMatchObject({ roundId: round.id, hidden: false });
      const update = published()!;
      if (update.hidden) throw new Error('still hidden after close');
      expect(optionTally(update.tallies, options[1].id).people.all.total.support).toBe(1);
    });
  });
});
