import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { wordDiff } from '../../../../shared/word-diff';
import { useClosingDraft } from './api';

/** The draft as it stood when the round closed, and what changed since the previous round's closing. */
export function DraftDiff({ roundId, previousRoundId }: { roundId: string; previousRoundId?: string }) {
  const { t } = useTranslation('archive');
  const current = useClosingDraft(roundId);
  const previous = useClosingDraft(previousRoundId);
  const parts = useMemo(
    () => (current.data && previous.data ? wordDiff(previous.data.text, current.data.text) : null),
    [current.data, previous.data],
  );
  if (!current.data) return <p role="status">{t('common:loading')}</p>;
  return (
    <section aria-labelledby="draft-title" className="no-print">
      <h2 id="draft-title">{t('draft.title')}</h2>
      {parts ? (
        <>
          <p>{t('draft.diffIntro', { number: previous.data!.number })}</p>
          <div className="draft-text diff" dir="auto">
            {parts.map((p, i) =>
              p.kind === 'same' ? (
                <span key={i}>{p.text}</span>
              ) : p.kind === 'added' ? (
                <ins key={i} title={t('draft.added')}>
                  {p.text}
                </ins>
              ) : (
                <del key={i} title={t('draft.removed')}>
                  {p.text}
                </del>
              ),
            )}
          </div>
        </>
      ) : (
        <>
          {!previousRoundId && <p>{t('draft.firstRound')}</p>}
          <div className="draft-text" dir="auto">
            {current.data.text}
          </div>
        </>
      )}
    </section>
  );
}
