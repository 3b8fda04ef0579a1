import { useTranslation } from 'react-i18next';
import type { Breakdown, Currency } from '../../../../shared/schemas/positions';
import type { DigestOptionView, DigestView } from '../../../../shared/schemas/summaries';
import { StanceChart } from '../positions/StanceChart';
import { hasPositions } from '../positions/stances';
import { disagreementSentence, noPositions } from './digest-content';

/** What a chair weighs when summarising an option: who stands where by group, and by region. */
const BREAKDOWNS: readonly Breakdown[] = ['group', 'region'];

/**
 * One option in the digest: whether stakeholder groups disagree on it (said in a sentence either way), and
 * where each stakeholder group and each region stands, counted in `currency`.
 */
export function DigestOption({
  digest,
  option,
  currency,
}: {
  digest: DigestView;
  option: DigestOptionView;
  currency: Currency;
}) {
  const { t } = useTranslation('summaries');
  const diverging = option.divergence.filter((d) => d.diverges);
  return (
    <li className="digest-option">
      <strong dir="auto">{option.label}</strong>
      {!hasPositions(option.tally) ? (
        <p className="meta">{noPositions(digest, t)}</p>
      ) : (
        <>
          {diverging.length ? (
            diverging.map((d) => (
              <p key={d.currency} className="divergence">
                {disagreementSentence(d, t)}
              </p>
            ))
          ) : (
            <p className="meta">{t('digest.noDivergence')}</p>
          )}
          {BREAKDOWNS.map((breakdown) => (
            <div key={breakdown} className="digest-chart">
              <p className="digest-chart-title">{t(`positions:breakdown.${breakdown}`)}</p>
              <StanceChart
                optionId={option.optionId}
                optionLabel={option.label}
                tally={option.tally.currencies[currency].all}
                breakdown={breakdown}
                closed={digest.roundStatus === 'closed'}
              />
            </div>
          ))}
        </>
      )}
    </li>
  );
}
