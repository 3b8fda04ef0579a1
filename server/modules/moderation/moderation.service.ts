import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type {
  ModerationLogEntry,
  ModerationQueueItem,
  ThreadView,
} from '../../../shared/schemas/annotations.js';
import { conflict, notFound } from '../../common/errors.js';
import { Comment } from '../annotations/comment.entity.js';
import { touchThread } from '../annotations/mentions.js';
import { loadPeople } from '../annotations/people.js';
import { RoundAccess } from '../annotations/round-access.js';
import { ThreadEvents } from '../annotations/thread-events.js';
import { ThreadReader } from '../annotations/thread-reader.service.js';
import { toCommentView } from '../annotations/thread-views.js';
import { AuditService } from '../audit/audit.service.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import type { Principal } from '../policy/principal.js';
import { lockRoundForWrite } from '../rounds/round-lock.js';
import { CommentFlag } from './comment-flag.entity.js';
import { ModerationAction } from './moderation-action.entity.js';

/**
 * Flags, the moderators' queue, and hiding / showing again with a public reason. Nothing is ever deleted:
 * a hidden comment keeps its words for the record and the moderators, and every decision is both in the
 * audit chain and in the consultation's public moderation log.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundAccess,
    private readonly consultations: ConsultationAccess,
    private readonly reader: ThreadReader,
    private readonly audit: AuditService,
    private readonly events: ThreadEvents,
  ) {}

  async flag(principal: Principal | null, commentId: string, reason: string): Promise<{ flagged: true }> {
    const comment = await this.db.getRepository(Comment).findOneBy({ id: commentId });
    if (!comment) throw notFound('The comment');
    const scope = await this.rounds.scope(principal, comment.roundId);
    this.rounds.assert(principal, scope, 'comment.flag');
    const me = principal!;
    if (comment.authorId === me.userId)
      throw conflict('You cannot flag your own comment; withdraw it instead');
    if (comment.state === 'withdrawn') throw conflict('This comment was withdrawn');
    const created = await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, comment.roundId);
      const result = await tx.query(
        `INSERT INTO comment_flags (comment_id, consultation_id, user_id, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id, user_id) DO NOTHING RETURNING id`,
        [commentId, comment.consultationId, me.userId, reason],
      );
      const rows = Array.isArray(result[0]) ? result[0] : result;
      if (rows.length === 0) return false; // Already flagged by this person: once is enough.
      await this.audit.append(tx, {
        consultationId: comment.consultationId,
        actorId: me.userId,
        action: 'comment.flagged',
        payload: { commentId, roundId: comment.roundId, reason },
      });
      return true;
    });
    // Only the moderators' views change: who flagged what is not the public's business.
    if (created) {
      const moderators: { id: string }[] = await this.db.query(
        `SELECT id FROM users WHERE platform_role = 'secretariat' AND disabled_at IS NULL
         UNION SELECT user_id FROM consultation_roles WHERE consultation_id = $1 AND role = 'chair'`,
        [comment.consultationId],
      );
      this.events.announceToModerators(
        moderators.map((m) => m.id),
        { roundId: comment.roundId, threadId: comment.threadId, commentId, change: 'flagged' },
      );
    }
    return { flagged: true };
  }

  async hide(principal: Principal | null, commentId: string, reason: string) {
    return this.decide(principal, commentId, 'hide', reason);
  }

  async unhide(principal: Principal | null, commentId: string, reason: string) {
    return this.decide(principal, commentId, 'unhide', reason);
  }

  private async decide(
    principal: Principal | null,
    commentId: string,
    action: 'hide' | 'unhide',
    reason: string,
  ): Promise<ThreadView> {
    const found = await this.db.getRepository(Comment).findOneBy({ id: commentId });
    if (!found) throw notFound('The comment');
    const scope = await this.rounds.scope(principal, found.roundId);
    this.rounds.assert(principal, scope, 'moderate');
    const me = principal!;
    await this.db.transaction(async (tx) => {
      await lockRoundForWrite(tx, found.roundId);
      const comment = await tx
        .getRepository(Comment)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: commentId })
        .getOneOrFail();
      if (comment.state === 'withdrawn') throw conflict('This comment was withdrawn by its author');
      if (action === 'hide' && comment.state === 'hidden') throw conflict('This comment is already hidden');
      if (action === 'unhide' && comment.state !== 'hidden') throw conflict('This comment is not hidden');
      comment.state = action === 'hide' ? 'hidden' : 'visible';
      comment.hiddenReason = action === 'hide' ? reason : null;
      comment.hiddenById = action === 'hide' ? me.userId : null;
      comment.hiddenAt = action === 'hide' ? new Date() : null;
      await tx.getRepository(Comment).save(comment);
      // The open flags are answered by this decision.
      await tx
        .getRepository(CommentFlag)
        .createQueryBuilder()
        .update()
        .set({ decidedAt: () => 'now()' })
        .where('comment_id = :commentId AND decided_at IS NULL', { commentId })
        .execute();
      await tx.getRepository(ModerationAction).save({
        consultationId: comment.consultationId,
        roundId: comment.roundId,
        commentId,
        action,
        reason,
        moderatorId: me.userId,
      });
      if (action === 'hide') {
        // Notifications quoted the words; once hidden they must not stay readable there, nor leave by email.
        await tx.query(
          `DELETE FROM email_outbox WHERE sent_at IS NULL AND notification_id IN
             (SELECT id FROM notifications WHERE comment_id = $1)`,
          [commentId],
        );
        // The parts the client composes a line from lose the words too, and say it was hidden and why.
        await tx.query(
          `UPDATE notifications
              SET text = $2, data = (data - 'excerpt' - 'quote') || jsonb_build_object('hiddenReason', $3::text)
            WHERE comment_id = $1`,
          [commentId, `A comment was hidden by the moderators: ${reason}`, reason],
        );
      }
      await touchThread(tx, comment.threadId);
      await this.audit.append(tx, {
        consultationId: comment.consultationId,
        actorId: me.userId,
        action: action === 'hide' ? 'comment.hidden' : 'comment.unhidden',
        payload: { commentId, roundId: comment.roundId, reason },
      });
    });
    this.events.announce(found.consultationId, {
      roundId: found.roundId,
      threadId: found.threadId,
      commentId,
      change: action === 'hide' ? 'hidden' : 'unhidden',
    });
    return this.reader.one(scope, found.threadId, { userId: me.userId, moderator: true });
  }

  /** Comments with open flags, most flagged first: what the moderators should look at. */
  async queue(principal: Principal | null, consultationId: string): Promise<ModerationQueueItem[]> {
    await this.assertModerator(principal, consultationId);
    const flags = await this.db
      .getRepository(CommentFlag)
      .find({ where: { consultationId, decidedAt: IsNull() }, order: { createdAt: 'ASC' } });
    const open = flags.filter((f) => !f.decidedAt);
    if (open.length === 0) return [];
    const comments = await this.db
      .getRepository(Comment)
      .findBy({ id: In([...new Set(open.map((f) => f.commentId))]) });
    const people = await loadPeople(this.db.manager, [
      ...comments.flatMap((c) => [c.authorId, ...c.mentionIds]),
      ...open.map((f) => f.userId),
    ]);
    const viewer = { userId: principal!.userId, moderator: true };
    return comments
      .map((c) => {
        const own = open.filter((f) => f.commentId === c.id);
        return {
          comment: toCommentView(c, people, viewer, own.length),
          roundId: c.roundId,
          flags: own.map((f) => ({
            id: f.id,
            reason: f.reason,
            createdAt: f.createdAt.toISOString(),
            by: people.get(f.userId) ?? null,
          })),
        };
      })
      .sort((a, b) => b.flags.length - a.flags.length);
  }

  /** Public: anyone who may read the consultation sees what was hidden or shown again, when, and why. */
  async log(principal: Principal | null, consultationId: string): Promise<ModerationLogEntry[]> {
    await this.consultations.assert(principal, consultationId, 'consultation.read');
    const actions = await this.db
      .getRepository(ModerationAction)
      .find({ where: { consultationId }, order: { createdAt: 'DESC' }, take: 500 });
    const people = await loadPeople(
      this.db.manager,
      actions.map((a) => a.moderatorId),
    );
    return actions.map((a) => ({
      id: a.id,
      action: a.action,
      commentId: a.commentId,
      roundId: a.roundId,
      reason: a.reason,
      moderator: a.moderatorId
        ? { id: a.moderatorId, displayName: people.get(a.moderatorId)?.displayName ?? '' }
        : null,
      createdAt: a.createdAt.toISOString(),
    }));
  }

  /** The queue is readable on a closed round too, so the policy is asked without a round in the context. */
  private async assertModerator(principal: Principal | null, consultationId: string) {
    await this.consultations.assert(principal, consultationId, 'consultation.read');
    await this.consultations.assert(principal, consultationId, 'moderate');
  }
}
