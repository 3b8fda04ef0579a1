import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useConsultation } from '../consultations/api';
import { useSummaryVersion, useSummaryVersions } from '../summaries/api';
import { DraftDiff } from './DraftDiff';
import { ExportDownloads } from './ExportDownloads';
import { PublishedSummary } from './PublishedSummary';
import { VerifyDigest } from './VerifyDigest';
import { useRound } from './api';

/** One closed round in the archive: its published summary, the draft at closing and the digest's check. */
export function ArchiveRoundPage() {
  const { roundId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation('archive');
  const round = useRound(roundId);
  const consultation = useConsultation(round.data?.consultationId ?? '');
  useDocumentTitle(
    round.data && t('round', { number: round.data.number }),
    consultation.data?.title,
    t('title'),
  );
  const versions = useSummaryVersions(roundId);
  const latest = versions.data?.at(-1)?.number ?? null;
  const chosen = Number(params.get('version')) || latest;
  const version = useSummaryVersion(roundId, chosen);
  if (round.error) return <p role="alert">{(round.error as Error).message}</p>;
  if (!round.data || !consultation.data) return <p role="status">{t('common:loading')}</p>;
  const c = consultation.data;
  const previous = c.rounds.find((r) => r.number === round.data.number - 1 && r.status === 'closed');
  return (
    <article aria-labelledby="archive-round-title" className="archive-round">
      <p className="no-print">
        <Link to="/archive">← {t('title')}</Link>
      </p>
      <h1 id="archive-round-title" dir="auto">
        {c.title} — {t('round', { number: round.data.number })}
      </h1>
      <p className="question" dir="auto">
        {c.question}
      </p>
      {round.data.status !== 'closed' && <p>{t('notClosed')}</p>}
      {versions.data && versions.data.length > 1 && (
        <nav aria-label={t('summary.versions')} className="no-print">
          <label>
            {t('summary.versions')}{' '}
            <select value={chosen ?? ''} onChange={(e) => setParams({ version: e.target.value })}>
              {versions.data.map((v) => (
                <option key={v.number} value={v.number}>
                  {t('summary.version', { number: v.number })}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
      {version.data ? (
        <PublishedSummary version={version.data} />
      ) : (
        versions.data && <p>{t('noSummaryYet')}</p>
      )}
      {round.data.status === 'closed' && (
        <>
          <ExportDownloads
            roundId={roundId}
            number={round.data.number}
            version={version.data?.number ?? null}
          />
          <VerifyDigest roundId={roundId} digest={round.data.closingDigest} />
          <DraftDiff roundId={roundId} previousRoundId={previous?.id} />
        </>
      )}
    </article>
  );
}
