import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import { StatusBadge } from '../consultations/StatusBadge';
import { RoundControls } from '../rounds/RoundControls';
import { fromLocalInput, useRoundActions } from '../rounds/api';
import { Countdown } from '../rounds/Countdown';
import { ScheduledWithoutDeadline } from '../rounds/ScheduledWithoutDeadline';
import { useFormatDate } from '../../i18n/dates';

/**
 * Every round with its controls, and the form that schedules the next one once the last has closed; until
 * then, what the round in the way needs (opening, or closing).
 */
export function RoundsManager({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation('console');
  const { create } = useRoundActions(c.id);
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const formatDate = useFormatDate();
  const warningId = useId();
  // Set to open by itself with no deadline: warned here, as opening by hand would warn, and the button says so.
  const opensAlone = fromLocalInput(opensAt);
  const noDeadline = !!opensAlone && !closesAt;
  // At most one round is not closed: the one in the way of scheduling the next.
  const current = c.rounds.find((r) => r.status !== 'closed');
  return (
    <section aria-labelledby="rounds-manager-title">
      <h2 id="rounds-manager-title">{t('rounds.title')}</h2>
      <ol className="console-rounds">
        {c.rounds.map((r) => (
          <li key={r.id}>
            <h3>
              {t('rounds.round', { number: r.number })} <StatusBadge status={r.status} />
            </h3>
            {r.status === 'open' && r.closesAt && <Countdown deadline={r.closesAt} />}
            {r.status === 'closed' && (
              <p className="meta">
                {t('rounds.digest')} <code className="digest">{r.closingDigest}</code>
              </p>
            )}
            <RoundControls key={`${r.id}-${r.status}-${r.closesAt ?? ''}`} round={r} />
          </li>
        ))}
      </ol>
      {!current ? (
        <form
          className="schedule-form"
          aria-labelledby="schedule-title"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { opensAt: fromLocalInput(opensAt), closesAt: fromLocalInput(closesAt) },
              {
                onSuccess: () => {
                  setOpensAt('');
                  setClosesAt('');
                },
              },
            );
          }}
        >
          <h3 id="schedule-title">{t('rounds.schedule', { number: c.rounds.length + 1 })}</h3>
          <div className="inline-form">
            <label>
              {t('rounds.opensAt')}
              <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
            </label>
            <label>
              {t('rounds.closesAt')}
              <input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
            </label>
            <button
              type="submit"
              disabled={create.isPending}
              aria-describedby={noDeadline ? warningId : undefined}
            >
              {noDeadline ? t('rounds.createNoDeadline') : t('rounds.create')}
            </button>
          </div>
          {noDeadline && (
            <ScheduledWithoutDeadline id={warningId} number={c.rounds.length + 1} opensAt={opensAlone} />
          )}
          {c.rounds.length > 0 && <p className="meta">{t('rounds.fromPrevious')}</p>}
        </form>
      ) : (
        <p className="meta">
          {current.status === 'open'
            ? t('rounds.waitOpen', { number: current.number })
            : current.opensAt
              ? t('rounds.waitScheduledAt', { number: current.number, date: formatDate(current.opensAt) })
              : t('rounds.waitScheduled', { number: current.number })}
        </p>
      )}
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
    </section>
  );
}
