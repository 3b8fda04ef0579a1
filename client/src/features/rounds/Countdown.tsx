import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Time left until a deadline, ticking every second. role="timer" keeps screen readers from announcing each tick. */
export function Countdown({ deadline }: { deadline: string }) {
  const { t } = useTranslation('rounds');
  const now = useNow(1000);
  const left = Math.max(0, new Date(deadline).getTime() - now);
  const s = Math.floor(left / 1000);
  const days = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return (
    <span className="countdown" role="timer" aria-label={t('countdown.label')}>
      {left === 0
        ? t('countdown.due')
        : t('countdown.left', {
            time: days > 0 ? `${t('countdown.days', { count: days })} ${clock}` : clock,
          })}
    </span>
  );
}
