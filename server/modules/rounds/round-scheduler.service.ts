import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SERVER_EVENTS, consultationRoom } from '../../../shared/events.js';
import type { RoundClosingSoonPayload } from '../../../shared/schemas/rounds.js';
import { AppConfig } from '../../config/app-config.service.js';
import { toRoundView } from '../consultations/consultation.views.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { RoundClosingService } from './round-closing.service.js';
import { Round } from './round.entity.js';
import { RoundsService } from './rounds.service.js';

/**
 * "Closing soon" notices, in minutes before the deadline, smallest first: a round already inside the 1-hour
 * window gets that notice only, not a stale "24 hours" one as well.
 */
export const CLOSING_NOTICES = [60, 24 * 60] as const;

/**
 * Opens rounds whose opening time has come and closes rounds whose deadline has passed. All its state is in
 * the database (status, dates, notices sent), so it survives restarts: the first pass runs at start-up and
 * catches up with deadlines that passed while no node was running. With several nodes every node polls;
 * each round is taken FOR UPDATE SKIP LOCKED, so exactly one node acts on it.
 */
@Injectable()
export class RoundScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoundScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundsService,
    private readonly closing: RoundClosingService,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.get('ROUND_SCHEDULER_INTERVAL_MS');
    if (every === 0) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; passes never overlap on a node. Returns when the pass is done (tests await it). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass()
      .catch((err: unknown) => this.logger.error(`Round scheduler pass failed: ${String(err)}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass() {
    const due: { id: string; status: string }[] = await this.db.query(
      `SELECT id, status FROM rounds
       WHERE (status = 'scheduled' AND opens_at <= now() AND (closes_at IS NULL OR closes_at > now())
              AND NOT EXISTS (SELECT 1 FROM rounds o WHERE o.consultation_id = rounds.consultation_id AND o.status = 'open'))
          OR (status = 'open' AND closes_at <= now())
       ORDER BY coalesce(closes_at, opens_at)
       LIMIT 50`,
    );
    for (const r of due) {
      if (this.stopped) return;
      try {
        if (r.status === 'scheduled') await this.rounds.open(r.id, null, {}, { skipLocked: true });
        else await this.closing.close(r.id, { by: 'deadline' }, { skipLocked: true });
      } catch (err) {
        this.logger.warn(
          `Round ${r.id} could not ${r.status === 'scheduled' ? 'open' : 'close'}: ${String(err)}`,
        );
      }
    }
    if (!this.stopped) await this.announceClosingSoon();
  }

  /** Marks and announces each notice once per deadline; the UPDATE … RETURNING makes one node the sender. */
  private async announceClosingSoon() {
    for (const minutes of CLOSING_NOTICES) {
      const [rows] = (await this.db.query(
        `UPDATE rounds SET closing_notice_minutes = $1
         WHERE status = 'open' AND closes_at > now() AND closes_at <= now() + make_interval(mins => $1)
           AND (closing_notice_minutes IS NULL OR closing_notice_minutes > $1)
         RETURNING id`,
        [minutes],
      )) as [{ id: string }[], number];
      for (const { id } of rows) {
        const round = await this.db.getRepository(Round).findOneBy({ id });
        if (!round?.closesAt) continue;
        const payload: RoundClosingSoonPayload = {
          round: toRoundView(round),
          minutesLeft: Math.max(0, Math.round((round.closesAt.getTime() - Date.now()) / 60_000)),
        };
        this.events.emit(
          LIVE_EVENT,
          new LiveEvent(consultationRoom(round.consultationId), SERVER_EVENTS.ROUND_CLOSING_SOON, payload),
        );
      }
    }
  }
}
