import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { CloseRoundDialog } from './CloseRoundDialog';
import { fromLocalInput, toLocalInput, useRoundActions } from './api';

/** The secretariat's actions on one round: open a scheduled round; move the deadline of an open one, or close it. */
export function RoundControls({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const actions = useRoundActions(round.consultationId);
  const [confirming, setConfirming] = useState(false);
  const [deadline, setDeadline] = useState(toLocalInput(round.closesAt));
  const error = [actions.open, actions.close, actions.reschedule].find((m) => m.error)?.error;
  if (round.status === 'closed') return null;
  const deadlineId = `deadline-${round.id}`;
  return (
    <div className="round-controls">
      {round.status === 'scheduled' && (
        <button type="button" onClick={() => actions.open.mutate(round.id)} disabled={actions.open.isPending}>
          {t('controls.open', { number: round.number })}
        </button>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          actions.reschedule.mutate({ roundId: round.id, closesAt: fromLocalInput(deadline) });
        }}
      >
        <label htmlFor={deadlineId}>{t('controls.deadline')}</label>
        <input
          id={deadlineId}
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={actions.reschedule.isPending}>
          {round.status === 'open' ? t('controls.moveDeadline') : t('controls.setDeadline')}
        </button>
      </form>
      {round.status === 'open' && (
        <>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('controls.close', { number: round.number })}
          </button>
          <CloseRoundDialog
            number={round.number}
            open={confirming}
            pending={actions.close.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => actions.close.mutate(round.id, { onSettled: () => setConfirming(false) })}
          />
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
