import { useTranslation } from 'react-i18next';
import { REGIONS, STAKEHOLDER_GROUPS } from '../../../../shared/domain';
import { UNSPECIFIED } from '../../../../shared/schemas/positions';
import type { ParticipationView } from '../../../../shared/schemas/summaries';
import { notHeardFromSentences, participationSentences } from './digest-content';

/**
 * How many people took part from each group or region, every one of them listed: a silent one shows as a
 * muted 0 rather than by its absence. "Not stated" only when someone is counted there.
 */
function ParticipationTable({
  breakdown,
  categories,
  counts,
}: {
  breakdown: 'group' | 'region';
  categories: readonly string[];
  counts: Record<string, number>;
}) {
  const { t } = useTranslation('summaries');
  const rows = counts[UNSPECIFIED] ? [...categories, UNSPECIFIED] : categories;
  return (
    <table className="participation-table">
      <thead>
        <tr>
          <th scope="col">{t(`positions:breakdown.${breakdown}`)}</th>
          <th scope="col">{t('digest.tookPart')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((key) => (
          <tr key={key} className={counts[key] ? undefined : 'silent'}>
            <th scope="row">{t(`positions:${breakdown}.${key}`)}</th>
            <td>{counts[key] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Who took part, in sentences that say what was counted, by stakeholder group and by region, and which
 * groups and regions were not heard from.
 */
export function DigestParticipation({ participation: p }: { participation: ParticipationView }) {
  const { t } = useTranslation('summaries');
  return (
    <section className="digest-participation" aria-labelledby="digest-participation-title">
      <h4 id="digest-participation-title">{t('digest.participation')}</h4>
      {participationSentences(p, t).map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      {p.participants > 0 && (
        <div className="participation-tables">
          <ParticipationTable breakdown="group" categories={STAKEHOLDER_GROUPS} counts={p.byGroup} />
          <ParticipationTable breakdown="region" categories={REGIONS} counts={p.byRegion} />
        </div>
      )}
      {notHeardFromSentences(p, t).map((sentence) => (
        <p key={sentence} className="not-heard">
          {sentence}
        </p>
      ))}
    </section>
  );
}
