import type { ResolvedAnchor } from '../../../shared/anchoring/anchor.js';
import type {
  CommentView,
  PersonView,
  PositionSummary,
  ThreadView,
} from '../../../shared/schemas/annotations.js';
import type { Comment } from './comment.entity.js';
import type { Thread } from './thread.entity.js';

export interface Viewer {
  userId: string | null;
  /** Sees hidden bodies and open flags. */
  moderator: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What a viewer may read of a comment: a withdrawn comment is a tombstone for everyone; a hidden one shows its
 * public reason, and its body only to the moderators.
 */
export function toCommentView(
  c: Comment,
  people: Map<string, PersonView>,
  viewer: Viewer,
  openFlags = 0,
): CommentView {
  const showBody = c.state === 'visible' || (c.state === 'hidden' && viewer.moderator);
  return {
    id: c.id,
    threadId: c.threadId,
    author: (c.authorId && people.get(c.authorId)) || null,
    body: showBody ? c.body : null,
    state: c.state,
    official: c.official,
    editedAt: iso(c.editedAt),
    createdAt: c.createdAt.toISOString(),
    hiddenReason: c.state === 'hidden' ? c.hiddenReason : null,
    mentions: showBody
      ? c.mentionIds.map((id) => ({ id, displayName: people.get(id)?.displayName ?? '' }))
      : [],
    openFlags: viewer.moderator ? openFlags : 0,
  };
}

export function storedAnchorOf(t: Thread) {
  if (t.target !== 'passage' || !t.anchorStart || !t.anchorEnd) return null;
  return {
    start: t.anchorStart,
    end: t.anchorEnd,
    quote: { exact: t.quoteExact ?? '', prefix: t.quotePrefix ?? '', suffix: t.quoteSuffix ?? '' },
  };
}

export function toThreadView(
  t: Thread,
  comments: CommentView[],
  people: Map<string, PersonView>,
  resolved: ResolvedAnchor | null,
  position: PositionSummary | null = null,
): ThreadView {
  const stored = storedAnchorOf(t);
  return {
    id: t.id,
    consultationId: t.consultationId,
    roundId: t.roundId,
    target: t.target,
    optionId: t.optionId,
    positionId: t.positionId,
    position,
    status: t.status,
    anchor: stored
      ? {
          ...stored,
          status: resolved?.status ?? 'orphaned',
          currentText: resolved?.currentText ?? null,
          from: resolved?.from ?? null,
          to: resolved?.to ?? null,
        }
      : null,
    author: (t.authorId && people.get(t.authorId)) || null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt),
    resolvedBy: (t.resolvedById && people.get(t.resolvedById)) || null,
    carriedFrom:
      t.carriedFromThreadId && t.carriedFromRoundId && t.carriedFromRoundNumber != null
        ? {
            threadId: t.carriedFromThreadId,
            roundId: t.carriedFromRoundId,
            roundNumber: t.carriedFromRoundNumber,
          }
        : null,
    comments,
  };
}
