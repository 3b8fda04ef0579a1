import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/useMe';
import { useConsultations } from '../consultations/api';
import { StatusBadge } from '../consultations/StatusBadge';
import { CreateConsultationForm } from './CreateConsultationForm';
import { useDocumentTitle } from '../../app/useDocumentTitle';

/** The secretariat console: every consultation, and a form to start a new one. */
export function ConsolePage() {
  const { t } = useTranslation('console');
  useDocumentTitle(t('title'));
  const me = useMe();
  const list = useConsultations();
  if (me.isLoading) return <p role="status">{t('common:loading')}</p>;
  if (me.data?.platformRole !== 'secretariat') {
    return (
      <section>
        <h1>{t('title')}</h1>
        <p role="alert">{t('secretariatOnly')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="console-title">
      <h1 id="console-title">{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className="console-grid">
        <section aria-labelledby="console-list-title">
          <h2 id="console-list-title">{t('list.title')}</h2>
          {list.data?.length === 0 && <p className="meta">{t('list.empty')}</p>}
          <ul className="console-list">
            {list.data?.map((c) => (
              <li key={c.id}>
                <StatusBadge status={c.status} />{' '}
                <Link to={`/console/consultations/${c.id}`} dir="auto">
                  {c.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <CreateConsultationForm />
      </div>
    </section>
  );
}
