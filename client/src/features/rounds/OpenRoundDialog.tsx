import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFormatDate } from '../../i18n/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { fromLocalInput } from './api';

/**
 * The confirmation before opening a round, saying what opening means. It holds the round's deadline field
 * (`deadline`, the same value as the field beside the round, as typed there): the round opens with what it
 * says. Without one, it warns that the round stays open until someone closes it and readers see no closing date.
 */
export function OpenRoundDialog({
  round,
  open,
  deadline,
  onDeadlineChange,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  round: RoundView;
  open: boolean;
  /** The deadline as a `datetime-local` value; empty for none. */
  deadline: string;
  onDeadlineChange: (value: string) => void;
  pending: boolean;
  /** Why the last attempt failed; the dialog stays open to say it, with the deadline as typed. */
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('rounds');
  const formatDate = useFormatDate();
  const id = useId();
  const closesAt = fromLocalInput(deadline);
  return (
    <ConfirmDialog
      open={open}
      title={t('open.title', { number: round.number })}
      cancelLabel={t('open.cancel')}
      confirmLabel={t(closesAt ? 'open.confirm' : 'open.confirmNoDeadline', { number: round.number })}
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t('open.lead')}</p>
      <ul>
        <li>{t('open.comments')}</li>
        <li>{t('open.positions')}</li>
        <li>{t('open.options')}</li>
      </ul>
      <div className={closesAt ? 'open-deadline' : 'open-deadline notice'}>
        <label htmlFor={`${id}-deadline`}>{t('open.setDeadline')}</label>
        <input
          id={`${id}-deadline`}
          type="datetime-local"
          value={deadline}
          onChange={(e) => onDeadlineChange(e.target.value)}
          aria-describedby={`${id}-deadline-means`}
        />
        <p id={`${id}-deadline-means`}>
          {closesAt ? t('open.deadline', { date: formatDate(closesAt) }) : t('open.noDeadline')}
        </p>
      </div>
      <p>
        <strong>{t('open.final')}</strong>
      </p>
      <ErrorMessage error={error} />
    </ConfirmDialog>
  );
}
