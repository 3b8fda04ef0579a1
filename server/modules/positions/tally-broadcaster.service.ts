import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVER_EVENTS, consultationRoom, userRoom } from '../../../shared/events.js';
import type { PositionUpdatedEvent, TallyUpdatedEvent } from '../../../shared/schemas/positions.js';
import { Consultation } from '../consultations/consultation.entity.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { ROUND_EVENTS, type RoundClosed } from '../rounds/round-events.js';
import { Round } from '../rounds/round.entity.js';
import { TalliesService } from './tallies.service.js';

/**
 * Announces committed position changes to everyone viewing the consultation. The public room only ever gets
 * numbers it may see: while a consultation hides its tallies, `tally.updated` is a bare hint (the secretariat
 * refetches over HTTP, where the policy lets it read them). Bursts are coalesced per round: while one
 * computation runs, further changes only ask for one more, so a busy round costs at most two queries at a time.
 */
@Injectable()
export class TallyBroadcaster {
  private readonly logger = new Logger(TallyBroadcaster.name);
  private readonly pending = new Map<string, { again: boolean }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tallies: TalliesService,
    private readonly events: EventEmitter2,
  ) {}

  /** Call after the transaction committed. Never throws: live updates are hints, the database is the truth. */
  changed(consultationId: string, roundId: string, optionIds: string[], actorKey: string): void {
    const hint: PositionUpdatedEvent = { consultationId, roundId, optionIds };
    this.emit(consultationRoom(consultationId), SERVER_EVENTS.POSITION_UPDATED, hint);
    void this.tellActor(actorKey, { ...hint, yours: true });
    const running = this.pending.get(roundId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.pending.set(roundId, state);
    void (async () => {
      try {
        do {
          state.again = false;
          await this.announceTallies(consultationId, roundId);
        } while (state.again);
      } catch (err) {
        this.logger.warn(`Could not announce the tallies of round ${roundId}: ${(err as Error).message}`);
      } finally {
        this.pending.delete(roundId);
      }
    })();
  }

  /** Hidden tallies become public when the round closes: tell the viewers at once. */
  @OnEvent(ROUND_EVENTS.CLOSED)
  onRoundClosed(event: RoundClosed) {
    void this.announceTallies(event.round.consultationId, event.round.id).catch((err: Error) =>
      this.logger.warn(`Could not announce the final tallies of round ${event.round.id}: ${err.message}`),
    );
  }

  private async announceTallies(consultationId: string, roundId: string) {
    const [consultation, round] = await Promise.all([
      this.db.getRepository(Consultation).findOneBy({ id: consultationId }),
      this.db.getRepository(Round).findOneBy({ id: roundId }),
    ]);
    if (!consultation || !round) return;
    const payload: TallyUpdatedEvent =
      consultation.hideTalliesUntilClose && round.status !== 'closed'
        ? { consultationId, roundId, hidden: true }
        : { consultationId, roundId, hidden: false, tallies: await this.tallies.compute(roundId) };
    this.emit(consultationRoom(consultationId), SERVER_EVENTS.TALLY_UPDATED, payload);
  }

  /**
   * The actor's own sockets (other tabs, the organisation's other members) refresh "your position" on this
   * copy; the public copy names no actor, so viewers do not refetch their own positions on every change.
   */
  private async tellActor(actorKey: string, hint: PositionUpdatedEvent) {
    try {
      const [kind, id] = actorKey.split(':');
      const userIds =
        kind === 'user'
          ? [id]
          : (
              (await this.db.query(`SELECT id FROM users WHERE organisation_id = $1`, [id])) as {
                id: string;
              }[]
            ).map((u) => u.id);
      for (const userId of userIds) this.emit(userRoom(userId), SERVER_EVENTS.POSITION_UPDATED, hint);
    } catch (err) {
      this.logger.warn(`Could not tell ${actorKey} about its position: ${(err as Error).message}`);
    }
  }

  private emit(room: string, name: string, payload: unknown) {
    this.events.emit(LIVE_EVENT, new LiveEvent(room, name, payload));
  }
}
