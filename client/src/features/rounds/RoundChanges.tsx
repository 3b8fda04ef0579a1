import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import type { RoundChangeView } from '../../../../shared/schemas/rounds';
import { api } from '../../api/http';

/** What changed in the options and settings since the previous round; the draft shows its own changes. */
export function RoundChanges({ round }: { round: RoundView }) {
  const { t } = useTranslation('rounds');
  const { data } = useQuery({
    queryKey: ['rounds', round.id, 'changes', round.status],
    queryFn: () => api<RoundChangeView[]>(`/rounds/${round.id}/changes`),
  });
  if (!data?.length) return null;
  return (
    <details className="round-changes">
      <summary>{t('changes.title', { number: round.number - 1, count: data.length })}</summary>
      <ul>
        {data.map((c, i) => (
          <li key={i} dir="auto">
            {c.action === 'consultation.updated'
              ? t('changes.consultation.updated', {
                  fields: c.fields.map((f) => t(`changes.fields.${f}`, { defaultValue: f })).join(', '),
                })
              : t(`changes.${c.action}`, { label: c.option?.label ?? '' })}
          </li>
        ))}
      </ul>
    </details>
  );
}
