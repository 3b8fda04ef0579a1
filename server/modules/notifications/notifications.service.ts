import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { SERVER_EVENTS, userRoom } from '../../../shared/events.js';
import type {
  NotificationKind,
  NotificationParams,
  NotificationView,
} from '../../../shared/schemas/annotations.js';
import { AppConfig } from '../../config/app-config.service.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';
import { User } from '../users/user.entity.js';
import { EmailOutbox } from './email-outbox.entity.js';
import { Notification } from './notification.entity.js';

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  consultationId?: string | null;
  roundId?: string | null;
  threadId?: string | null;
  commentId?: string | null;
  /** One plain-text line in English (the email's text; the client composes a localised one). */
  text: string;
  /** The parts of the line, which the client composes in the reader's language. */
  data?: NotificationParams;
}

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    consultationId: n.consultationId,
    roundId: n.roundId,
    threadId: n.threadId,
    commentId: n.commentId,
    text: n.text,
    params: (n.data ?? {}) as NotificationParams,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * In-app notifications and their email copies. `create` writes both inside the caller's transaction (so a
 * notification exists exactly when its cause does); `announce` sends them live after the commit.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventEmitter2,
    private readonly config: AppConfig,
  ) {}

  async create(manager: EntityManager, drafts: NotificationDraft[]): Promise<Notification[]> {
    // One notification per person and cause: a mention in a reply to your own thread is one, not two.
    const seen = new Set<string>();
    const unique = drafts.filter((d) => {
      const key = `${d.userId}:${d.commentId ?? d.threadId ?? d.roundId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length === 0) return [];
    const repo = manager.getRepository(Notification);
    const saved = await repo.save(
      unique.map((d) =>
        repo.create({
          userId: d.userId,
          kind: d.kind,
          consultationId: d.consultationId ?? null,
          roundId: d.roundId ?? null,
          threadId: d.threadId ?? null,
          commentId: d.commentId ?? null,
          text: d.text,
          data: { ...d.data },
        }),
      ),
    );
    const users = await manager.getRepository(User).find({
      where: { id: In(saved.map((n) => n.userId)), disabledAt: IsNull() },
      select: { id: true, email: true },
    });
    const emails = new Map(users.map((u) => [u.id, u.email]));
    const base = this.config.get('PUBLIC_URL')?.replace(/\/$/, '') ?? '';
    const outbox = saved
      .filter((n) => emails.has(n.userId))
      .map((n) =>
        manager.getRepository(EmailOutbox).create({
          toAddress: emails.get(n.userId)!,
          subject: `Consulta: ${n.text.slice(0, 120)}`,
          bodyText: `${n.text}\n\n${n.consultationId ? `${base}/consultations/${n.consultationId}\n\n` : ''}You receive this because you take part in a consultation on Consulta.`,
          notificationId: n.id,
        }),
      );
    if (outbox.length) await manager.getRepository(EmailOutbox).save(outbox);
    return saved;
  }

  /** After commit: each person's open sockets hear about their new notifications. */
  announce(list: Notification[]) {
    for (const n of list) {
      this.events.emit(
        LIVE_EVENT,
        new LiveEvent(userRoom(n.userId), SERVER_EVENTS.NOTIFICATION, toNotificationView(n)),
      );
    }
  }

  async list(userId: string, unreadOnly: boolean): Promise<{ items: NotificationView[]; unread: number }> {
    const repo = this.db.getRepository(Notification);
    const [items, unread] = await Promise.all([
      repo.find({
        where: unreadOnly ? { userId, readAt: IsNull() } : { userId },
        order: { createdAt: 'DESC' },
        take: 100,
      }),
      repo.countBy({ userId, readAt: IsNull() }),
    ]);
    return { items: items.map(toNotificationView), unread };
  }

  async markRead(userId: string, ids?: string[]): Promise<{ unread: number }> {
    const repo = this.db.getRepository(Notification);
    await repo.update(ids ? { userId, id: In(ids), readAt: IsNull() } : { userId, readAt: IsNull() }, {
      readAt: new Date(),
    });
    return { unread: await repo.countBy({ userId, readAt: IsNull() }) };
  }
}
