import { useTranslation } from 'react-i18next';
import type { DigestView } from '../../../../shared/schemas/summaries';
import { hasPositions } from '../positions/stances';
import { optionTotals, participationSentence } from './digest-content';

/**
 * The generated digest at a glance, beside the editor: each option's figures (or a sentence saying nobody has
 * taken a position on it) and where stakeholder groups diverge (or a sentence saying none does), passages (or
 * a sentence saying none was discussed), participation.
 */
export function DigestPanel({ digest }: { digest: DigestView }) {
  const { t } = useTranslation('summaries');
  const p = digest.participation;
  return (
    <section className="digest-panel" aria-labelledby="digest-title">
      <h3 id="digest-title">{t('digest.title')}</h3>
      {digest.talliesHidden && <p>{t('digest.talliesHidden')}</p>}
      <ul>
        {digest.options.map((o) => (
          <li key={o.optionId}>
            <strong dir="auto">{o.label}</strong>
            <p className="digest-totals">{optionTotals(digest, o, t)}</p>
            {hasPositions(o.tally) && !o.divergence.some((d) => d.diverges) && (
              <p className="meta">{t('digest.noDivergence')}</p>
            )}
            {o.divergence
              .filter((d) => d.diverges)
              .map((d) => (
                <p key={d.currency} className="divergence">
                  {t(`currencies.${d.currency}`)}:{' '}
                  {d.groups
                    .filter((g) => g.leaning)
                    .map((g) =>
                      t('digest.leaning', {
                        group: t(`groups.${g.group}`, { defaultValue: g.group }),
                        leaning: t(`leanings.${g.leaning}`),
                      }),
                    )
                    .join('; ')}
                </p>
              ))}
          </li>
        ))}
      </ul>
      <h4>{t('digest.passages')}</h4>
      {digest.mostDiscussedPassages.length > 0 ? (
        <ol>
          {digest.mostDiscussedPassages.map((m) => (
            <li key={m.quote}>
              <q dir="auto">{m.quote}</q> — {t('digest.threadCount', { count: m.threads })}
            </li>
          ))}
        </ol>
      ) : (
        <p className="meta">
          {t(digest.roundStatus === 'closed' ? 'digest.noPassagesClosed' : 'digest.noPassages')}
        </p>
      )}
      <p>
        {t('digest.openAndOrphaned', {
          open: digest.openThreads.length,
          orphaned: digest.orphanedThreads.length,
        })}
      </p>
      <p>{participationSentence(p, t)}</p>
      {p.topFiveWordShare !== null && (
        <p>{t('digest.concentration', { share: Math.round(p.topFiveWordShare * 100) })}</p>
      )}
    </section>
  );
}
