import { useTranslation } from 'react-i18next';
import { HttpError } from '../../api/http';

/**
 * A failed request, said for people: known statuses get a translated sentence, and the server's own message
 * (in English, precise) follows for the details.
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('auth');
  if (!error) return null;
  const status = error instanceof HttpError ? error.status : 0;
  const known: Record<number, string> = {
    400: t('errors.invalid'),
    401: t('errors.unauthenticated'),
    403: t('errors.forbidden'),
    409: t('errors.conflict'),
    429: t('errors.rateLimited'),
  };
  return (
    <p role="alert" className="error">
      {known[status] ?? t('errors.generic')}
      {error instanceof Error && error.message && <span className="error-detail"> ({error.message})</span>}
    </p>
  );
}
