import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_EVENTS } from '../shared/events.js';
import type { RoundClosingSoonPayload, RoundUpdatedPayload } from '../shared/schemas/rounds.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { RoundScheduler } from '../server/modules/rounds/round-scheduler.service.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { createConsultation, createRound, createUser, type SignedInUser } from './helpers/factories.js';
import { subscribeToConsultation as subscribe } from './helpers/live-client.js';
import { inMinutes, roundsApi } from './helpers/rounds-client.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const FAST = { ROUND_SCHEDULER_INTERVAL_MS: '150' };
const OFF = { ROUND_SCHEDULER_INTERVAL_MS: '0' };

const statusOf = async (t: TestApp, id: string) =>
  (await t.db.getRepository(Round).findOneByOrFail({ id })).status;
const closeEvents = async (t: TestApp, roundId: string) =>
  (await t.db.query(
    `SELECT payload FROM audit_events WHERE action = 'round.closed' AND payload->>'roundId' = $1`,
    [roundId],
  )) as { payload: { by: string; digest: string } }[];

describe('The round scheduler', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const sockets: Socket[] = [];
  const start = async (env: Record<string, string>) => {
    const t = await createTestApp({ database, env });
    apps.push(t);
    return t;
  };
  const stop = async (t: TestApp) => {
    apps.splice(apps.indexOf(t), 1);
    await t.close();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const t of apps.splice(0)) await t.close();
  });
  afterAll(() => database?.drop());

  it('opens a round when its time comes and closes it at its deadline, sealing the record', async () => {
    const t = await start(FAST);
    const sec: SignedInUser = await createUser(t, { platformRole: 'secretariat' });
    const { consultation } = await createConsultation(t);
    const events: { name: string; payload: unknown }[] = [];
    sockets.push(await subscribe(t, consultation.id, events));
    const created = (
      await roundsApi(t, sec.auth)
        .createRound(consultation.id, { opensAt: inMinutes(0.01), closesAt: inMinutes(0.05) })
        .expect(201)
    ).body;
    await expect.poll(() => statusOf(t, created.id), { timeout: 10_000 }).toBe('open');
    await expect.poll(() => statusOf(t, created.id), { timeout: 10_000 }).toBe('closed');
    const [closedEvent] = await closeEvents(t, created.id);
    expect(closedEvent.payload.by).toBe('deadline');
    expect((await roundsApi(t).verify(created.id).expect(200)).body.valid).toBe(true);
    await expect
      .poll(
        () =>
          events
            .filter((e) => e.name === SERVER_EVENTS.ROUND_UPDATED)
            .map((e) => (e.payload as RoundUpdatedPayload).change),
        { timeout: 5000 },
      )
      .toEqual(['created', 'opened', 'closed']);
  });

  it('closes at start-up a round whose deadline passed while no server was running', async () => {
    const first = await start(OFF);
    const { consultation } = await createConsultation(first);
    const round = await createRound(first, consultation.id, { closesAt: new Date(inMinutes(60)) });
    await stop(first);
    // While the server is down, the deadline passes.
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: database.url });
    await pg.connect();
    await pg.query(`UPDATE rounds SET closes_at = now() - interval '10 minutes' WHERE id = $1`, [round.id]);
    await pg.end();

    // A long interval: only the start-up pass can close it within the test.
    const restarted = await start({ ROUND_SCHEDULER_INTERVAL_MS: '600000' });
    await expect.poll(() => statusOf(restarted, round.id), { timeout: 10_000 }).toBe('closed');
    expect((await closeEvents(restarted, round.id))[0].payload.by).toBe('deadline');
    expect((await roundsApi(restarted).verify(round.id).expect(200)).body.valid).toBe(true);
  });

  it('closes each due round exactly once with two nodes polling the same database', async () => {
    const a = await start(OFF);
    const rounds: Round[] = [];
    for (let i = 0; i < 6; i++) {
      const { consultation } = await createConsultation(a);
      rounds.push(await createRound(a, consultation.id, { closesAt: new Date(inMinutes(60)) }));
    }
    await a.db.query(`UPDATE rounds SET closes_at = now() - interval '1 second' WHERE id = ANY($1)`, [
      rounds.map((r) => r.id),
    ]);
    const b = await start(OFF);
    // Both nodes run passes at the same moment, several times over.
    const sa = a.app.get(RoundScheduler);
    const sb = b.app.get(RoundScheduler);
    for (let i = 0; i < 3; i++) await Promise.all([sa.tick(), sb.tick()]);
    for (const r of rounds) {
      expect(await statusOf(a, r.id)).toBe('closed');
      expect(await closeEvents(a, r.id)).toHaveLength(1);
    }
  });

  it('announces "closing soon" once per notice, and again after the deadline moves', async () => {
    const t = await start(OFF);
    const sec = await createUser(t, { platformRole: 'secretariat' });
    const { consultation } = await createConsultation(t);
    const round = await createRound(t, consultation.id, { closesAt: new Date(inMinutes(30)) });
    const events: { name: string; payload: unknown }[] = [];
    sockets.push(await subscribe(t, consultation.id, events));
    const scheduler = t.app.get(RoundScheduler);
    await scheduler.tick();
    await scheduler.tick();
    const soon = () =>
      events
        .filter((e) => e.name === SERVER_EVENTS.ROUND_CLOSING_SOON)
        .map((e) => e.payload as RoundClosingSoonPayload);
    await expect.poll(() => soon().length, { timeout: 5000 }).toBe(1);
    expect(soon()[0]).toMatchObject({ round: { id: round.id }, minutesLeft: 30 });
    // Extended by two hours: the 24-hour notice is due again for the new deadline, the 1-hour one later.
    await roundsApi(t, sec.auth)
      .updateRound(round.id, { closesAt: inMinutes(150) })
      .expect(200);
    await scheduler.tick();
    await expect.poll(() => soon().length, { timeout: 5000 }).toBe(2);
    expect(soon()[1].minutesLeft).toBe(150);
    await scheduler.tick();
    expect(soon()).toHaveLength(2);
  });

  // F12: the sealed record survives a backup and restore into another database, byte for byte.
  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'verifies a closed round after its database is dumped and restored elsewhere',
    async () => {
      const t = await start(OFF);
      const sec = await createUser(t, { platformRole: 'secretariat' });
      const { consultation } = await createConsultation(t);
      const round = await createRound(t, consultation.id);
      await roundsApi(t, sec.auth).closeRound(round.id).expect(200);
      const digest = (await roundsApi(t).record(round.id).expect(200)).body.digest;
      await stop(t);

      const { execFileSync } = await import('node:child_process');
      const restored = await createTestDatabase();
      const dump = execFileSync('pg_dump', ['--no-owner', '--dbname', database.url], { maxBuffer: 64 << 20 });
      execFileSync('psql', ['--quiet', '--set', 'ON_ERROR_STOP=1', '--dbname', restored.url], {
        input: dump,
      });
      const copy = await createTestApp({ database: restored, env: OFF });
      try {
        const v = (await roundsApi(copy).verify(round.id).expect(200)).body;
        expect(v).toMatchObject({ valid: true, storedDigest: digest, recomputedDigest: digest });
      } finally {
        await copy.close();
        await restored.drop();
      }
    },
  );
});
