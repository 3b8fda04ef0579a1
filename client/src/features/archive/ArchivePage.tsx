import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { Link } from 'react-router-dom';
import { useFormatDate } from '../../i18n/dates';
import { useArchive } from './api';

/** Closed rounds of public consultations and their published summaries, for anyone. */
export function ArchivePage() {
  const { t } = useTranslation('archive');
  useDocumentTitle(t('title'));
  const formatDate = useFormatDate();
  const { data, isLoading, error } = useArchive();
  if (isLoading) return <p role="status">{t('common:loading')}</p>;
  if (error || !data) return <p role="alert">{(error as Error | null)?.message ?? t('common:error')}</p>;
  return (
    <section aria-labelledby="archive-title">
      <h1 id="archive-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {data.length === 0 && <p>{t('empty')}</p>}
      <ul className="archive-list">
        {data.map((c) => (
          <li key={c.consultationId} className="card">
            <h2 dir="auto">{c.title}</h2>
            <p className="question" dir="auto">
              {c.question}
            </p>
            <ul>
              {c.rounds.map((r) => (
                <li key={r.roundId}>
                  <Link to={`/archive/rounds/${r.roundId}`}>{t('round', { number: r.number })}</Link>
                  {r.closedAt && <> — {t('closedOn', { date: formatDate(r.closedAt, 'date') })}</>} ·{' '}
                  {r.summaryVersions > 0
                    ? t('summaryVersions', { count: r.summaryVersions })
                    : t('noSummary')}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
