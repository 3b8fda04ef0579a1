import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../auth/useMe';
import { useConsultation } from '../consultations/api';
import { StatusBadge } from '../consultations/StatusBadge';
import { LiveNoticeRegion } from '../rounds/LiveNoticeRegion';
import { useRoundLiveUpdates } from '../rounds/useRoundLiveUpdates';
import { OptionsEditor } from './OptionsEditor';
import { RoundsManager } from './RoundsManager';
import { SettingsForm } from './SettingsForm';
import { useDocumentTitle } from '../../app/useDocumentTitle';

/** One consultation in the console: settings, options, rounds; kept current by live events. */
export function ConsoleConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('console');
  const me = useMe();
  const { data: c, isLoading, error } = useConsultation(id);
  useDocumentTitle(c?.title, t('title'));
  const notice = useRoundLiveUpdates(id);
  if (isLoading || me.isLoading) return <p role="status">{t('common:loading')}</p>;
  if (me.data?.platformRole !== 'secretariat') return <p role="alert">{t('secretariatOnly')}</p>;
  if (error || !c) return <p role="alert">{(error as Error | null)?.message ?? t('common:error')}</p>;
  return (
    <article aria-labelledby="console-consultation-title">
      <p>
        <Link to="/console">← {t('title')}</Link> ·{' '}
        <Link to={`/consultations/${c.id}`}>{t('publicPage')}</Link>
      </p>
      <StatusBadge status={c.status} />
      <h1 id="console-consultation-title" dir="auto">
        {c.title}
      </h1>
      <LiveNoticeRegion notice={notice} />
      <div className="console-grid">
        <div>
          <RoundsManager consultation={c} />
          <OptionsEditor consultation={c} />
        </div>
        <SettingsForm key={c.id} consultation={c} />
      </div>
    </article>
  );
}
