import { useTranslation } from 'react-i18next';
import { ERROR_CODES } from '../../../../shared/domain';
import { ErrorMessage } from '../../ui/ErrorMessage';

/**
 * A refused comment, thread, edit, flag or moderation, in the reader's language: what each refusal means for
 * a comment is said here; anything else falls back to the shared translated sentence for its status. The
 * server's English message never stands alone on a page in another language.
 */
export function CommentError({ error, marks }: { error: unknown; marks?: string[] }) {
  const { t } = useTranslation('annotations');
  return (
    <ErrorMessage
      error={error}
      marks={marks}
      says={{
        ROUND_CLOSED: t('errors.roundClosed'),
        POSITION_WITHDRAWN: t('errors.positionWithdrawn'),
        [ERROR_CODES.THREAD_WITHDRAWN]: t('errors.threadWithdrawn'),
        // 422 (not the code: every 400 shares it): the anchor no longer matches the draft, which changed since
        // the passage was selected.
        422: t('errors.passageChanged'),
        404: t('errors.gone'),
        409: t('errors.changed'),
      }}
    />
  );
}
