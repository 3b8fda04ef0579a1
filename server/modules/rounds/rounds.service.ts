import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { SERVER_EVENTS, consultationRoom } from '../../../shared/events.js';
import type { RoundView } from '../../../shared/schemas/consultations.js';
import type {
  CreateRoundInput,
  OpenRoundInput,
  RoundUpdatedPayload,
  UpdateRoundInput,
} from '../../../shared/schemas/rounds.js';
import { emitInOrder } from '../../common/emit-in-order.js';
import { conflict, invalid, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { Consultation } from '../consultations/consultation.entity.js';
import { toRoundView } from '../consultations/consultation.views.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { ROUND_EVENTS, RoundCreatingFromPrevious, RoundOpened, RoundUpdated } from './round-events.js';
import { RoundOptionsSnapshot } from './round-options.snapshot.js';
import { assertCanOpen, assertCanReschedule } from './round-transitions.js';
import { lockRoundForTransition } from './round-lock.js';
import { Round } from './round.entity.js';

const toDate = (v: string | null | undefined) => (v ? new Date(v) : null);

/** Who made a change: a person (audited with their id) or the scheduler. */
export type Actor = { userId: string } | null;

/** Creating, opening and rescheduling rounds. Closing lives in RoundClosingService. */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly audit: AuditService,
    private readonly options: RoundOptionsSnapshot,
  ) {}

  async findOrFail(id: string, manager: EntityManager = this.db.manager): Promise<Round> {
    const round = await manager.getRepository(Round).findOneBy({ id });
    if (!round) throw notFound('The round');
    return round;
  }

  /** Consultation-level changes (options, opening) serialise on the consultation row. */
  private async lockConsultation(tx: EntityManager, consultationId: string) {
    const c = await tx
      .getRepository(Consultation)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :consultationId', { consultationId })
      .getOne();
    if (!c) throw notFound('The consultation');
    return c;
  }

  /**
   * The next round, scheduled. It starts from the previous round: modules carry their content over (the
   * collaboration module copies the final Yjs draft) inside this transaction.
   */
  async create(consultationId: string, input: CreateRoundInput, actor: Actor): Promise<RoundView> {
    const opensAt = toDate(input.opensAt);
    const closesAt = toDate(input.closesAt);
    this.checkDates(opensAt, closesAt, new Date());
    const round = await this.db.transaction(async (tx) => {
      await this.lockConsultation(tx, consultationId);
      const rounds = await tx
        .getRepository(Round)
        .find({ where: { consultationId }, order: { number: 'DESC' } });
      const previous = rounds[0] ?? null;
      if (previous && previous.status !== 'closed') {
        throw conflict(
          `Round ${previous.number} is still ${previous.status}; close it first, since the next round starts from its final draft`,
        );
      }
      const created = await tx.getRepository(Round).save(
        tx.getRepository(Round).create({
          consultationId,
          number: (previous?.number ?? 0) + 1,
          status: 'scheduled',
          opensAt,
          closesAt,
          previousRoundId: previous?.id ?? null,
        }),
      );
      if (previous) {
        await emitInOrder(
          this.events,
          ROUND_EVENTS.CREATING_FROM_PREVIOUS,
          new RoundCreatingFromPrevious(created, previous, tx),
        );
      }
      await this.audit.append(tx, {
        consultationId,
        actorId: actor?.userId ?? null,
        action: 'round.created',
        payload: {
          roundId: created.id,
          number: created.number,
          opensAt,
          closesAt,
          previousRoundId: previous?.id ?? null,
        },
      });
      return created;
    });
    this.announce(round, 'created');
    return toRoundView(round);
  }

  /**
   * Opens a scheduled round; with `skipLocked` (the scheduler) a round another node is handling is skipped.
   * `input.closesAt` sets the deadline in the same transaction (null: none), audited as a reschedule.
   */
  async open(
    roundId: string,
    actor: Actor,
    input: OpenRoundInput = {},
    opts: { skipLocked?: boolean } = {},
  ): Promise<Round | null> {
    const now = new Date();
    const opened = await this.db.transaction(async (tx) => {
      const round = await lockRoundForTransition(tx, roundId, { ...opts, expected: 'scheduled' });
      if (!round) return null;
      await this.lockConsultation(tx, round.consultationId);
      const otherOpen = await tx
        .getRepository(Round)
        .findOneBy({ consultationId: round.consultationId, status: 'open', id: Not(round.id) });
      const closesAt = input.closesAt === undefined ? round.closesAt : toDate(input.closesAt);
      if (round.status === 'scheduled' && closesAt?.getTime() !== round.closesAt?.getTime()) {
        // It opens now, whatever date it was planned to open at: the deadline only has to come after now.
        await this.changeDates(tx, round, { closesAt: input.closesAt }, actor, now, { opensNow: true });
      }
      assertCanOpen(round, otherOpen, now);
      round.status = 'open';
      round.openedAt = new Date(Math.floor(Date.now()));
      await tx.getRepository(Round).save(round);
      await this.options.ensure(tx, round);
      await this.audit.append(tx, {
        consultationId: round.consultationId,
        actorId: actor?.userId ?? null,
        action: 'round.opened',
        payload: {
          roundId: round.id,
          number: round.number,
          closesAt: round.closesAt,
          by: actor ? 'secretariat' : 'schedule',
        },
      });
      return round;
    });
    if (!opened) return null;
    this.events.emit(ROUND_EVENTS.OPENED, new RoundOpened(opened));
    this.announce(opened, 'opened');
    return opened;
  }

  /** Moves a scheduled round's dates, or an open round's deadline (later or earlier, never into the past). */
  async reschedule(roundId: string, input: UpdateRoundInput, actor: Actor): Promise<RoundView> {
    const now = new Date();
    const round = await this.db.transaction(async (tx) => {
      const round = await tx
        .getRepository(Round)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :roundId', { roundId })
        .getOne();
      if (!round) throw notFound('The round');
      assertCanReschedule(round, input);
      await this.changeDates(tx, round, input, actor, now);
      return round;
    });
    this.events.emit(ROUND_EVENTS.UPDATED, new RoundUpdated(round));
    this.announce(round, round.status === 'open' ? 'deadlineChanged' : 'rescheduled');
    return toRoundView(round);
  }

  /**
   * Applies new dates to a round locked in `tx`, checks them and puts the change on record. A scheduled
   * round's deadline must follow its planned opening, unless it `opensNow` (in this transaction): an open
   * round's deadline need only be in the future.
   */
  private async changeDates(
    tx: EntityManager,
    round: Round,
    input: UpdateRoundInput,
    actor: Actor,
    now: Date,
    { opensNow = false } = {},
  ) {
    const before = { opensAt: round.opensAt, closesAt: round.closesAt };
    if (input.opensAt !== undefined) round.opensAt = toDate(input.opensAt);
    if (input.closesAt !== undefined) {
      // null removes the deadline: the round then closes when the secretariat closes it.
      round.closesAt = toDate(input.closesAt);
      round.closingNoticeMinutes = null;
    }
    this.checkDates(round.status === 'scheduled' && !opensNow ? round.opensAt : null, round.closesAt, now);
    await tx.getRepository(Round).save(round);
    await this.audit.append(tx, {
      consultationId: round.consultationId,
      actorId: actor?.userId ?? null,
      action: round.status === 'open' ? 'round.deadlineChanged' : 'round.rescheduled',
      payload: {
        roundId: round.id,
        number: round.number,
        before,
        after: { opensAt: round.opensAt, closesAt: round.closesAt },
      },
    });
  }

  private checkDates(opensAt: Date | null, closesAt: Date | null, now: Date) {
    if (closesAt && closesAt.getTime() <= now.getTime())
      throw invalid('closesAt: the deadline must be in the future');
    if (opensAt && closesAt && opensAt.getTime() >= closesAt.getTime())
      throw invalid('opensAt: a round must open before its deadline');
  }

  /** After commit: everyone viewing the consultation sees the change. */
  private announce(round: Round, change: RoundUpdatedPayload['change']) {
    const payload: RoundUpdatedPayload = { round: toRoundView(round), change };
    this.events.emit(
      LIVE_EVENT,
      new LiveEvent(consultationRoom(round.consultationId), SERVER_EVENTS.ROUND_UPDATED, payload),
    );
  }
}
