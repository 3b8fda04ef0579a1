import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency } from '../../../../shared/schemas/positions';
import type { DigestView } from '../../../../shared/schemas/summaries';
import { Choice } from '../positions/ChartControls';
import { StanceLegend } from '../positions/StanceChart';
import { firstCurrency, hasPositions } from '../positions/stances';
import { DigestOption } from './DigestOption';
import { DigestParticipation } from './DigestParticipation';

/**
 * The generated digest beside the editor, what a chair needs to write the summary: per option, where each
 * stakeholder group and region stands and whether the groups disagree; the most discussed passages; open
 * threads; and who took part, and who did not.
 */
export function DigestPanel({ digest }: { digest: DigestView }) {
  const { t } = useTranslation('summaries');
  const [chosen, setCurrency] = useState<Currency | null>(null);
  const currency = chosen ?? firstCurrency(digest.options.map((o) => o.tally));
  return (
    <section className="digest-panel" aria-labelledby="digest-title">
      <h3 id="digest-title">{t('digest.title')}</h3>
      {digest.talliesHidden && <p>{t('digest.talliesHidden')}</p>}
      {digest.options.some((o) => hasPositions(o.tally)) && (
        <>
          <Choice
            name="digest-currency"
            legend={t('positions:controls.currency')}
            values={CURRENCIES}
            value={currency}
            label={(c) => t(`positions:currency.${c}`)}
            onChange={setCurrency}
          />
          <p className="meta currency-hint">{t(`positions:currencyHint.${currency}`)}</p>
          <StanceLegend />
        </>
      )}
      <ul className="digest-options">
        {digest.options.map((o) => (
          <DigestOption key={o.optionId} digest={digest} option={o} currency={currency} />
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
      <DigestParticipation participation={digest.participation} />
    </section>
  );
}
