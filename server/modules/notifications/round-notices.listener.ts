import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVER_EVENTS } from '../../../shared/events.js';
import { LIVE_EVENT, type LiveEvent } from '../realtime/live-event.js';
import { ROUND_EVENTS, type RoundClosed } from '../rounds/round-events.js';
import { Round } from '../rounds/round.entity.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Tells the people who took part in a round's discussion that it closes soon, and that it closed. The rounds
 * module announces "closing soon" only as a live event, so that is what is listened to.
 */
@Injectable()
export class RoundNoticesListener {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(ROUND_EVENTS.CLOSED, { async: true, suppressErrors: true })
  async onClosed(event: RoundClosed) {
    await this.notifyParticipants(
      event.round,
      'round_closed',
      `Round ${event.round.number} closed: its draft and discussion are now on record`,
    );
  }

  @OnEvent(LIVE_EVENT, { async: true, suppressErrors: true })
  async onLive(event: LiveEvent) {
    if (event.name !== SERVER_EVENTS.ROUND_CLOSING_SOON) return;
    const payload = event.payload as { round?: { id?: string }; minutesLeft?: number };
    const roundId = payload.round?.id;
    if (!roundId) return;
    const round = await this.db.getRepository(Round).findOneBy({ id: roundId });
    if (!round) return;
    await this.notifyParticipants(
      round,
      'round_closing_soon',
      `Round ${round.number} closes in ${payload.minutesLeft ?? 0} minutes`,
      { minutesLeft: payload.minutesLeft ?? 0 },
    );
  }

  /** Everyone who wrote in the round's threads. */
  private async notifyParticipants(
    round: Round,
    kind: 'round_closed' | 'round_closing_soon',
    text: string,
    data: Record<string, unknown> = {},
  ) {
    const created = await this.db.transaction(async (tx) => {
      const rows: { author_id: string }[] = await tx.query(
        `SELECT DISTINCT author_id FROM comments WHERE round_id = $1 AND author_id IS NOT NULL`,
        [round.id],
      );
      return this.notifications.create(
        tx,
        rows.map((r) => ({
          userId: r.author_id,
          kind,
          consultationId: round.consultationId,
          roundId: round.id,
          text,
          data: { roundNumber: round.number, ...data },
        })),
      );
    });
    this.notifications.announce(created);
  }
}
