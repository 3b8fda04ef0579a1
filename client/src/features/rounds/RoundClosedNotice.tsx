import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RoundView } from '../../../../shared/schemas/consultations';

/**
 * The first thing a reader of a closed round sees: it is over, its draft is frozen as it stood at closing and
 * is on record, since when, and where the record is. Without it a closed round looks like a quiet live one.
 */
export function RoundClosedNotice({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation('rounds');
  if (round.status !== 'closed' || !round.closedAt) return null;
  const date = new Date(round.closedAt).toLocaleString(i18n.resolvedLanguage, {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  return (
    <div className="round-closed-notice" role="note" aria-labelledby="round-closed-title">
      <strong id="round-closed-title">{t('closedNotice.title', { number: round.number })}</strong>
      <p>{t('closedNotice.body', { date })}</p>
      <Link to={`/archive/rounds/${round.id}`}>{t('closedNotice.archive', { number: round.number })}</Link>
    </div>
  );
}
