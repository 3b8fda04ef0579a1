import type { EntityManager } from 'typeorm';
import type { PositionSummary } from '../../../shared/schemas/annotations.js';
import { conflict, invalid, notFound } from '../../common/errors.js';

export interface PositionTarget {
  id: string;
  optionId: string;
  /** The person who cast the current version: they hear of a new thread on it. */
  castById: string;
}

/**
 * The position a new thread will discuss, checked inside the thread's transaction: it must be a position of
 * THIS round and still stand (a withdrawn position is no longer a rationale anyone holds).
 */
export async function checkPositionTarget(
  tx: EntityManager,
  roundId: string,
  positionId: string,
): Promise<PositionTarget> {
  const [row]: { id: string; round_id: string; option_id: string; cast_by_id: string; withdrawn: boolean }[] =
    await tx.query(
      `SELECT id, round_id, option_id, cast_by_id, withdrawn_at IS NOT NULL AS withdrawn
         FROM positions WHERE id = $1`,
      [positionId],
    );
  if (!row) throw notFound('The position');
  if (row.round_id !== roundId) throw invalid('positionId: not a position of this round');
  if (row.withdrawn)
    throw conflict('This position was withdrawn: it can no longer be discussed', 'POSITION_WITHDRAWN');
  return { id: row.id, optionId: row.option_id, castById: row.cast_by_id };
}

/** What each position thread discusses, as it stands now, in one query for a whole list of threads. */
export async function loadPositionSummaries(
  manager: EntityManager,
  positionIds: (string | null)[],
): Promise<Map<string, PositionSummary>> {
  const ids = [...new Set(positionIds.filter((x): x is string => !!x))];
  const out = new Map<string, PositionSummary>();
  if (ids.length === 0) return out;
  const rows: {
    id: string;
    option_id: string;
    stance: PositionSummary['stance'];
    capacity: PositionSummary['capacity'];
    actor_name: string;
    withdrawn: boolean;
  }[] = await manager.query(
    `SELECT p.id, p.option_id, p.stance, p.capacity, COALESCE(o.name, u.display_name) AS actor_name,
        p.withdrawn_at IS NOT NULL AS withdrawn
       FROM positions p
       LEFT JOIN organisations o ON o.id = p.organisation_id
       LEFT JOIN users u ON u.id = p.user_id
      WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      optionId: r.option_id,
      stance: r.stance,
      capacity: r.capacity,
      actorName: r.actor_name ?? '',
      withdrawn: r.withdrawn,
    });
  }
  return out;
}
