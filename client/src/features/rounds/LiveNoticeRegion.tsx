import { useTranslation } from 'react-i18next';
import type { LiveNotice } from './useRoundLiveUpdates';

/** Announces the latest live change politely, so screen-reader users hear what sighted users see move. */
export function LiveNoticeRegion({ notice }: { notice: LiveNotice | null }) {
  const { t } = useTranslation('rounds');
  let text = '';
  if (notice?.kind === 'round') text = t(`live.${notice.change}`, { number: notice.number });
  if (notice?.kind === 'closingSoon')
    text = t('live.closingSoon', { number: notice.number, count: notice.minutesLeft });
  if (notice?.kind === 'consultation') text = t('live.consultation');
  return (
    <p className="live-notice" role="status" aria-live="polite">
      {text}
    </p>
  );
}
