import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { useFormatDate } from '../../i18n/dates';

/**
 * At the head of an open round: until when it takes comments and positions, or, plainly, that no closing date
 * has been set (it then stays open until the secretariat closes it). Readers should not have to scroll to the
 * rounds at the foot of the page to learn how long they have.
 */
export function RoundDeadline({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const formatDate = useFormatDate();
  if (round.status !== 'open') return null;
  return (
    <p className="round-deadline">
      {round.closesAt
        ? t('header.until', { number: round.number, date: formatDate(round.closesAt) })
        : t('header.none', { number: round.number })}
    </p>
  );
}
