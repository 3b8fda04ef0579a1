import { useTranslation } from 'react-i18next';
import type { ConsultationStatus, RoundStatus } from '../../../../shared/domain';

export function StatusBadge({ status }: { status: ConsultationStatus | RoundStatus }) {
  const { t } = useTranslation('consultations');
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
