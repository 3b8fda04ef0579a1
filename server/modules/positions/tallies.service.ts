import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Stance } from '../../../shared/domain.js';
import {
  CURRENCIES,
  TALLY_VIEWS,
  UNSPECIFIED,
  emptyStanceCounts,
  type Breakdown,
  type Currency,
  type OptionTally,
  type TalliesView,
  type TallyBreakdowns,
  type TallyViewName,
} from '../../../shared/schemas/positions.js';

interface TallyRow {
  option_id: string;
  capacity: 'personal' | 'organisation';
  stance: Stance;
  stakeholder_group: string | null;
  membership: string | null;
  region: string | null;
  g_group: number;
  g_membership: number;
  g_region: number;
  all_count: number;
  members_count: number;
}

/**
 * One pass over the round's current positions: totals and the three breakdowns for both currencies, and the
 * "members only" view as a FILTERed count beside the "all stakeholders" one. GROUPING() tells which grouping
 * set a row belongs to, so a NULL category ("unspecified") is not mistaken for a total.
 */
const TALLY_SQL = `
  SELECT option_id, capacity, stance, stakeholder_group, membership, region,
    GROUPING(stakeholder_group)::int AS g_group, GROUPING(membership)::int AS g_membership,
    GROUPING(region)::int AS g_region,
    count(*)::int AS all_count,
    (count(*) FILTER (WHERE membership IS NOT NULL AND membership <> 'non_member'))::int AS members_count
  FROM positions
  WHERE round_id = $1 AND withdrawn_at IS NULL
  GROUP BY GROUPING SETS (
    (option_id, capacity, stance),
    (option_id, capacity, stance, stakeholder_group),
    (option_id, capacity, stance, membership),
    (option_id, capacity, stance, region)
  )`;

/**
 * Two currencies, never mixed: an organisation position counts once in "organisations" (whichever focal point
 * cast it), a personal-capacity position counts once in "people". A focal point speaking for their
 * organisation is not also counted as a person; they may add a personal position, which is.
 */
export const currencyOf = (capacity: 'personal' | 'organisation'): Currency =>
  capacity === 'organisation' ? 'organisations' : 'people';

function emptyBreakdowns(): TallyBreakdowns {
  return { total: emptyStanceCounts(), by: { group: {}, membership: {}, region: {} } };
}

function emptyOptionTally(optionId: string): OptionTally {
  const currencies = {} as OptionTally['currencies'];
  for (const c of CURRENCIES) {
    currencies[c] = {} as Record<TallyViewName, TallyBreakdowns>;
    for (const v of TALLY_VIEWS) currencies[c][v] = emptyBreakdowns();
  }
  return { optionId, currencies };
}

@Injectable()
export class TalliesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The tallies and their version, read in one snapshot (REPEATABLE READ), so the version says exactly which
   * committed changes the numbers include.
   */
  async compute(roundId: string): Promise<Extract<TalliesView, { hidden: false }>> {
    const [options, rows, version] = await this.db.transaction('REPEATABLE READ', async (m) => {
      const opts: { id: string }[] = await m.query(
        `SELECT o.id FROM options o JOIN rounds r ON r.consultation_id = o.consultation_id
         WHERE r.id = $1 AND o.retired_at IS NULL ORDER BY o.sort_order, o.id`,
        [roundId],
      );
      const tallyRows: TallyRow[] = await m.query(TALLY_SQL, [roundId]);
      const [v]: { version: string }[] = await m.query(
        `SELECT version FROM position_tally_versions WHERE round_id = $1`,
        [roundId],
      );
      return [opts, tallyRows, Number(v?.version ?? 0)] as const;
    });
    const byOption = new Map<string, OptionTally>(options.map((o) => [o.id, emptyOptionTally(o.id)]));
    for (const row of rows) {
      let tally = byOption.get(row.option_id);
      if (!tally) byOption.set(row.option_id, (tally = emptyOptionTally(row.option_id)));
      const breakdown: Breakdown | 'total' =
        row.g_group === 0
          ? 'group'
          : row.g_membership === 0
            ? 'membership'
            : row.g_region === 0
              ? 'region'
              : 'total';
      const category =
        breakdown === 'group'
          ? row.stakeholder_group
          : breakdown === 'membership'
            ? row.membership
            : row.region;
      const views = tally.currencies[currencyOf(row.capacity)];
      const counts: Record<TallyViewName, number> = { all: row.all_count, members: row.members_count };
      for (const v of TALLY_VIEWS) {
        if (breakdown === 'total') {
          views[v].total[row.stance] += counts[v];
        } else if (counts[v] > 0) {
          const cell = (views[v].by[breakdown][category ?? UNSPECIFIED] ??= emptyStanceCounts());
          cell[row.stance] += counts[v];
        }
      }
    }
    return {
      roundId,
      hidden: false,
      version,
      options: [...byOption.values()],
      computedAt: new Date().toISOString(),
    };
  }
}
