import { useTranslation } from 'react-i18next';
import { RoundSummaryLinks } from '../summaries/RoundSummaryLinks';
import type { ConsultationView, RoundView } from '../../../../shared/schemas/consultations';
import { StatusBadge } from '../consultations/StatusBadge';
import { ClosingRecordPanel } from './ClosingRecordPanel';
import { Countdown } from './Countdown';
import { RoundChanges } from './RoundChanges';
import { LiveNoticeRegion } from './LiveNoticeRegion';
import { useRoundLiveUpdates } from './useRoundLiveUpdates';
import { useFormatDate } from '../../i18n/dates';

function RoundDates({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const fmt = useFormatDate();
  const parts: string[] = [];
  if (round.status === 'scheduled') {
    parts.push(round.opensAt ? t('dates.opensAt', { date: fmt(round.opensAt) }) : t('dates.opensManually'));
  }
  if (round.openedAt) parts.push(t('dates.openedAt', { date: fmt(round.openedAt) }));
  if (round.closedAt) parts.push(t('dates.closedAt', { date: fmt(round.closedAt) }));
  else if (round.closesAt) parts.push(t('dates.closesAt', { date: fmt(round.closesAt) }));
  return <p className="meta">{parts.join(' · ')}</p>;
}

/**
 * The consultation's rounds, oldest first: dates, a live countdown to the open round's deadline, and the
 * closing record of each closed round. Stays current through the consultation's live events.
 */
export function RoundTimeline({ consultation }: { consultation: ConsultationView }) {
  const { t } = useTranslation('rounds');
  const notice = useRoundLiveUpdates(consultation.id);
  return (
    <>
      <LiveNoticeRegion notice={notice} />
      {consultation.rounds.length === 0 && <p className="meta">{t('timeline.none')}</p>}
      <ol className="timeline round-timeline">
        {consultation.rounds.map((r) => (
          <li key={r.id} className={`round-entry round-${r.status}`} data-round={r.number}>
            <h3 className="round-heading">
              {t('timeline.round', { number: r.number })} <StatusBadge status={r.status} />
              <span className="round-links">
                <RoundSummaryLinks consultation={consultation} round={r} />
              </span>
            </h3>
            <RoundDates round={r} />
            {r.number > 1 && <RoundChanges round={r} />}
            {r.status === 'open' && r.closesAt && <Countdown deadline={r.closesAt} />}
            {r.status === 'closed' && r.closingDigest && <ClosingRecordPanel round={r} />}
          </li>
        ))}
      </ol>
    </>
  );
}
