import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSummaryVersions } from './api';
import { useFormatDate } from '../../i18n/dates';

/** Every published version, newest first, each readable in the archive and downloadable. */
export function VersionsList({ roundId }: { roundId: string }) {
  const { t } = useTranslation('summaries');
  const formatDate = useFormatDate();
  const { data } = useSummaryVersions(roundId);
  if (!data?.length) return <p>{t('versions.none')}</p>;
  return (
    <ol className="versions" reversed>
      {[...data].reverse().map((v) => (
        <li key={v.number}>
          <Link to={`/archive/rounds/${roundId}?version=${v.number}`}>
            {t('versions.label', { number: v.number })}
          </Link>{' '}
          — {formatDate(v.publishedAt)}
          {v.publishedBy && <> · {v.publishedBy}</>}
          {v.changeNote && (
            <>
              {' '}
              · <q dir="auto">{v.changeNote}</q>
            </>
          )}
          <br />
          <small className="hash">SHA-256 {v.sha256}</small>
        </li>
      ))}
    </ol>
  );
}
