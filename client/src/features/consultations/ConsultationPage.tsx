import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { OptionsPanel } from '../positions/OptionsPanel';
import { AnnotationsSidebar } from '../annotations/AnnotationsSidebar';
import { DraftPanel } from '../drafts/DraftPanel';
import { useConsultation } from './api';
import { RoundAdmin } from '../rounds/RoundAdmin';
import { RoundClosedNotice } from '../rounds/RoundClosedNotice';
import { RoundDeadline } from '../rounds/RoundDeadline';
import { RoundTimeline } from '../rounds/RoundTimeline';
import { RoundJumpNav } from './RoundJumpNav';
import type { SideTab } from './round-anchors';
import { RoundSideTabs } from './RoundSideTabs';
import { StatusBadge } from './StatusBadge';
import { useDocumentTitle } from '../../app/useDocumentTitle';

export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('consultations');
  const { data: c, isLoading, error } = useConsultation(id);
  const [sideTab, setSideTab] = useState<SideTab>('comments');
  useDocumentTitle(
    c?.currentRound && t('rounds:timeline.round', { number: c.currentRound.number }),
    c?.title,
  );
  if (isLoading) return <p role="status">{t('common:loading')}</p>;
  if (error || !c) return <p role="alert">{(error as Error | null)?.message ?? t('common:error')}</p>;
  return (
    <article aria-labelledby="consultation-title">
      <p>
        <Link to="/">← {t('list.title')}</Link>
      </p>
      <StatusBadge status={c.status} />
      <h1 id="consultation-title" dir="auto">
        {c.title}
      </h1>
      <p className="question" dir="auto">
        {c.question}
      </p>
      {c.description && <p dir="auto">{c.description}</p>}
      {c.currentRound && <RoundClosedNotice round={c.currentRound} />}
      {c.currentRound && <RoundDeadline round={c.currentRound} />}
      {c.currentRound && <RoundJumpNav onShow={setSideTab} />}
      {/* Round workspace: the draft beside the options. Features mount here, one line each. Before the first
          round there is nothing to show in it, and no tabs over empty panels. */}
      {c.currentRound && (
        <div className="round-workspace">
          <div className="round-main">
            {/* slot:draft */}
            <DraftPanel consultation={c} />
          </div>
          <aside className="round-side">
            {/* slot:side */}
            <RoundSideTabs
              tab={sideTab}
              onTab={setSideTab}
              comments={<AnnotationsSidebar consultation={c} />}
              positions={<OptionsPanel consultation={c} />}
            />
          </aside>
        </div>
      )}
      {/* slot:round-admin */}
      <RoundAdmin consultation={c} />
      {/* Before any round, the options are only read here; once a round exists the options panel shows them. */}
      {!c.currentRound && (
        <section aria-labelledby="options-title">
          <h2 id="options-title">{t('options.title')}</h2>
          {c.options.every((o) => o.retired) && <p className="meta">{t('options.none')}</p>}
          <ol className="options">
            {c.options
              .filter((o) => !o.retired)
              .map((o) => (
                <li key={o.id}>
                  <strong>{o.label}</strong>
                  {o.description && <p>{o.description}</p>}
                </li>
              ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="rounds-title">
        <h2 id="rounds-title">{t('rounds.title')}</h2>
        <RoundTimeline consultation={c} />
      </section>
    </article>
  );
}
