import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  UNSPECIFIED,
  type ListPositionsQuery,
  type PositionHistoryView,
  type PositionListItem,
  type PositionRevisionView,
  type PositionView,
} from '../../../shared/schemas/positions.js';

interface PositionRow {
  id: string;
  round_id: string;
  option_id: string;
  actor_key: string;
  capacity: PositionView['capacity'];
  actor_name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  stakeholder_group: string | null;
  membership: string | null;
  country: string | null;
  region: string | null;
  stance: PositionView['stance'];
  preferred: boolean;
  rationale: string;
  cast_by_id: string;
  cast_by_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `
  SELECT p.id, p.round_id, p.option_id, p.actor_key, p.capacity, COALESCE(o.name, u.display_name) AS actor_name,
    p.organisation_id, o.name AS organisation_name, p.stakeholder_group, p.membership, p.country, p.region,
    p.stance, p.preferred, p.rationale, p.cast_by_id, cb.display_name AS cast_by_name, p.version,
    p.created_at, p.updated_at`;
const FROM = `
  FROM positions p
  LEFT JOIN organisations o ON o.id = p.organisation_id
  LEFT JOIN users u ON u.id = p.user_id
  JOIN users cb ON cb.id = p.cast_by_id`;
const SELECT = COLUMNS + FROM;
/** The rationales list also counts each position's threads (a correlated count on an indexed column). */
const SELECT_WITH_THREAD_COUNT = `${COLUMNS},
    (SELECT count(*)::int FROM threads t WHERE t.position_id = p.id) AS thread_count${FROM}`;

function toView(r: PositionRow): PositionView {
  return {
    id: r.id,
    roundId: r.round_id,
    optionId: r.option_id,
    actorKey: r.actor_key,
    capacity: r.capacity,
    actorName: r.actor_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    stakeholderGroup: r.stakeholder_group,
    membership: r.membership,
    country: r.country ? r.country.trim() : null,
    region: r.region,
    stance: r.stance,
    preferred: r.preferred,
    rationale: r.rationale,
    castById: r.cast_by_id,
    castByName: r.cast_by_name,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The filters of the list and the export, as SQL conditions on the current (not withdrawn) positions. */
function where(roundId: string, f: ListPositionsQuery, params: unknown[]): string {
  params.push(roundId);
  const conds = [`p.round_id = $${params.length}`, 'p.withdrawn_at IS NULL'];
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === UNSPECIFIED) {
      conds.push(`p.${column} IS NULL`);
      return;
    }
    params.push(value);
    conds.push(`p.${column} = $${params.length}`);
  };
  eq('option_id', f.optionId);
  eq('stance', f.stance);
  eq('stakeholder_group', f.group);
  eq('membership', f.membership);
  eq('region', f.region);
  eq('capacity', f.capacity);
  return conds.join(' AND ');
}

/** Reads positions as readers see them (names joined in), for the list, the export and the caller's own. */
@Injectable()
export class PositionsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async one(manager: EntityManager, id: string): Promise<PositionView> {
    const rows: PositionRow[] = await manager.query(`${SELECT} WHERE p.id = $1`, [id]);
    return toView(rows[0]);
  }

  /** The rationales list: each position with its number of discussion threads, counted in the same query. */
  async list(roundId: string, filters: ListPositionsQuery, limit = 5000): Promise<PositionListItem[]> {
    const params: unknown[] = [];
    const cond = where(roundId, filters, params);
    params.push(limit);
    const rows: (PositionRow & { thread_count: number })[] = await this.db.query(
      `${SELECT_WITH_THREAD_COUNT} WHERE ${cond} ORDER BY p.updated_at DESC, p.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...toView(r), threadCount: Number(r.thread_count) }));
  }

  /** The caller's personal positions and their organisation's, whatever the consultation hides from others. */
  async mine(roundId: string, userId: string, organisationId: string | null) {
    const rows: PositionRow[] = await this.db.query(
      `${SELECT} WHERE p.round_id = $1 AND p.withdrawn_at IS NULL AND p.actor_key = ANY($2::text[])`,
      [roundId, [`user:${userId}`, ...(organisationId ? [`org:${organisationId}`] : [])]],
    );
    const views = rows.map(toView);
    return {
      personal: views.filter((v) => v.capacity === 'personal'),
      organisation: views.filter((v) => v.capacity === 'organisation'),
    };
  }

  /** A position's every version, oldest first; null when it is not in this round. */
  async history(roundId: string, positionId: string): Promise<PositionHistoryView | null> {
    const [position]: { id: string; actor_key: string }[] = await this.db.query(
      `SELECT id, actor_key FROM positions WHERE id = $1 AND round_id = $2`,
      [positionId, roundId],
    );
    if (!position) return null;
    const rows: {
      version: number;
      stance: PositionRevisionView['stance'];
      rationale: string;
      preferred: boolean;
      withdrawn: boolean;
      cast_by_id: string;
      cast_by_name: string;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT r.version, r.stance, r.rationale, r.preferred, r.withdrawn, r.cast_by_id,
         u.display_name AS cast_by_name, r.created_at
       FROM position_revisions r JOIN users u ON u.id = r.cast_by_id
       WHERE r.position_id = $1 ORDER BY r.version`,
      [positionId],
    );
    return {
      positionId,
      actorKey: position.actor_key,
      revisions: rows.map((r) => ({
        version: r.version,
        stance: r.stance,
        rationale: r.rationale,
        preferred: r.preferred,
        withdrawn: r.withdrawn,
        castById: r.cast_by_id,
        castByName: r.cast_by_name,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }

  async organisationName(organisationId: string | null): Promise<string | null> {
    if (!organisationId) return null;
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM organisations WHERE id = $1`, [
      organisationId,
    ]);
    return rows[0]?.name ?? null;
  }

  /**
   * Pages through the positions in id order (keyset pagination), so an export streams a round of any size
   * without holding it in memory, and works the same on PostgreSQL and the embedded database.
   */
  async *batches(roundId: string, filters: ListPositionsQuery, size = 500): AsyncGenerator<PositionView[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const params: unknown[] = [];
      const cond = where(roundId, filters, params);
      params.push(after, size);
      const rows: PositionRow[] = await this.db.query(
        `${SELECT} WHERE ${cond} AND p.id > $${params.length - 1} ORDER BY p.id LIMIT $${params.length}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map(toView);
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  }
}
