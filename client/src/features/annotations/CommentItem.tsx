import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentView } from '../../../../shared/schemas/annotations';
import { useFormatDate } from '../../i18n/dates';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useEditComment, useFlagComment, useModerate, useWithdrawComment } from './api';
import { CommentError } from './CommentError';
import { CommentText } from './CommentText';
import { Composer } from './Composer';
import { ReasonForm } from './ReasonForm';

export interface Viewer {
  userId: string | null;
  canComment: boolean;
  moderator: boolean;
}

type Mode = 'read' | 'edit' | 'flag' | 'hide' | 'unhide';

export function CommentItem({
  comment,
  roundId,
  viewer,
}: {
  comment: CommentView;
  roundId: string;
  viewer: Viewer;
}) {
  const { t } = useTranslation('annotations');
  const formatDate = useFormatDate();
  const [mode, setMode] = useState<Mode>('read');
  /** The action whose form was open: its button gets focus back when the form closes (else focus is lost). */
  const closedFrom = useRef<Mode | null>(null);
  const actions = useRef<HTMLDivElement>(null);
  const open = (m: Mode) => {
    closedFrom.current = m;
    setMode(m);
  };
  useEffect(() => {
    if (mode !== 'read' || !closedFrom.current) return;
    const from = closedFrom.current;
    closedFrom.current = null;
    // Hiding turns "Hide" into "Show again" (and back): that button stands where the other was.
    const turned: Partial<Record<Mode, Mode>> = { hide: 'unhide', unhide: 'hide' };
    const buttons = actions.current;
    const back =
      buttons?.querySelector<HTMLElement>(`[data-action="${from}"]`) ??
      buttons?.querySelector<HTMLElement>(`[data-action="${turned[from]}"]`) ??
      buttons?.querySelector<HTMLElement>('button');
    back?.focus();
  }, [mode]);
  const [flagged, setFlagged] = useState(false);
  const edit = useEditComment(roundId);
  const withdraw = useWithdrawComment(roundId);
  const [askingToWithdraw, setAskingToWithdraw] = useState(false);
  const flag = useFlagComment();
  const moderate = useModerate(roundId);
  const own = !!viewer.userId && comment.author?.id === viewer.userId;
  const author = comment.author?.displayName ?? t('comment.unknownAuthor');

  return (
    <li className={`comment comment-${comment.state}`} data-comment-id={comment.id}>
      <div className="comment-head">
        <strong dir="auto">{author}</strong>
        {comment.author?.organisation && (
          <span className="meta" dir="auto">
            {comment.author.organisation}
          </span>
        )}
        {comment.official && <span className="badge badge-official">{t('comment.official')}</span>}
        <time className="meta" dateTime={comment.createdAt}>
          {formatDate(comment.createdAt)}
        </time>
        {comment.editedAt && comment.state === 'visible' && (
          <span className="meta" title={formatDate(comment.editedAt)}>
            {t('comment.edited')}
          </span>
        )}
        {viewer.moderator && comment.openFlags > 0 && (
          <span className="badge badge-flagged">{t('comment.flags', { count: comment.openFlags })}</span>
        )}
      </div>
      {comment.state === 'withdrawn' && <p className="comment-tombstone">{t('comment.withdrawn')}</p>}
      {comment.state === 'hidden' && (
        <p className="comment-tombstone">{t('comment.hidden', { reason: comment.hiddenReason ?? '' })}</p>
      )}
      {comment.body !== null && mode !== 'edit' && <CommentText body={comment.body} />}
      {mode === 'edit' && comment.body !== null && (
        <Composer
          roundId={roundId}
          draftKey={`edit:${comment.id}`}
          label={t('comment.editLabel')}
          submitLabel={t('comment.save')}
          initialBody={comment.body}
          autoFocus
          busy={edit.isPending}
          error={edit.error}
          onSubmit={(body, mentions) =>
            edit.mutateAsync({ commentId: comment.id, body, mentions }).then(() => setMode('read'))
          }
          onCancel={() => setMode('read')}
        />
      )}
      {mode === 'flag' && (
        <ReasonForm
          label={t('moderation.flagReason')}
          submitLabel={t('moderation.flag')}
          lostOnLeaving={t('moderation.unsavedFlag', { name: author })}
          onSubmit={(reason) =>
            flag.mutateAsync({ commentId: comment.id, reason }).then(() => setFlagged(true))
          }
          onCancel={() => setMode('read')}
        />
      )}
      {(mode === 'hide' || mode === 'unhide') && (
        <ReasonForm
          label={t('moderation.publicReason')}
          submitLabel={mode === 'hide' ? t('moderation.hide') : t('moderation.unhide')}
          lostOnLeaving={t(mode === 'hide' ? 'moderation.unsavedHide' : 'moderation.unsavedUnhide', {
            name: author,
          })}
          onSubmit={(reason) => moderate.mutateAsync({ commentId: comment.id, action: mode, reason })}
          onCancel={() => setMode('read')}
        />
      )}
      {mode === 'read' && (
        <div className="comment-actions" ref={actions}>
          {own && viewer.canComment && comment.state === 'visible' && (
            <>
              <button type="button" className="link-button" data-action="edit" onClick={() => open('edit')}>
                {t('comment.edit')}
              </button>
              <button type="button" className="link-button" onClick={() => setAskingToWithdraw(true)}>
                {t('comment.withdraw')}
              </button>
            </>
          )}
          {!own && viewer.canComment && comment.state === 'visible' && (
            <button
              type="button"
              className="link-button"
              data-action="flag"
              // aria-disabled rather than disabled: once flagged, focus comes back here, and a disabled button
              // cannot hold it.
              aria-disabled={flagged || undefined}
              onClick={() => !flagged && open('flag')}
            >
              {flagged ? t('moderation.flagged') : t('moderation.flag')}
            </button>
          )}
          {viewer.moderator && viewer.canComment && comment.state === 'visible' && (
            <button type="button" className="link-button" data-action="hide" onClick={() => open('hide')}>
              {t('moderation.hide')}
            </button>
          )}
          {viewer.moderator && viewer.canComment && comment.state === 'hidden' && (
            <button type="button" className="link-button" data-action="unhide" onClick={() => open('unhide')}>
              {t('moderation.unhide')}
            </button>
          )}
        </div>
      )}
      {withdraw.error && <CommentError error={withdraw.error} />}
      <ConfirmDialog
        open={askingToWithdraw}
        title={t('comment.withdrawDialog.title')}
        cancelLabel={t('comment.withdrawDialog.keep')}
        confirmLabel={t('comment.withdraw')}
        onCancel={() => setAskingToWithdraw(false)}
        onConfirm={() => {
          setAskingToWithdraw(false);
          withdraw.mutate(comment.id);
        }}
      >
        <p>{t('comment.withdrawDialog.lead')}</p>
      </ConfirmDialog>
    </li>
  );
}
