import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadListView } from '../shared/schemas/annotations.js';
import type { StanceCounts, TalliesView } from '../shared/schemas/positions.js';
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

  it('dates every seeded thread, comment and position inside its round: after it opened, before it closed', async () => {
    const rows: { what: string; at: Date; opened_at: Date | null; closed_at: Date | null }[] = await t.db
      .query(`
        SELECT x.what, x.at, r.opened_at, r.closed_at
          FROM (SELECT 'thread' AS what, round_id, created_at AS at FROM threads
                UNION ALL SELECT 'comment', round_id, created_at FROM comments
                UNION ALL SELECT 'position', round_id, created_at FROM positions
                UNION ALL SELECT 'position changed', round_id, updated_at FROM positions
                UNION ALL SELECT 'position revision', p.round_id, v.created_at
                  FROM position_revisions v JOIN positions p ON p.id = v.position_id) x
          JOIN rounds r ON r.id = x.round_id`);
    expect(new Set(rows.map((r) => r.what))).toEqual(
      new Set(['thread', 'comment', 'position', 'position changed', 'position revision']),
    );
    const outside = rows.filter(
      (r) => !r.opened_at || r.at < r.opened_at || r.at > (r.closed_at ?? new Date()),
    );
    expect(outside).toEqual([]);
  });

  it('dates each demo position, and its history, when its actor spoke: one actor after another', async () => {
    const rows: { actor_key: string; created_at: Date; updated_at: Date; revised_at: Date }[] = await t.db
      .query(`
        SELECT p.actor_key, p.created_at, p.updated_at, v.created_at AS revised_at
          FROM positions p JOIN position_revisions v ON v.position_id = p.id
         ORDER BY p.created_at`);
    // One revision each: nothing was changed after it was said.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM positions`);
    expect(rows).toHaveLength(n);
    for (const r of rows) {
      expect(r.updated_at).toEqual(r.created_at);
      expect(r.revised_at).toEqual(r.created_at);
    }
    // Eight actors, each speaking at a moment of their own, never interleaved with another's.
    const actors = rows.map((r) => r.actor_key).filter((k, i, all) => all[i - 1] !== k);
    expect(actors).toHaveLength(8);
    expect(new Set(actors).size).toBe(8);
    expect(new Set(rows.map((r) => r.created_at.getTime())).size).toBe(rows.length);
  });

  it('shows a first visitor where stakeholders stand: groups and regions that disagree, and who is silent', async () => {
    const [demo] = (await request(t.url).get('/api/consultations').expect(200)).body;
    const tallies = (await request(t.url).get(`/api/rounds/${demo.currentRound.id}/tallies`).expect(200))
      .body as TalliesView;
    if (tallies.hidden) throw new Error('the demo round hides its tallies');
    const heard = (counts: Record<string, StanceCounts>) =>
      Object.entries(counts)
        .filter(([, c]) => Object.values(c).some((n) => n > 0))
        .map(([k]) => k);
    const organisations = tallies.options.map((o) => o.currencies.organisations.all);
    const groups = new Set(organisations.flatMap((o) => heard(o.by.group)));
    const regions = new Set(organisations.flatMap((o) => heard(o.by.region)));
    expect(groups).toEqual(
      new Set(['government', 'private_sector', 'civil_society', 'intergovernmental', 'academic_technical']),
    );
    expect(regions).toEqual(new Set(['africa', 'americas', 'arab_states', 'asia_pacific', 'cis', 'europe']));

    // The Council subgroup: governments for it, the private sector and civil society against it.
    const [subgroup, , studyGroup] = organisations;
    expect(subgroup.by.group.government.support).toBeGreaterThan(0);
    expect(subgroup.by.group.government.oppose).toBe(0);
    expect(subgroup.by.group.private_sector.oppose).toBeGreaterThan(0);
    expect(subgroup.by.group.civil_society.oppose).toBeGreaterThan(0);
    // Seven organisations, one of which has not yet spoken on the study group.
    const total = (c: StanceCounts) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(total(subgroup.total)).toBe(7);
    expect(total(studyGroup.total)).toBe(6);
    expect(heard(studyGroup.by.region)).not.toContain('arab_states');
    // A person in their own name counts among people, not organisations.
    expect(total(tallies.options[0].currencies.people.all.total)).toBe(1);
  });
});
