import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { In, Not } from 'typeorm';
import {
  ROUND_EVENTS,
  withoutAccountIds,
  type RoundClosing,
  type RoundCreatingFromPrevious,
} from '../rounds/round-events.js';
import { CommentRevision } from './comment-revision.entity.js';
import { Comment } from './comment.entity.js';
import { Thread } from './thread.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Item = Record<string, unknown>;
type AddSection = (
  section: string,
  content: unknown,
  counts: Record<string, number>,
  options?: { publicView?: (item: never) => Item | null },
) => void;

/**
 * What readers outside the secretariat see of a sealed thread: everything but account ids. (The rounds module's
 * closing record applies these views to its public export; the sealed record keeps every field.)
 */
export function threadPublicView(t: Item): Item {
  return withoutAccountIds(t);
}

/**
 * A sealed comment for public readers: no account ids; a hidden comment shows its public reason, not its words;
 * a withdrawn one is a tombstone; earlier bodies are shown only for edits, never for a withdrawal.
 */
export function commentPublicView(c: Item): Item {
  const { body, revisions, ...rest } = withoutAccountIds(c);
  if (c.state !== 'visible') return rest;
  return {
    ...rest,
    body,
    revisions: (revisions as { reason: string }[]).filter((r) => r.reason === 'edit'),
  };
}

/** Threads and comments in the round's life: frozen into the closing record, carried into the next round. */
@Injectable()
export class AnnotationsRoundListener {
  /**
   * The closing record gets every thread and every comment, hidden ones included with their state and reason
   * (the record is the full record), and earlier bodies of edited or withdrawn comments.
   */
  @OnEvent(ROUND_EVENTS.CLOSING, { promisify: true })
  async onClosing(event: RoundClosing) {
    const m = event.manager;
    // The fourth argument (public views) is understood by the rounds module's builder; an older one ignores it.
    const add = event.record.add.bind(event.record) as AddSection;
    const threads = await m
      .getRepository(Thread)
      .find({ where: { roundId: event.round.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const comments = await m
      .getRepository(Comment)
      .find({ where: { roundId: event.round.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const revisions = comments.length
      ? await m.getRepository(CommentRevision).find({
          where: { commentId: In(comments.map((c) => c.id)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    add(
      'threads',
      threads.map((t) => ({
        id: t.id,
        target: t.target,
        optionId: t.optionId,
        positionId: t.positionId,
        status: t.status,
        authorId: t.authorId,
        anchor: t.anchorStart
          ? {
              start: t.anchorStart,
              end: t.anchorEnd,
              quote: { exact: t.quoteExact, prefix: t.quotePrefix, suffix: t.quoteSuffix },
            }
          : null,
        resolvedAt: iso(t.resolvedAt),
        resolvedById: t.resolvedById,
        carriedFromThreadId: t.carriedFromThreadId,
        createdAt: iso(t.createdAt),
      })),
      { threads: threads.length },
      { publicView: threadPublicView },
    );
    add(
      'comments',
      comments.map((c) => ({
        id: c.id,
        threadId: c.threadId,
        authorId: c.authorId,
        body: c.body,
        state: c.state,
        official: c.official,
        mentionIds: c.mentionIds,
        hiddenReason: c.hiddenReason,
        hiddenById: c.hiddenById,
        hiddenAt: iso(c.hiddenAt),
        editedAt: iso(c.editedAt),
        withdrawnAt: iso(c.withdrawnAt),
        createdAt: iso(c.createdAt),
        revisions: revisions
          .filter((r) => r.commentId === c.id)
          .map((r) => ({ body: r.body, reason: r.reason, createdAt: iso(r.createdAt) })),
      })),
      { comments: comments.length },
      { publicView: commentPublicView },
    );
  }

  /**
   * Open threads continue in the next round. The new draft starts from the previous round's Yjs state, so the
   * same relative positions still resolve there; the thread and its comments are copied (marked as carried
   * from round N, linked to the original), so the closed round's record stays untouched. Threads on positions
   * stay behind: positions are not carried over, so there is nothing for them to discuss in the new round (they
   * remain in the closed round's record).
   */
  @OnEvent(ROUND_EVENTS.CREATING_FROM_PREVIOUS, { promisify: true })
  async onCreatingFromPrevious(event: RoundCreatingFromPrevious) {
    const m = event.manager;
    const open = await m.getRepository(Thread).find({
      where: { roundId: event.previous.id, status: 'open', target: Not('position') },
      order: { createdAt: 'ASC' },
    });
    if (open.length === 0) return;
    const comments = await m
      .getRepository(Comment)
      .find({ where: { threadId: In(open.map((t) => t.id)) }, order: { createdAt: 'ASC' } });
    for (const old of open) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = old;
      const copy = await m.getRepository(Thread).save(
        m.getRepository(Thread).create({
          ...rest,
          roundId: event.round.id,
          createdAt: old.createdAt,
          carriedFromThreadId: old.id,
          carriedFromRoundId: event.previous.id,
          carriedFromRoundNumber: event.previous.number,
        }),
      );
      const own = comments.filter((c) => c.threadId === old.id);
      if (own.length) {
        await m.getRepository(Comment).save(
          own.map((c) => {
            const { id: _cid, ...fields } = c;
            return m.getRepository(Comment).create({
              ...fields,
              threadId: copy.id,
              roundId: event.round.id,
              carriedFromCommentId: c.id,
            });
          }),
        );
      }
    }
  }
}
