import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { EmailOutbox } from './email-outbox.entity.js';

const DRAIN_INTERVAL_MS = 15_000;
const BATCH = 50;
const MAX_ATTEMPTS = 5;

/**
 * Drains the email outbox through SMTP when `SMTP_URL` is set; otherwise does nothing and the rows stay
 * unsent. Rows are claimed with FOR UPDATE SKIP LOCKED, so several nodes never send the same email twice.
 */
@Injectable()
export class EmailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  get enabled() {
    return !!this.config.get('SMTP_URL');
  }

  onApplicationBootstrap() {
    const url = this.config.get('SMTP_URL');
    if (!url) return;
    this.transport = createTransport(url);
    this.timer = setInterval(() => void this.drain(), DRAIN_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }

  /** Sends what is due; returns how many were sent. One drain at a time on this node. */
  drain(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    this.draining ??= this.drainOnce().finally(() => (this.draining = null));
    return this.draining;
  }

  private async drainOnce(): Promise<number> {
    const transport = this.transport!;
    const from = this.config.get('MAIL_FROM');
    let sent = 0;
    try {
      await this.db.transaction(async (tx) => {
        const rows: EmailOutbox[] = await tx
          .getRepository(EmailOutbox)
          .createQueryBuilder('e')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('e.sentAt IS NULL AND e.attempts < :max', { max: MAX_ATTEMPTS })
          .orderBy('e.createdAt', 'ASC')
          .take(BATCH)
          .getMany();
        for (const row of rows) {
          try {
            await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.bodyText });
            await tx.getRepository(EmailOutbox).update(row.id, {
              sentAt: new Date(),
              attempts: row.attempts + 1,
              lastError: null,
            });
            sent++;
          } catch (err) {
            await tx.getRepository(EmailOutbox).update(row.id, {
              attempts: row.attempts + 1,
              lastError: (err as Error).message.slice(0, 500),
            });
          }
        }
      });
    } catch (err) {
      this.logger.warn(`Draining the email outbox failed: ${(err as Error).message}`);
    }
    return sent;
  }
}
