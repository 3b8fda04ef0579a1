import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView } from '../../../../shared/schemas/consultations';
import { useCommentViewer } from '../annotations/useCommentViewer';
import { DRAFT_TITLE_ID } from '../consultations/round-anchors';

const LiveDraft = lazy(() => import('./LiveDraft'));

/**
 * The current round's draft, live: the secretariat edits it, everyone allowed to read watches it change.
 * Once the round is closed it is the text on record: said so, with no live or presence indicators.
 */
export function DraftPanel({ consultation }: { consultation: ConsultationView }) {
  const round = consultation.currentRound;
  const { t } = useTranslation('drafts');
  const viewer = useCommentViewer(consultation);
  if (!round) return null;
  const closed = round.status === 'closed';
  return (
    <section className="draft-panel" aria-labelledby={DRAFT_TITLE_ID}>
      <h2 id={DRAFT_TITLE_ID} tabIndex={-1}>
        {t(closed ? 'titleClosed' : 'title', { number: round.number })}
      </h2>
      <Suspense fallback={<p role="status">{t('connecting')}</p>}>
        <LiveDraft
          docName={round.draftDoc}
          closedAt={closed ? round.closedAt : null}
          canComment={viewer.canComment}
        />
      </Suspense>
    </section>
  );
}
