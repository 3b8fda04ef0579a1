import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wordDiff } from '../../../../shared/word-diff';
import { withScrollingTables } from '../../ui/TableScroll';
import { useClosingDraft } from './api';

type Mode = 'record' | 'changes';

/**
 * The draft as it stood when the round closed: the official text on record, with its headings, lists, links
 * and tables; and, as a second view, what changed in its words since the previous round's closing.
 */
export function DraftDiff({ roundId, previousRoundId }: { roundId: string; previousRoundId?: string }) {
  const { t } = useTranslation('archive');
  const [mode, setMode] = useState<Mode>('record');
  const current = useClosingDraft(roundId);
  const previous = useClosingDraft(previousRoundId);
  const parts = useMemo(
    () => (current.data && previous.data ? wordDiff(previous.data.text, current.data.text) : null),
    [current.data, previous.data],
  );
  const html = current.data?.html;
  // Each of its tables scrolls in a region of its own, as the app's other tables do, never the page.
  const record = useMemo(
    () => html && withScrollingTables(html, (number) => t('draft.tableRegion', { number })),
    [html, t],
  );
  if (!current.data) return <p role="status">{t('common:loading')}</p>;
  return (
    <section aria-labelledby="draft-title" className="no-print">
      <h2 id="draft-title">{t('draft.title')}</h2>
      {parts && (
        <div role="group" aria-label={t('draft.view')} className="draft-modes">
          {(['record', 'changes'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className="secondary"
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
            >
              {m === 'record' ? t('draft.asRecorded') : t('draft.changes', { number: previous.data!.number })}
            </button>
          ))}
        </div>
      )}
      {parts && mode === 'changes' ? (
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
          {/* Rendered on the server from the sealed state by an allowlist (escaped text, known elements,
              http(s)/mailto links only), like a published summary: safe to show as is. */}
          <div className="draft-record" dir="auto" dangerouslySetInnerHTML={{ __html: record ?? '' }} />
        </>
      )}
    </section>
  );
}
