import { memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { closedToReplies } from '../../../../shared/domain';
import type { ThreadView } from '../../../../shared/schemas/annotations';
import { annotationBridge, type LivePosition } from './annotation-bridge';
import { useReply, useThreadStatus } from './api';
import { CommentError } from './CommentError';
import { CommentItem, type Viewer } from './CommentItem';
import { Composer } from './Composer';
import { UnsentReply } from './UnsentReply';

/**
 * One thread: its passage (with what it reads now), its comments, a reply composer. Keyed by thread id in
 * the lists, so live updates re-render it without remounting the composer someone is typing in. A resolved
 * thread still takes replies, as the server does. A thread whose every comment was withdrawn keeps its
 * tombstones and says it takes no more replies, in place of the composer; a reply someone was typing when that
 * happened stays in view to copy (UnsentReply).
 */
export const ThreadCard = memo(function ThreadCard({
  thread,
  viewer,
  active,
  now,
  onFocus,
  onShow = onFocus,
  showPosition = true,
  onReplying,
  kept = false,
}: {
  thread: ThreadView;
  viewer: Viewer;
  active: boolean;
  /** Where the passage stands in the draft as this browser has it now (null for option and round threads). */
  now: LivePosition | null;
  /** Focus entered the card: mark the thread active (passage highlighted), scrolling nothing. */
  onFocus: (threadId: string) => void;
  /** The person asked to see the passage (its quote): bring it into view in the draft. */
  onShow?: (threadId: string) => void;
  /** Name the position a position thread discusses (not needed right under that position's rationale). */
  showPosition?: boolean;
  /** Someone started or stopped replying here: focus in the reply box, or text not yet sent. */
  onReplying?: (threadId: string, replying: boolean) => void;
  /** In the list only because the reader was replying when it stopped matching the list's filter. */
  kept?: boolean;
}) {
  const { t } = useTranslation('annotations');
  const reply = useReply(thread.roundId);
  const status = useThreadStatus(thread.roundId);
  const mayResolve =
    viewer.canComment && (viewer.moderator || (!!viewer.userId && thread.author?.id === viewer.userId));
  const a = thread.anchor;
  const orphaned = now?.status === 'orphaned';
  const closed = closedToReplies(thread.comments);
  const draftKey = `reply:${thread.id}`;
  const threadId = thread.id;
  const onActiveChange = useCallback(
    (replying: boolean) => onReplying?.(threadId, replying),
    [onReplying, threadId],
  );
  return (
    <article
      className={`thread-card${active ? ' is-active' : ''}${thread.status === 'resolved' ? ' is-resolved' : ''}`}
      data-thread-id={thread.id}
      aria-label={t('thread.label', { author: thread.author?.displayName ?? '' })}
      tabIndex={-1}
      // Focus only highlights the passage: scrolling the draft here would carry the field just tapped or
      // tabbed to out of view (one column on a phone). Scrolling is for the quote, when asked.
      onFocus={() => annotationBridge.get().activeThreadId !== thread.id && onFocus(thread.id)}
    >
      {a && (
        <button
          type="button"
          className="thread-quote"
          onClick={() => onShow(thread.id)}
          title={t('thread.show')}
        >
          <q dir="auto">{a.quote.exact}</q>
          {now?.status === 'moved' && now.currentText !== null && (
            <span className="thread-now" dir="auto">
              {t('anchor.nowReads')} <q>{now.currentText}</q>
            </span>
          )}
          {orphaned && <span className="badge badge-orphaned">{t('anchor.orphaned')}</span>}
        </button>
      )}
      {showPosition && thread.position && (
        <p className="thread-position" dir="auto">
          {t('thread.onPosition', {
            actor: thread.position.actorName,
            stance: t(`positions:stance.${thread.position.stance}`),
          })}
          {thread.position.withdrawn && <span className="badge">{t('thread.positionWithdrawn')}</span>}
        </p>
      )}
      <div className="thread-badges">
        {thread.carriedFrom && (
          <span className="badge">{t('thread.carried', { number: thread.carriedFrom.roundNumber })}</span>
        )}
        {thread.status === 'resolved' && <span className="badge badge-resolved">{t('thread.resolved')}</span>}
      </div>
      <ol className="comments">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} roundId={thread.roundId} viewer={viewer} />
        ))}
      </ol>
      {closed && <p className="meta">{t('thread.allWithdrawn')}</p>}
      {kept && (
        <p className="notice thread-kept" role="status">
          {t(thread.status === 'resolved' ? 'thread.keptResolved' : 'thread.keptReopened')}
        </p>
      )}
      {viewer.canComment && !closed ? (
        <Composer
          roundId={thread.roundId}
          draftKey={draftKey}
          label={t('thread.replyLabel')}
          submitLabel={t('thread.reply')}
          busy={reply.isPending}
          error={reply.error}
          onSubmit={(body, mentions) => reply.mutateAsync({ threadId: thread.id, body, mentions })}
          onActiveChange={onActiveChange}
        />
      ) : (
        <UnsentReply roundId={thread.roundId} draftKey={draftKey} />
      )}
      {mayResolve && (
        <button
          type="button"
          className="button-secondary thread-status-button"
          disabled={status.isPending}
          onClick={() =>
            status.mutate({ threadId: thread.id, status: thread.status === 'open' ? 'resolved' : 'open' })
          }
        >
          {thread.status === 'open' ? t('thread.resolve') : t('thread.reopen')}
        </button>
      )}
      {status.error && <CommentError error={status.error} />}
    </article>
  );
});
