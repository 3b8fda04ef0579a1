import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationCandidate } from '../../../../shared/schemas/summaries';
import { searchCitations } from './api';

/** Search the round's positions and visible comments, and insert a citation at the cursor. */
export function CitationPicker({ roundId, editor }: { roundId: string; editor: Editor | null }) {
  const { t } = useTranslation('summaries');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<CitationCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setResults(await searchCitations(roundId, q));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const insert = (c: CitationCandidate) => {
    if (!editor) return;
    const label = c.organisation ?? c.author ?? t(`kinds.${c.kind}`);
    editor
      .chain()
      .focus()
      .insertContent([
        { type: 'citation', attrs: { kind: c.kind, id: c.id, label } },
        { type: 'text', text: ' ' },
      ])
      .run();
  };
  return (
    <section className="citation-picker" aria-labelledby="citation-picker-title">
      <h3 id="citation-picker-title">{t('picker.title')}</h3>
      <form onSubmit={search} role="search">
        <label htmlFor="citation-search">{t('picker.label')}</label>
        <div className="row">
          <input id="citation-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <button type="submit">{t('picker.search')}</button>
        </div>
      </form>
      {error && <p role="alert">{error}</p>}
      {results && (
        <ul className="citation-results" aria-live="polite">
          {results.length === 0 && <li>{t('picker.none')}</li>}
          {results.map((c) => (
            <li key={`${c.kind}:${c.id}`}>
              <button
                type="button"
                className="linklike"
                onClick={() => insert(c)}
                disabled={!editor?.isEditable}
                data-citation-id={c.id}
              >
                <span className="badge">{t(`kinds.${c.kind}`)}</span>{' '}
                {c.stance && (
                  <>
                    <bdi>{c.optionLabel}</bdi> — {t(`positions:stance.${c.stance}`)}:{' '}
                  </>
                )}
                <bdi>{c.excerpt}</bdi>
              </button>
              <small> — {[c.author, c.organisation].filter(Boolean).join(', ')}</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
