import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommentSearch } from './api';

const GROUPS = [
  'government',
  'private_sector',
  'civil_society',
  'intergovernmental',
  'academic_technical',
] as const;

/** Full-text search over the round's comments, by thread status and the author's stakeholder group. */
export function CommentSearch({ roundId, onOpen }: { roundId: string; onOpen: (threadId: string) => void }) {
  const { t } = useTranslation('annotations');
  const id = useId();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('');
  const [status, setStatus] = useState('');
  const deferred = useDeferredValue(q);
  const results = useCommentSearch(roundId, { q: deferred, group, status });
  return (
    <div className="comment-search" role="search">
      <label htmlFor={id} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={id}
        type="search"
        dir="auto"
        value={q}
        maxLength={200}
        placeholder={t('search.label')}
        onChange={(e) => setQ(e.target.value)}
      />
      {q && (
        <div className="comment-search-filters">
          <select aria-label={t('search.group')} value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{t('search.anyGroup')}</option>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`positions:group.${g}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('search.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('filter.all')}</option>
            <option value="open">{t('search.open')}</option>
            <option value="resolved">{t('search.resolved')}</option>
          </select>
        </div>
      )}
      {q && results.data && (
        <ul className="comment-search-results" aria-live="polite">
          {results.data.length === 0 && <li className="meta">{t('search.none')}</li>}
          {results.data.map((h) => (
            <li key={h.comment.id}>
              <button type="button" className="link-button" onClick={() => onOpen(h.threadId)}>
                <strong dir="auto">{h.comment.author?.displayName}</strong>{' '}
                <span dir="auto">{h.excerpt}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
