import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS } from '../../../../shared/domain';
import type { Viewer } from '../annotations/CommentItem';
import { usePositionList, type PositionFilters } from './api';
import { PositionDiscussion } from './PositionDiscussion';
import { STANCE_COLOURS, STANCES } from './stances';
import { useFormatDate } from '../../i18n/dates';

const FILTERS = [
  { name: 'stance', values: STANCES, label: (t: (k: string) => string, v: string) => t(`stance.${v}`) },
  {
    name: 'group',
    values: STAKEHOLDER_GROUPS,
    label: (t: (k: string) => string, v: string) => t(`group.${v}`),
  },
  {
    name: 'membership',
    values: MEMBERSHIPS,
    label: (t: (k: string) => string, v: string) => t(`membership.${v}`),
  },
  { name: 'region', values: REGIONS, label: (t: (k: string) => string, v: string) => t(`region.${v}`) },
] as const;

/**
 * Who said what on one option, with their rationale, filterable by stance, group, membership and region.
 * Loaded only when opened. Each rationale can be discussed: "Discuss" opens the threads on that position
 * (annotation threads with target `position`) inline.
 */
export function RationalesList({
  roundId,
  optionId,
  viewer,
}: {
  roundId: string;
  optionId: string;
  viewer: Viewer;
}) {
  const { t } = useTranslation('positions');
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState<PositionFilters>({ optionId });
  const list = usePositionList(roundId, filters, open);
  const items = list.data && !list.data.hidden ? list.data.items : [];
  const formatDate = useFormatDate();

  return (
    <details className="rationales" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('rationales.title')}</summary>
      <div className="rationale-filters">
        {FILTERS.map((f) => (
          <label key={f.name}>
            <span>{t(`rationales.filter.${f.name}`)}</span>
            <select
              className="field"
              value={filters[f.name] ?? ''}
              onChange={(e) => setFilters({ ...filters, [f.name]: e.target.value || undefined })}
            >
              <option value="">{t('rationales.any')}</option>
              {f.values.map((v) => (
                <option key={v} value={v}>
                  {f.label(t, v)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {list.isLoading && <p role="status">{t('common:loading')}</p>}
      {list.data?.hidden && <p className="meta">{t('panel.hidden')}</p>}
      {list.data && !list.data.hidden && items.length === 0 && <p className="meta">{t('rationales.none')}</p>}
      <ul className="rationale-items" aria-live="polite">
        {items.map((p) => (
          <li key={p.id}>
            <p className="rationale-head">
              <span
                className="stance-swatch"
                style={{ background: STANCE_COLOURS[p.stance] }}
                aria-hidden="true"
              />
              <strong dir="auto">{p.actorName}</strong> · {t(`stance.${p.stance}`)}
              {p.preferred && <> · {t('rationales.preferred')}</>}
            </p>
            {p.rationale && (
              <p className="rationale-text" dir="auto">
                {p.rationale}
              </p>
            )}
            <p className="meta">
              {[
                t(p.capacity === 'organisation' ? 'rationales.organisation' : 'rationales.personal'),
                p.stakeholderGroup && t(`group.${p.stakeholderGroup}`),
                p.membership && t(`membership.${p.membership}`),
                p.region && t(`region.${p.region}`),
                p.country,
              ]
                .filter(Boolean)
                .join(' · ')}
              {p.capacity === 'organisation' && <> · {t('form.castBy', { name: p.castByName })}</>} ·{' '}
              <time dateTime={p.updatedAt}>{formatDate(p.updatedAt)}</time>
            </p>
            <PositionDiscussion
              roundId={roundId}
              positionId={p.id}
              threadCount={p.threadCount}
              viewer={viewer}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}
