import { useTranslation } from 'react-i18next';
import type { RoundView } from '../../../../shared/schemas/consultations';
import { useClosingRecord, useVerifyRound } from './api';

type Counts = Record<string, number | Record<string, number>>;

/** A closed round's public account: its digest, what it holds, and a button that checks it against the database. */
export function ClosingRecordPanel({ round }: { round: RoundView }) {
  const { t, i18n } = useTranslation('rounds');
  const record = useClosingRecord(round.id, round.status === 'closed');
  const verify = useVerifyRound(round.id);
  const counts: Counts = record.data?.record.counts ?? {};
  // Counts keyed by option id (positions by option) read better with the option's label.
  const sealedOptions = record.data?.record.sections.options;
  const optionLabels = new Map(
    Array.isArray(sealedOptions)
      ? (sealedOptions as { id: string; label: string }[]).map((o) => [o.id, o.label])
      : [],
  );
  const name = (key: string) => optionLabels.get(key) ?? t(`record.counts.${key}`, { defaultValue: key });
  const result = verify.data;
  return (
    <section className="closing-record" aria-label={t('record.title', { number: round.number })}>
      <h4>{t('record.title', { number: round.number })}</h4>
      <dl className="record-facts">
        <dt>{t('record.digest')}</dt>
        <dd>
          <code className="digest">{round.closingDigest}</code>
        </dd>
        {Object.entries(counts).map(([key, value]) => (
          <div key={key} className="record-count">
            <dt>{name(key)}</dt>
            <dd dir="auto">
              {typeof value === 'number'
                ? value.toLocaleString(i18n.resolvedLanguage)
                : // A no-break space keeps each count on the line of the option it counts.
                  Object.entries(value)
                    .map(([k, v]) => `${name(k)}:\u00a0${v.toLocaleString(i18n.resolvedLanguage)}`)
                    .join(' · ') || '—'}
            </dd>
          </div>
        ))}
      </dl>
      {/* Only content kept back is "withheld": an item public but for its account ids is said apart, or
          readers take every comment for censored. */}
      {!!record.data?.withheldItems && (
        <p className="meta">{t('record.withheld', { count: record.data.withheldItems })}</p>
      )}
      {!!record.data?.accountIdsLeftOut && (
        <p className="meta">{t('record.accountIds', { count: record.data.accountIdsLeftOut })}</p>
      )}
      <p className="meta">{t('record.howToCheck')}</p>
      <div className="record-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => verify.mutate()}
          disabled={verify.isPending}
        >
          {verify.isPending ? t('record.verifying') : t('record.verify')}
        </button>
        <a
          className="button secondary"
          href={`/api/rounds/${round.id}/record`}
          download={`round-${round.number}-record.json`}
        >
          {t('record.download')}
        </a>
      </div>
      <div role="status" aria-live="polite">
        {result?.valid && <p className="verify-ok">{t('record.valid')}</p>}
        {result && !result.valid && (
          <p className="verify-bad">
            {t('record.invalid', {
              section: result.firstDifference?.section ?? '—',
              item: result.firstDifference?.itemId ?? '—',
              reason: result.firstDifference?.reason ?? '',
            })}
          </p>
        )}
        {verify.error && <p className="error">{verify.error.message}</p>}
      </div>
    </section>
  );
}
