import { ERROR_CODES } from '../../../shared/domain.js';
import { conflict, roundClosed } from '../../common/errors.js';
import type { Round } from './round.entity.js';

const illegal = (message: string) => conflict(message, ERROR_CODES.ILLEGAL_TRANSITION);

/**
 * The round state machine, scheduled → open → closed, never back. Each refusal says why, in words the
 * secretariat can act on.
 */
export function assertCanOpen(round: Round, otherOpen: Round | null, now: Date): void {
  if (round.status === 'open') throw illegal(`Round ${round.number} is already open`);
  if (round.status === 'closed')
    throw illegal(
      `Round ${round.number} is closed and a closed round never reopens; create a new round instead`,
    );
  if (otherOpen)
    throw illegal(
      `Round ${otherOpen.number} of this consultation is open; close it before opening round ${round.number}`,
    );
  if (round.closesAt && round.closesAt.getTime() <= now.getTime())
    throw illegal(
      `Round ${round.number}'s deadline has already passed; set a later deadline before opening it`,
    );
}

export function assertCanClose(round: Round): void {
  if (round.status === 'closed') throw illegal(`Round ${round.number} is already closed`);
  if (round.status === 'scheduled')
    throw illegal(`Round ${round.number} has not opened yet; only an open round can be closed`);
}

/** Dates may change on a scheduled round, and the deadline on an open one; a closed round is on record. */
export function assertCanReschedule(round: Round, change: { opensAt?: unknown }): void {
  if (round.status === 'closed') throw roundClosed(round.number);
  if (round.status === 'open' && change.opensAt !== undefined)
    throw illegal(`Round ${round.number} is already open; only its deadline can still change`);
}
