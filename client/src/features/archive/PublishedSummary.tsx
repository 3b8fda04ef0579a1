import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationKind, SummaryVersionView } from '../../../../shared/schemas/summaries';
import { useFormatDate } from '../../i18n/dates';
import { CitationPopover } from './CitationPopover';

const KINDS = ['position', 'comment', 'thread'];

/**
 * A published version. Its HTML was rendered on the server from the frozen document by an allowlist
 * (escaped text, known elements only, http(s)/mailto links) and is the same bytes for every reader, so it
 * is shown as is. Clicking a citation opens what it points at.
 */
export function PublishedSummary({ version }: { version: SummaryVersionView }) {
  const { t } = useTranslation('archive');
  const formatDate = useFormatDate();
  const [open, setOpen] = useState<{ kind: CitationKind; id: string } | null>(null);
  const onClick = (e: React.MouseEvent) => {
    const a = (e.target as HTMLElement).closest('a.citation');
    if (!a) return;
    const kind = a.getAttribute('data-citation-kind') ?? '';
    const id = a.getAttribute('data-citation-id') ?? '';
    if (!KINDS.includes(kind)) return;
    e.preventDefault();
    setOpen({ kind: kind as CitationKind, id });
  };
  return (
    <article className="published-summary" aria-labelledby="published-title">
      <header>
        <h2 id="published-title">{t('summary.version', { number: version.number })}</h2>
        <p className="meta">
          {t('summary.published', { date: formatDate(version.publishedAt) })}
          {version.publishedBy && <> · {version.publishedBy}</>}
          {version.changeNote && (
            <>
              {' '}
              · <q dir="auto">{version.changeNote}</q>
            </>
          )}
        </p>
      </header>
      <div
        className="summary-body"
        dir="auto"
        onClick={onClick}
        dangerouslySetInnerHTML={{ __html: version.html }}
      />
      {open && <CitationPopover kind={open.kind} id={open.id} onClose={() => setOpen(null)} />}
      <footer className="hash">SHA-256 {version.sha256}</footer>
    </article>
  );
}
