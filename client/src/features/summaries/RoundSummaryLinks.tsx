import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConsultationView, RoundView } from '../../../../shared/schemas/consultations';

/** Beside each round on the consultation page: the chairs' summary workspace, and the archive once closed. */
export function RoundSummaryLinks({
  consultation,
  round,
}: {
  consultation: ConsultationView;
  round: RoundView;
}) {
  const { t } = useTranslation('summaries');
  const mayWork = consultation.viewerRole === 'chair' || consultation.viewerRole === 'secretariat';
  return (
    <>
      {mayWork && (
        <>
          {' '}
          ·{' '}
          <Link to={`/consultations/${consultation.id}/rounds/${round.number}/summary`}>
            {t('link.workspace')}
          </Link>
        </>
      )}
      {round.status === 'closed' && (
        <>
          {' '}
          · <Link to={`/archive/rounds/${round.id}`}>{t('link.archive')}</Link>
        </>
      )}
    </>
  );
}
