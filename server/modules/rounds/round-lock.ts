import type { EntityManager } from 'typeorm';
import { conflict, notFound, roundClosed } from '../../common/errors.js';
import { Round } from './round.entity.js';

/**
 * Every write into a round (comment, position, resolve, hide…) calls this inside its own transaction. The
 * round row is locked FOR SHARE, and closing takes it FOR UPDATE, so a write either commits before the close
 * (and is in the closing record) or sees the round closed and is refused — never in between.
 */
export async function lockRoundForWrite(manager: EntityManager, roundId: string): Promise<Round> {
  const round = await manager
    .getRepository(Round)
    .createQueryBuilder('r')
    .setLock('pessimistic_read')
    .where('r.id = :roundId', { roundId })
    .getOne();
  if (!round) throw notFound('The round');
  if (round.status === 'closed') throw roundClosed(round.number);
  if (round.status !== 'open') throw conflict(`Round ${round.number} is not open yet`);
  return round;
}

/**
 * Locks a round FOR UPDATE to move it to its next status (open, close). With `skipLocked` (the scheduler on
 * several nodes) a round another node holds, or one no longer in `expected` status, gives null instead of
 * waiting or failing: that node is handling it.
 */
export async function lockRoundForTransition(
  manager: EntityManager,
  roundId: string,
  opts: { skipLocked?: boolean; expected: Round['status'] },
): Promise<Round | null> {
  const qb = manager
    .getRepository(Round)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :roundId', { roundId });
  if (opts.skipLocked) qb.setOnLocked('skip_locked');
  const round = await qb.getOne();
  if (!round) {
    if (opts.skipLocked) return null;
    throw notFound('The round');
  }
  if (opts.skipLocked && round.status !== opts.expected) return null;
  return round;
}
