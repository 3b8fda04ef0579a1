import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useConsultations } from './api';
import { StatusBadge } from './StatusBadge';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useFormatDate } from '../../i18n/dates';

export function ConsultationList() {
  const { t } = useTranslation('consultations');
  const formatDate = useFormatDate();
  useDocumentTitle(t('list.title'));
  const { data, isLoading, error } = useConsultations();
  return (
    <section aria-labelledby="consultations-title">
      <h1 id="consultations-title">{t('list.title')}</h1>
      <p className="lead">{t('list.lead')}</p>
      {isLoading && <p role="status">{t('common:loading')}</p>}
      {error && <p role="alert">{(error as Error).message}</p>}
      {data?.length === 0 && <p>{t('list.empty')}</p>}
      <ul className="card-list">
        {data?.map((c) => (
          <li key={c.id} className="card">
            <div className="card-head">
              <StatusBadge status={c.status} />
              {c.visibility === 'restricted' && <span className="badge">{t('visibility.restricted')}</span>}
            </div>
            <h2>
              <Link to={`/consultations/${c.id}`} dir="auto">
                {c.title}
              </Link>
            </h2>
            <p className="question" dir="auto">
              {c.question}
            </p>
            <p className="meta">
              {t('list.options', { count: c.optionCount })}
              {c.currentRound && (
                <>
                  {' · '}
                  {t('round.label', { number: c.currentRound.number })}
                  {c.currentRound.status === 'open' && (
                    <>
                      {' · '}
                      {c.currentRound.closesAt
                        ? t('round.closesOn', { date: formatDate(c.currentRound.closesAt, 'date') })
                        : t('round.noDeadline')}
                    </>
                  )}
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
