import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import { RoundControls } from './RoundControls';

/** On the consultation page, for the secretariat only: the current round's controls and the way to the console. */
export function RoundAdmin({ consultation }: { consultation: ConsultationView }) {
  const { t } = useTranslation('rounds');
  if (consultation.viewerRole !== 'secretariat') return null;
  const current = consultation.rounds.find((r) => r.status !== 'closed');
  return (
    <section className="round-admin" aria-labelledby="round-admin-title">
      <h2 id="round-admin-title">{t('admin.title')}</h2>
      {current ? (
        <>
          <p className="meta">{t('timeline.round', { number: current.number })}</p>
          <RoundControls key={current.id + current.status + (current.closesAt ?? '')} round={current} />
        </>
      ) : (
        <p className="meta">{t('admin.noCurrent')}</p>
      )}
      <p>
        <Link to={`/console/consultations/${consultation.id}`}>{t('admin.console')}</Link>
      </p>
    </section>
  );
}
