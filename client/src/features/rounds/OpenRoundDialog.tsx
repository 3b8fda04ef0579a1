import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useFormatDate } from '../../i18n/dates';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { fromLocalInput } from './api';

/**
 * The confirmation before opening a round, saying what opening means. A round without a deadline stays open
 * until someone closes it, and readers see no closing date: the dialog says so and takes one there and then.
 */
export function OpenRoundDialog({
  round,
  open,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  round: RoundView;
  open: boolean;
  pending: boolean;
  /** Why the last attempt failed; the dialog stays open to say it, with the deadline as typed. */
  error: unknown;
  /** `closesAt`: the deadline typed in the dialog (ISO), or null to open with the round's own or none. */
  onConfirm: (closesAt: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('rounds');
  const formatDate = useFormatDate();
  const id = useId();
  const [deadline, setDeadline] = useState('');
  return (
    <ConfirmDialog
      open={open}
      title={t('open.title', { number: round.number })}
      cancelLabel={t('open.cancel')}
      confirmLabel={t(round.closesAt || deadline ? 'open.confirm' : 'open.confirmNoDeadline', {
        number: round.number,
      })}
      pending={pending}
      onConfirm={() => onConfirm(round.closesAt ? null : fromLocalInput(deadline))}
      onCancel={onCancel}
    >
      <p>{t('open.lead')}</p>
      <ul>
        <li>{t('open.comments')}</li>
        <li>{t('open.positions')}</li>
        <li>{t('open.options')}</li>
      </ul>
      {round.closesAt ? (
        <p>{t('open.deadline', { date: formatDate(round.closesAt) })}</p>
      ) : (
        <div className="notice open-no-deadline">
          <p>{t('open.noDeadline')}</p>
          <label htmlFor={`${id}-deadline`}>{t('open.setDeadline')}</label>
          <input
            id={`${id}-deadline`}
            type="datetime-local"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
      )}
      <p>
        <strong>{t('open.final')}</strong>
      </p>
      <ErrorMessage error={error} />
    </ConfirmDialog>
  );
}
