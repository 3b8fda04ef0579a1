import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { CommentError } from './CommentError';

/** A one-line reason (flag, hide, unhide): Enter sends, Esc cancels. */
export function ReasonForm({
  label,
  submitLabel,
  lostOnLeaving,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  /** Names the reason for the question before leaving, once one is typed ("Your reason for flagging…"). */
  lostOnLeaving: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('annotations');
  const id = useId();
  const [reason, setReason] = useState('');
  useUnsavedChangesGuard(reason.trim() ? lostOnLeaving : null);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        onSubmit(reason.trim()).then(onCancel, setError);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        dir="auto"
        value={reason}
        autoFocus
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      <button type="submit" disabled={reason.trim().length < 3}>
        {submitLabel}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('composer.cancel')}
      </button>
      <CommentError error={error} />
    </form>
  );
}
