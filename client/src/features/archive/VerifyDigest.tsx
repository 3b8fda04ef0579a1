import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { verifyRound } from './api';

/** Re-gathers the closed round's content on the server and checks it against the sealed SHA-256. */
export function VerifyDigest({ roundId, digest }: { roundId: string; digest: string | null }) {
  const { t } = useTranslation('archive');
  const verify = useMutation({ mutationFn: () => verifyRound(roundId) });
  const result = verify.data;
  return (
    <section aria-labelledby="verify-title" className="verify no-print">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p>
        {t('verify.digest')} <code className="hash">{digest}</code>
      </p>
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {t('verify.run')}
      </button>
      <div aria-live="polite">
        {verify.error && <p role="alert">{(verify.error as Error).message}</p>}
        {result && (
          <p className={result.valid ? 'verify-ok' : 'verify-bad'} data-valid={result.valid}>
            {result.valid
              ? t('verify.valid')
              : t('verify.invalid', {
                  section: result.firstDifference?.section ?? '',
                  reason: result.firstDifference?.reason ?? '',
                })}
            <br />
            <small>
              {t('verify.recomputed')} <code className="hash">{result.recomputedDigest}</code>
            </small>
          </p>
        )}
      </div>
    </section>
  );
}
