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
