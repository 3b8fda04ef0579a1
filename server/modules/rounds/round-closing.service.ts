import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClosingRecord, RoundVerificationView } from '../../../shared/schemas/rounds.js';
import { SERVER_EVENTS, consultationRoom } from '../../../shared/events.js';
import { emitInOrder } from '../../common/emit-in-order.js';
import { DomainError, conflict, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { toRoundView } from '../consultations/consultation.views.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { buildClosingRecord, closingDigest, firstDifference } from './closing-record.js';
import { ClosingRecordBuilder, ROUND_EVENTS, RoundClosed, RoundClosing } from './round-events.js';
import { RoundOptionsSnapshot } from './round-options.snapshot.js';
import { assertCanClose } from './round-transitions.js';
import { lockRoundForTransition } from './round-lock.js';
import { Round } from './round.entity.js';

export type CloseCause = { by: 'secretariat'; actorId: string } | { by: 'deadline' };

/**
 * Closing a round is one transaction: lock the round FOR UPDATE (every write into the round holds it FOR
 * SHARE, so writes either land before and are sealed, or see it closed), mark it closed, let every module
 * add its frozen section, seal the record with its digest, chain an audit event, commit. Only then is the
 * close announced. A listener that throws aborts all of it.
 */
@Injectable()
export class RoundClosingService {
  private readonly logger = new Logger(RoundClosingService.name);
  private readonly verifying = new Map<string, Promise<RoundVerificationView>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly audit: AuditService,
    private readonly options: RoundOptionsSnapshot,
  ) {}

  /**
   * Closes the round; with `skipLocked` (the scheduler) a round another node is closing right now is left to
   * it, and the result is null.
   */
  async close(
    roundId: string,
    cause: CloseCause,
    opts: { skipLocked?: boolean } = {},
  ): Promise<Round | null> {
    const closed = await this.closeInTransaction(roundId, cause, opts).catch((err: unknown) => {
      if (err instanceof HttpException) throw err;
      this.logger.error(`Closing round ${roundId} failed and was rolled back: ${String(err)}`);
      throw new DomainError(
        HttpStatus.INTERNAL_SERVER_ERROR,
        'CLOSE_FAILED',
        'The round could not be closed because part of its content could not be frozen; nothing changed, it is still open. Try again.',
      );
    });
    if (!closed) return null;
    this.logger.log(`Round ${closed.number} of ${closed.consultationId} closed (${cause.by})`);
    this.events.emit(ROUND_EVENTS.CLOSED, new RoundClosed(closed));
    this.events.emit(
      LIVE_EVENT,
      new LiveEvent(consultationRoom(closed.consultationId), SERVER_EVENTS.ROUND_UPDATED, {
        round: toRoundView(closed),
        change: 'closed',
      }),
    );
    return closed;
  }

  private closeInTransaction(roundId: string, cause: CloseCause, opts: { skipLocked?: boolean }) {
    return this.db.transaction(async (tx) => {
      const round = await lockRoundForTransition(tx, roundId, { ...opts, expected: 'open' });
      if (!round) return null;
      assertCanClose(round);
      round.status = 'closed';
      // Millisecond precision: the record carries this instant as an ISO string.
      round.closedAt = new Date(Math.floor(Date.now()));
      await tx.getRepository(Round).save(round);
      await this.options.ensure(tx, round);

      const record = await this.gather(tx, round, 'close');
      round.closingRecord = record as unknown as Record<string, unknown>;
      round.closingDigest = closingDigest(record);
      await tx.getRepository(Round).save(round);
      await this.audit.append(tx, {
        consultationId: round.consultationId,
        actorId: cause.by === 'secretariat' ? cause.actorId : null,
        action: 'round.closed',
        payload: { roundId: round.id, number: round.number, digest: round.closingDigest, by: cause.by },
      });
      return round;
    });
  }

  /** Every module's section (through `round.closing`) plus the round's own: its identity and its options. */
  private async gather(tx: EntityManager, round: Round, purpose: 'close' | 'verify'): Promise<ClosingRecord> {
    const builder = new ClosingRecordBuilder();
    builder.add(
      'round',
      [
        {
          id: round.id,
          number: round.number,
          opensAt: round.opensAt,
          closesAt: round.closesAt,
          openedAt: round.openedAt,
          closedAt: round.closedAt,
        },
      ],
      {},
    );
    const options = await this.options.list(tx, round.id);
    builder.add('options', options, { options: options.length });
    await this.emitClosing(new RoundClosing(round, tx, builder, purpose));
    return buildClosingRecord(round, builder);
  }

  /**
   * `round.closing`, awaited listener by listener on the closing transaction. A listener that adds no section
   * is taken as failed: Nest's @OnEvent logs and swallows errors unless `suppressErrors: false`, and a record
   * sealed without a module's section would be a silent loss.
   */
  private async emitClosing(event: RoundClosing) {
    let sections = event.record.size;
    await emitInOrder(this.events, ROUND_EVENTS.CLOSING, event, () => {
      if (event.record.size === sections) {
        throw new Error(
          `A round.closing listener added no section to round ${event.round.number}'s record: it failed, or must add an empty list`,
        );
      }
      sections = event.record.size;
    });
  }

  /**
   * Re-gathers the round's content in a read-only transaction, recomputes the digest, and names the first
   * section and item that no longer matches the sealed record.
   */
  verify(roundId: string): Promise<RoundVerificationView> {
    // Anyone may verify a public record; concurrent requests for one round share one pass over the database.
    let pass = this.verifying.get(roundId);
    if (!pass) {
      pass = this.verifyNow(roundId).finally(() => this.verifying.delete(roundId));
      this.verifying.set(roundId, pass);
    }
    return pass;
  }

  private verifyNow(roundId: string): Promise<RoundVerificationView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      const round = await tx.getRepository(Round).findOneBy({ id: roundId });
      if (!round) throw notFound('The round');
      if (round.status !== 'closed' || !round.closingRecord || !round.closingDigest) {
        throw conflict(`Round ${round.number} is not closed yet: it has no closing record to verify`);
      }
      const stored = round.closingRecord as unknown as ClosingRecord;
      const now = await this.gather(tx, round, 'verify');
      const recomputedDigest = closingDigest(now);
      const recordMatchesDigest = closingDigest(stored) === round.closingDigest;
      let difference = firstDifference(stored, now);
      if (!difference && recomputedDigest !== round.closingDigest) {
        difference = { section: 'digest', itemId: null, reason: 'the stored digest does not match' };
      }
      return {
        roundId: round.id,
        valid: recordMatchesDigest && recomputedDigest === round.closingDigest && !difference,
        storedDigest: round.closingDigest,
        recomputedDigest,
        recordMatchesDigest,
        firstDifference: difference,
        verifiedAt: new Date().toISOString(),
      };
    });
  }
}
