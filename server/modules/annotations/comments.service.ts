import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ERROR_CODES } from '../../../shared/domain.js';
import type { EditCommentInput, ReplyInput, ThreadView } from '../../../shared/schemas/annotations.js';
import { conflict, notFound } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { Principal } from '../policy/principal.js';
import { lockRoundForWrite } from '../rounds/round-lock.js';
import { CommentRevision } from './comment-revision.entity.js';
import { Comment } from './comment.entity.js';
import { checkMentions, touchThread } from './mentions.js';
import { RoundAccess } from './round-access.js';
import { commentNotices } from './thread-notices.js';
import { ThreadEvents } from './thread-events.js';
import { ThreadReader } from './thread-reader.service.js';
import { Thread } from './thread.entity.js';

/**
 * Replies, edits and withdrawals. Replies form a flat list under the thread's first comment: beside a passage a
 * single column reads best, and @mentions say whom a reply answers. Edits keep every earlier body as a revision;
 * a withdrawal leaves a tombstone so the replies around it still make sense. A thread left with tombstones only
 * takes no more replies.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: RoundAccess,
    private readonly reader: ThreadReader,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly events: ThreadEvents,
  ) {}

  async reply(principal: Principal | null, threadId: string, input: ReplyInput): Promise<ThreadView> {
    const found = await this.db.getRepository(Thread).findOneBy({ id: threadId });
    if (!found) throw notFound('The thread');
    const scope = await this.access.scope(principal, found.roundId);
    this.access.assert(principal, scope, 'comment.reply');
    const me = principal!;
    const { comment, notices } = await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, found.roundId);
      // Under the round's lock, so that a withdrawal cannot slip in between this check and the reply.
      if (await threadClosedToReplies(tx, threadId))
        throw conflict(
          'Every comment in this thread was withdrawn: it takes no more replies',
          ERROR_CODES.THREAD_WITHDRAWN,
        );
      const mentionIds = await checkMentions(tx, scope, input.mentions);
      const comment = await tx.getRepository(Comment).save(
        tx.getRepository(Comment).create({
          threadId,
          roundId: found.roundId,
          consultationId: found.consultationId,
          authorId: me.userId,
          body: input.body,
          official: scope.official,
          mentionIds,
        }),
      );
      await touchThread(tx, threadId);
      await this.audit.append(tx, {
        consultationId: found.consultationId,
        actorId: me.userId,
        action: 'comment.posted',
        payload: { threadId, commentId: comment.id, roundId: found.roundId },
      });
      const notices = await this.notifications.create(
        tx,
        commentNotices(found, comment, me.displayName, mentionIds, true),
      );
      return { comment, notices };
    });
    this.events.announce(found.consultationId, {
      roundId: found.roundId,
      threadId,
      commentId: comment.id,
      change: 'replied',
    });
    this.notifications.announce(notices);
    return this.reader.one(scope, threadId, { userId: me.userId, moderator: scope.moderator });
  }

  async edit(principal: Principal | null, commentId: string, input: EditCommentInput): Promise<ThreadView> {
    return this.changeOwn(principal, commentId, 'edited', async (tx, comment, scope) => {
      const mentionIds = await checkMentions(tx, scope, input.mentions);
      if (comment.body === input.body && sameSet(comment.mentionIds, mentionIds)) return false;
      await tx
        .getRepository(CommentRevision)
        .save({ commentId: comment.id, body: comment.body, reason: 'edit' as const });
      const added = mentionIds.filter((id) => !comment.mentionIds.includes(id));
      comment.body = input.body;
      comment.mentionIds = mentionIds;
      comment.editedAt = new Date();
      await tx.getRepository(Comment).save(comment);
      return { audit: 'comment.edited', newMentions: added };
    });
  }

  async withdraw(principal: Principal | null, commentId: string): Promise<ThreadView> {
    return this.changeOwn(principal, commentId, 'withdrawn', async (tx, comment) => {
      // The words move to the revisions (kept for the record); the row stays as a tombstone.
      await tx
        .getRepository(CommentRevision)
        .save({ commentId: comment.id, body: comment.body, reason: 'withdraw' as const });
      comment.body = '';
      comment.mentionIds = [];
      comment.state = 'withdrawn';
      comment.withdrawnAt = new Date();
      await tx.getRepository(Comment).save(comment);
      return { audit: 'comment.withdrawn', newMentions: [] };
    });
  }

  /** The common path of edit and withdraw: only the author, only while visible, only in an open round. */
  private async changeOwn(
    principal: Principal | null,
    commentId: string,
    change: 'edited' | 'withdrawn',
    apply: (
      tx: EntityManager,
      comment: Comment,
      scope: Awaited<ReturnType<RoundAccess['scope']>>,
    ) => Promise<false | { audit: string; newMentions: string[] }>,
  ): Promise<ThreadView> {
    const found = await this.db.getRepository(Comment).findOneBy({ id: commentId });
    if (!found) throw notFound('The comment');
    const scope = await this.access.scope(principal, found.roundId);
    this.access.assert(principal, scope, 'comment.editOwn', found.authorId);
    const me = principal!;
    const result = await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, found.roundId);
      const comment = await tx
        .getRepository(Comment)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: commentId })
        .getOneOrFail();
      if (comment.state === 'withdrawn') throw conflict('This comment was withdrawn');
      if (comment.state === 'hidden') throw conflict('This comment was hidden by the moderators');
      const done = await apply(tx, comment, scope);
      if (!done) return null;
      await touchThread(tx, comment.threadId);
      await this.audit.append(tx, {
        consultationId: comment.consultationId,
        actorId: me.userId,
        action: done.audit,
        payload: { commentId, threadId: comment.threadId, roundId: comment.roundId },
      });
      const thread = await tx.getRepository(Thread).findOneByOrFail({ id: comment.threadId });
      const notices = await this.notifications.create(
        tx,
        commentNotices(thread, comment, me.displayName, done.newMentions, false),
      );
      return { notices };
    });
    if (result) {
      this.events.announce(found.consultationId, {
        roundId: found.roundId,
        threadId: found.threadId,
        commentId,
        change,
      });
      this.notifications.announce(result.notices);
    }
    return this.reader.one(scope, found.threadId, { userId: me.userId, moderator: scope.moderator });
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * `closedToReplies` (shared/domain.ts) asked of the database: the thread has comments and none of them stands
 * (every one withdrawn). Two EXISTS probes on the thread's index: no comment is read.
 */
async function threadClosedToReplies(tx: EntityManager, threadId: string): Promise<boolean> {
  const [{ closed }]: { closed: boolean }[] = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM comments WHERE thread_id = $1)
       AND NOT EXISTS (SELECT 1 FROM comments WHERE thread_id = $1 AND state <> 'withdrawn') AS closed`,
    [threadId],
  );
  return closed;
}
