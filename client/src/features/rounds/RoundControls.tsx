import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { CloseRoundDialog } from './CloseRoundDialog';
import { OpenRoundDialog } from './OpenRoundDialog';
import { ScheduledWithoutDeadline } from './ScheduledWithoutDeadline';
import { fromLocalInput, toLocalInput, useRoundActions } from './api';

/**
 * The secretariat's actions on one round: open a scheduled round; move the deadline of an open one, or close
 * it. Opening and closing cannot be undone: each asks first, saying what it means. The deadline field here
 * and the opening dialog's are one value, so the round opens with the deadline shown, whether saved or typed.
 */
export function RoundControls({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const actions = useRoundActions(round.consultationId);
  const [confirming, setConfirming] = useState<'open' | 'close' | null>(null);
  const [deadline, setDeadline] = useState(toLocalInput(round.closesAt));
  // Opening says its own failure in its dialog, which stays open for it.
  const error = [actions.close, actions.reschedule].find((m) => m.error)?.error;
  if (round.status === 'closed') return null;
  const deadlineId = `deadline-${round.id}`;
  return (
    <div className="round-controls">
      {round.status === 'scheduled' && (
        <>
          <button type="button" onClick={() => setConfirming('open')}>
            {t('controls.open', { number: round.number })}
          </button>
          <OpenRoundDialog
            round={round}
            open={confirming === 'open'}
            deadline={deadline}
            onDeadlineChange={setDeadline}
            pending={actions.open.isPending}
            error={actions.open.error}
            onCancel={() => setConfirming(null)}
            onConfirm={() =>
              actions.open.mutate({
                roundId: round.id,
                // Sent only when changed: the field holds minutes, a saved deadline may have seconds.
                ...(deadline === toLocalInput(round.closesAt) ? {} : { closesAt: fromLocalInput(deadline) }),
              })
            }
          />
        </>
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
      {round.status === 'scheduled' && round.opensAt && !round.closesAt && (
        <ScheduledWithoutDeadline number={round.number} opensAt={round.opensAt} />
      )}
      {round.status === 'open' && (
        <>
          <button type="button" className="danger" onClick={() => setConfirming('close')}>
            {t('controls.close', { number: round.number })}
          </button>
          <CloseRoundDialog
            number={round.number}
            open={confirming === 'close'}
            pending={actions.close.isPending}
            onCancel={() => setConfirming(null)}
            onConfirm={() => actions.close.mutate(round.id, { onSettled: () => setConfirming(null) })}
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
