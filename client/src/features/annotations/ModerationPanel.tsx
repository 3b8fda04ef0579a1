import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../i18n/dates';
import { moderationKeys, useModerationLog, useModerationQueue } from './api';
import { CommentItem, type Viewer } from './CommentItem';

/**
 * For the secretariat and chairs: flagged comments waiting for a decision (hide with a public reason, from the
 * comment's own actions). For everyone: the public moderation log, folded away.
 */
export function ModerationPanel({
  consultationId,
  roundId,
  viewer,
}: {
  consultationId: string;
  roundId: string;
  viewer: Viewer;
}) {
  const { t } = useTranslation('annotations');
  const formatDate = useFormatDate();
  const qc = useQueryClient();
  const queue = useModerationQueue(consultationId, viewer.moderator);
  const log = useModerationLog(consultationId, true);
  const items = (queue.data ?? []).filter((i) => i.roundId === roundId);
  return (
    <>
      {viewer.moderator && items.length > 0 && (
        <section className="moderation-queue" aria-labelledby="moderation-queue-title">
          <h3 id="moderation-queue-title">{t('moderation.queue', { n: items.length })}</h3>
          <ol className="comments">
            {items.map((i) => (
              <li key={i.comment.id} className="moderation-item">
                <ul className="flag-reasons">
                  {i.flags.map((f) => (
                    <li key={f.id} dir="auto">
                      {t('moderation.flaggedBy', { name: f.by?.displayName ?? '', reason: f.reason })}
                    </li>
                  ))}
                </ul>
                <CommentItem comment={i.comment} roundId={roundId} viewer={viewer} />
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="link-button"
            onClick={() => void qc.invalidateQueries({ queryKey: moderationKeys.queue(consultationId) })}
          >
            {t('moderation.refresh')}
          </button>
        </section>
      )}
      {(log.data?.length ?? 0) > 0 && (
        <details className="moderation-log">
          <summary>{t('moderation.log', { n: log.data!.length })}</summary>
          <ol>
            {log.data!.map((e) => (
              <li key={e.id} dir="auto">
                <time className="meta" dateTime={e.createdAt}>
                  {formatDate(e.createdAt)}
                </time>{' '}
                {e.action === 'hide' ? t('moderation.logHide') : t('moderation.logUnhide')}: {e.reason}
                {e.moderator && <span className="meta"> — {e.moderator.displayName}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}
