import { useTranslation } from 'react-i18next';
import { HttpError } from '../api/http';

/**
 * A failed request, said for people in their language. A form says what a status or code means where it is
 * shown (`says`: a wrong password on sign-in, a taken address on sign-up); a 400 naming fields the form marks
 * (`marks`: the fields it shows) points at them; otherwise a translated sentence for the status. The server's own message is
 * English, so it is added only to an English page, for the details.
 */
export function ErrorMessage({
  error,
  says = {},
  marks = [],
}: {
  error: unknown;
  says?: Record<string, string>;
  marks?: string[];
}) {
  const { t, i18n } = useTranslation('common');
  if (!error) return null;
  const http = error instanceof HttpError ? error : null;
  const status = http?.status ?? 0;
  const known: Record<number, string> = {
    400: t('errors.invalid'),
    401: t('errors.unauthenticated'),
    403: t('errors.forbidden'),
    409: t('errors.conflict'),
    429: t('errors.rateLimited'),
  };
  const specific = (http && says[http.code]) ?? says[status];
  const marked = !!http?.fields.some((f) => marks.includes(f.field));
  const showDetail =
    !specific && !marked && i18n.language === 'en' && error instanceof Error && error.message;
  return (
    // Focusable from script only, for a form to send focus here (useFocusOnFailure).
    <p role="alert" className="error" tabIndex={-1}>
      {specific ?? (marked ? t('errors.checkFields') : (known[status] ?? t('errors.generic')))}
      {showDetail && <span className="error-detail"> ({(error as Error).message})</span>}
    </p>
  );
}
