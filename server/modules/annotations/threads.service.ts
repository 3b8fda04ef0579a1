import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StoredAnchor } from '../../../shared/anchoring/anchor.js';
import { draftDocName } from '../../../shared/domain.js';
import type { CreateThreadInput, ThreadView } from '../../../shared/schemas/annotations.js';
import { forbidden, invalid, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ConsultationOption } from '../consultations/option.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Principal } from '../policy/principal.js';
import { lockRoundForWrite } from '../rounds/round-lock.js';
import { checkAnchor } from './anchor-check.js';
import { Comment } from './comment.entity.js';
import { DraftSource } from './draft-source.js';
import { checkMentions, touchThread } from './mentions.js';
import { RoundAccess } from './round-access.js';
import { checkPositionTarget } from './position-target.js';
import { commentNotices, positionThreadNotices, statusNotices } from './thread-notices.js';
import { ThreadEvents } from './thread-events.js';
import { ThreadReader } from './thread-reader.service.js';
import { Thread } from './thread.entity.js';

/** Opening threads (on a passage, an option, a position or the round) and resolving / reopening them. */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: RoundAccess,
    private readonly drafts: DraftSource,
    private readonly reader: ThreadReader,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: ThreadEvents,
  ) {}

  async list(principal: Principal | null, roundId: string, since?: string) {
    const scope = await this.access.scope(principal, roundId);
    return this.reader.list(
      scope,
      { userId: principal?.userId ?? null, moderator: scope.moderator },
      since ? new Date(since) : undefined,
    );
  }

  async create(principal: Principal | null, roundId: string, input: CreateThreadInput): Promise<ThreadView> {
    const scope = await this.access.scope(principal, roundId);
    this.access.assert(principal, scope, 'thread.create');
    const me = principal!;
    // The anchor is checked against the server's copy of THIS round's draft, read before the transaction.
    let anchor: StoredAnchor | null = null;
    if (input.target === 'passage') {
      const doc = await this.drafts.read(draftDocName(roundId));
      try {
        anchor = checkAnchor(doc, input.anchor!);
      } finally {
        doc.destroy();
      }
    }
    // Positions hidden until the close cannot be discussed meanwhile: a thread on one would reveal it.
    if (input.target === 'position' && scope.consultation.hideTalliesUntilClose) {
      throw forbidden(
        'This consultation hides positions until the round closes, so they cannot be discussed before then',
      );
    }
    const { thread, notices } = await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, roundId);
      if (input.optionId) {
        const option = await tx
          .getRepository(ConsultationOption)
          .findOneBy({ id: input.optionId, consultationId: scope.consultation.id });
        if (!option) throw invalid('optionId: not an option of this consultation');
      }
      const position = input.positionId ? await checkPositionTarget(tx, roundId, input.positionId) : null;
      const mentionIds = await checkMentions(tx, scope, input.mentions);
      const thread = await tx.getRepository(Thread).save(
        tx.getRepository(Thread).create({
          consultationId: scope.consultation.id,
          roundId,
          target: input.target,
          // A position thread also names the position's option, so searching by option finds it.
          optionId: input.optionId ?? position?.optionId ?? null,
          positionId: position?.id ?? null,
          anchorStart: anchor?.start ?? null,
          anchorEnd: anchor?.end ?? null,
          quoteExact: anchor?.quote.exact ?? null,
          quotePrefix: anchor?.quote.prefix ?? null,
          quoteSuffix: anchor?.quote.suffix ?? null,
          status: 'open',
          authorId: me.userId,
        }),
      );
      const comment = await tx.getRepository(Comment).save(
        tx.getRepository(Comment).create({
          threadId: thread.id,
          roundId,
          consultationId: scope.consultation.id,
          authorId: me.userId,
          body: input.body,
          official: scope.official,
          mentionIds,
        }),
      );
      await this.audit.append(tx, {
        consultationId: scope.consultation.id,
        actorId: me.userId,
        action: 'thread.created',
        payload: {
          threadId: thread.id,
          commentId: comment.id,
          roundId,
          target: input.target,
          optionId: thread.optionId,
          positionId: thread.positionId,
          quote: anchor?.quote.exact ?? null,
        },
      });
      const notices = await this.notifications.create(tx, [
        ...commentNotices(thread, comment, me.displayName, mentionIds, false),
        ...positionThreadNotices(thread, comment, me.displayName, position?.castById ?? null, mentionIds),
      ]);
      return { thread, notices };
    });
    this.events.announce(scope.consultation.id, { roundId, threadId: thread.id, change: 'created' });
    this.notifications.announce(notices);
    return this.reader.one(scope, thread.id, { userId: me.userId, moderator: scope.moderator });
  }

  /** Resolve or reopen: the secretariat, the chairs and the thread's author. */
  async setStatus(principal: Principal | null, threadId: string, status: 'open' | 'resolved') {
    const found = await this.db.getRepository(Thread).findOneBy({ id: threadId });
    if (!found) throw notFound('The thread');
    const scope = await this.access.scope(principal, found.roundId);
    this.access.assert(principal, scope, 'thread.resolve', found.authorId);
    const me = principal!;
    const result = await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, found.roundId);
      const thread = await tx
        .getRepository(Thread)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id: threadId })
        .getOneOrFail();
      if (thread.status === status) return null; // Already so: nothing to record or announce.
      thread.status = status;
      thread.resolvedAt = status === 'resolved' ? new Date() : null;
      thread.resolvedById = status === 'resolved' ? me.userId : null;
      await tx.getRepository(Thread).save(thread);
      await touchThread(tx, thread.id);
      await this.audit.append(tx, {
        consultationId: thread.consultationId,
        actorId: me.userId,
        action: status === 'resolved' ? 'thread.resolved' : 'thread.reopened',
        payload: { threadId, roundId: thread.roundId },
      });
      const writers: { author_id: string }[] = await tx.query(
        `SELECT DISTINCT author_id FROM comments WHERE thread_id = $1 AND author_id IS NOT NULL`,
        [threadId],
      );
      const notices = await this.notifications.create(
        tx,
        statusNotices(
          thread,
          [thread.authorId, ...writers.map((w) => w.author_id)].filter((x): x is string => !!x),
          me.userId,
          me.displayName,
        ),
      );
      return { thread, notices };
    });
    if (result) {
      this.events.announce(scope.consultation.id, {
        roundId: found.roundId,
        threadId,
        change: status === 'resolved' ? 'resolved' : 'reopened',
      });
      this.notifications.announce(result.notices);
    }
    return this.reader.one(scope, threadId, { userId: me.userId, moderator: scope.moderator });
  }
}
