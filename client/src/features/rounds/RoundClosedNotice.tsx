import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { useFormatDate } from '../../i18n/dates';

/**
 * The first thing a reader of a closed round sees: it is over, its draft is frozen as it stood at closing and
 * is on record, since when, and where the record is. Without it a closed round looks like a quiet live one.
 */
export function RoundClosedNotice({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const formatDate = useFormatDate();
  if (round.status !== 'closed' || !round.closedAt) return null;
  const date = formatDate(round.closedAt);
  return (
    <div className="round-closed-notice" role="note" aria-labelledby="round-closed-title">
      <strong id="round-closed-title">{t('closedNotice.title', { number: round.number })}</strong>
      <p>{t('closedNotice.body', { date })}</p>
      <Link to={`/archive/rounds/${round.id}`}>{t('closedNotice.archive', { number: round.number })}</Link>
    </div>
  );
}
