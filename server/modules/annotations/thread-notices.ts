import type { NotificationDraft } from '../notifications/notifications.service.js';
import type { Comment } from './comment.entity.js';
import type { Thread } from './thread.entity.js';

const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** The passage a thread is on, shortened, for the client to quote in the reader's language. */
const quoteOf = (thread: Thread) => (thread.quoteExact ? { quote: excerpt(thread.quoteExact) } : {});

/** Who hears about a new comment: the mentioned people, and the thread's author for a reply. */
export function commentNotices(
  thread: Thread,
  comment: Comment,
  actorName: string,
  mentionIds: string[],
  isReply: boolean,
): NotificationDraft[] {
  const where = thread.quoteExact ? ` on “${excerpt(thread.quoteExact)}”` : '';
  const data = { actor: actorName, excerpt: excerpt(comment.body), ...quoteOf(thread) };
  const base = {
    consultationId: thread.consultationId,
    roundId: thread.roundId,
    threadId: thread.id,
    commentId: comment.id,
  };
  const drafts: NotificationDraft[] = mentionIds
    .filter((id) => id !== comment.authorId)
    .map((userId) => ({
      ...base,
      userId,
      kind: 'mention',
      text: `${actorName} mentioned you${where}: ${excerpt(comment.body)}`,
      data,
    }));
  if (isReply && thread.authorId && thread.authorId !== comment.authorId) {
    drafts.push({
      ...base,
      userId: thread.authorId,
      kind: 'reply',
      text: `${actorName} replied to your thread${where}: ${excerpt(comment.body)}`,
      data,
    });
  }
  return drafts;
}

/**
 * A new thread on a position: the person who cast it hears, as of a reply to their own thread (unless they
 * opened it themselves, or are mentioned in it and hear of that already).
 */
export function positionThreadNotices(
  thread: Thread,
  comment: Comment,
  actorName: string,
  castById: string | null,
  mentionIds: string[],
): NotificationDraft[] {
  if (!castById || castById === comment.authorId || mentionIds.includes(castById)) return [];
  return [
    {
      userId: castById,
      kind: 'reply',
      consultationId: thread.consultationId,
      roundId: thread.roundId,
      threadId: thread.id,
      commentId: comment.id,
      text: `${actorName} opened a thread on your position: ${excerpt(comment.body)}`,
      data: { actor: actorName, excerpt: excerpt(comment.body), onPosition: true },
    },
  ];
}

/** Resolving or reopening a thread: everyone who wrote in it hears, except whoever did it. */
export function statusNotices(
  thread: Thread,
  writerIds: string[],
  actorId: string,
  actorName: string,
): NotificationDraft[] {
  const kind = thread.status === 'resolved' ? 'resolved' : 'reopened';
  const where = thread.quoteExact ? ` on “${excerpt(thread.quoteExact)}”` : '';
  return [...new Set(writerIds)]
    .filter((id) => id !== actorId)
    .map((userId) => ({
      userId,
      kind,
      consultationId: thread.consultationId,
      roundId: thread.roundId,
      threadId: thread.id,
      text: `${actorName} ${kind === 'resolved' ? 'resolved' : 'reopened'} a thread${where}`,
      data: { actor: actorName, ...quoteOf(thread) },
    }));
}
