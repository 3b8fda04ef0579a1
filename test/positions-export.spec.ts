import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS, STANCES, type Stance } from '../shared/domain.js';
import {
  UNSPECIFIED,
  emptyStanceCounts,
  type OptionTally,
  type TalliesView,
} from '../shared/schemas/positions.js';
import { parseCsv, UTF8_BOM } from '../server/modules/positions/csv.js';
import { createConsultation, createOrganisation, createRound, createUser } from './helpers/factories.js';
import { putPosition } from './helpers/positions.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Rebuilds the tally from exported rows, the way an analyst with a spreadsheet would. */
function tallyFromRows(rows: Record<string, string>[], optionId: string): OptionTally['currencies'] {
  const empty = () => ({ total: emptyStanceCounts(), by: { group: {}, membership: {}, region: {} } });
  const result: OptionTally['currencies'] = {
    organisations: { all: empty(), members: empty() },
    people: { all: empty(), members: empty() },
  };
  for (const row of rows.filter((r) => r.option_id === optionId)) {
    const currency = row.capacity === 'organisation' ? 'organisations' : 'people';
    const stance = row.stance as Stance;
    const views =
      row.membership && row.membership !== 'non_member' ? (['all', 'members'] as const) : (['all'] as const);
    for (const view of views) {
      const t = result[currency][view];
      t.total[stance]++;
      for (const [breakdown, column] of [
        ['group', 'stakeholder_group'],
        ['membership', 'membership'],
        ['region', 'region'],
      ] as const) {
        const key = row[column] || UNSPECIFIED;
        (t.by[breakdown][key] ??= emptyStanceCounts())[stance]++;
      }
    }
  }
  return result;
}

describe('Positions export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('exports CSV whose recomputed tallies equal the API tallies, with formula cells neutralised', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length];
    const hostile = [
      '=HYPERLINK("http://evil","x")',
      '+1+1',
      '-2',
      '@SUM(A1)',
      '\tTAB',
      '\rCR',
      'a, "quoted"\nline',
    ];
    // Twelve organisations through their focal points, eight people, one without any profile.
    for (let i = 0; i < 12; i++) {
      const org = await createOrganisation(t, {
        stakeholderGroup: pick(STAKEHOLDER_GROUPS, i),
        membership: pick(MEMBERSHIPS, i + 1),
        region: pick(REGIONS, i + 2),
      });
      const focal = await createUser(t, { organisationId: org.id, isFocalPoint: true });
      for (const [j, option] of options.entries()) {
        if ((i + j) % 4 === 3) continue;
        await putPosition(t, focal.auth, round.id, option.id, {
          stance: pick(STANCES, i + j),
          capacity: 'organisation',
          rationale: pick(hostile, i + j),
        }).expect(200);
      }
    }
    for (let i = 0; i < 8; i++) {
      const person = await createUser(
        t,
        i === 7
          ? { membership: null, stakeholderGroup: null, region: null }
          : {
              // Names are stored as typed (only rationales are trimmed): the export must neutralise them too.
              displayName: pick(['\t=cmd|calc', '\rCR', 'Ada', '-Ana'], i),
              stakeholderGroup: pick(STAKEHOLDER_GROUPS, i + 3),
              membership: pick(MEMBERSHIPS, i),
              region: pick(REGIONS, i),
              country: 'BR',
            },
      );
      await putPosition(t, person.auth, round.id, pick(options, i).id, {
        stance: pick(STANCES, i * 3),
        rationale: pick(hostile, i),
      }).expect(200);
    }

    const csvRes = await request(t.url)
      .get(`/api/rounds/${round.id}/positions.csv`)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(csvRes.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csvRes.headers['content-disposition']).toMatch(/attachment; filename="positions-round-1-/);
    const text = csvRes.body as string;
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual(
      expect.arrayContaining([
        'actor',
        'organisation',
        'stakeholder_group',
        'membership',
        'country',
        'region',
      ]),
    );
    const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(rows).toHaveLength(12 * 3 - 9 + 8);

    // No cell may start a formula once opened in a spreadsheet.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const rationales = rows.map((r) => r.rationale);
    expect(rationales).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(rationales).toContain(`'-2`);
    const actors = rows.map((r) => r.actor);
    expect(actors).toContain(`'\t=cmd|calc`);
    expect(actors).toContain(`'\rCR`);
    expect(actors).toContain(`'-Ana`);
    expect(rationales).toContain('a, "quoted"\nline');

    const api = (await request(t.url).get(`/api/rounds/${round.id}/tallies`).expect(200)).body as TalliesView;
    if (api.hidden) throw new Error('tallies unexpectedly hidden');
    for (const option of options) {
      const fromApi = api.options.find((o) => o.optionId === option.id)!.currencies;
      expect(tallyFromRows(rows, option.id)).toEqual(fromApi);
    }
    expect(rows.some((r) => r.stakeholder_group === '')).toBe(true);
  });

  it('exports the same positions as JSON, filterable like the list', async () => {
    const { consultation, options } = await createConsultation(t);
    const round = await createRound(t, consultation.id);
    const a = await createUser(t, { stakeholderGroup: 'civil_society', region: 'americas', country: 'MX' });
    const b = await createUser(t, { stakeholderGroup: 'government', region: 'europe', country: 'FR' });
    await putPosition(t, a.auth, round.id, options[0].id, { stance: 'oppose', rationale: 'Too slow' }).expect(
      200,
    );
    await putPosition(t, b.auth, round.id, options[0].id, { stance: 'support' }).expect(200);

    const all = await request(t.url).get(`/api/rounds/${round.id}/positions.json`).expect(200);
    expect(all.body.positions).toHaveLength(2);
    expect(all.body.positions[0]).toHaveProperty('created_at');
    const filtered = await request(t.url)
      .get(`/api/rounds/${round.id}/positions.json?stance=oppose&region=americas`)
      .expect(200);
    expect(filtered.body.positions).toEqual([
      expect.objectContaining({
        actor: a.user.displayName,
        country: 'MX',
        rationale: 'Too slow',
        stance: 'oppose',
      }),
    ]);
    const list = await request(t.url).get(`/api/rounds/${round.id}/positions?group=government`).expect(200);
    expect(list.body.items.map((p: { actorName: string }) => p.actorName)).toEqual([b.user.displayName]);
    await request(t.url).get(`/api/rounds/${round.id}/positions?group=aliens`).expect(400);
  });
});
