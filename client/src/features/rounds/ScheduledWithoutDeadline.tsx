import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../i18n/dates';

/**
 * A round set to open by itself with no deadline opens without anyone being asked, and then stays open until
 * someone closes it: the warning that opening by hand gives, said while the secretariat can still set one.
 */
export function ScheduledWithoutDeadline({
  id,
  number,
  opensAt,
}: {
  id?: string;
  number: number;
  /** ISO instant. */
  opensAt: string;
}) {
  const { t } = useTranslation('rounds');
  const formatDate = useFormatDate();
  return (
    <p id={id} className="notice">
      {t('schedule.noDeadline', { number, date: formatDate(opensAt) })}
    </p>
  );
}
