import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SERVER_EVENTS } from '../../../../shared/events';
import { getSocket } from '../../realtime/socket';
import { annotationKeys, useMarkNotificationsRead, useNotifications } from '../annotations/api';
import { useMe } from '../auth/useMe';
import { notificationLine } from './notification-line';
import { useFormatDate } from '../../i18n/dates';

/**
 * The header's notifications: a count of unread ones, updated live, and the latest in a small list. The list
 * closes on Escape (wherever the focus is inside it, which then returns to the bell) and on a click outside.
 */
export function NotificationsMenu() {
  const { t } = useTranslation('annotations');
  const formatDate = useFormatDate();
  const { t: tn } = useTranslation('notifications');
  const menu = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { data } = useNotifications(!!me);
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!me) return;
    const s = getSocket();
    const onNotification = () => void qc.invalidateQueries({ queryKey: annotationKeys.notifications });
    s.on(SERVER_EVENTS.NOTIFICATION, onNotification);
    return () => void s.off(SERVER_EVENTS.NOTIFICATION, onNotification);
  }, [me, qc]);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);
  if (!me) return null;
  const unread = data?.unread ?? 0;
  return (
    <div
      className="notifications-menu"
      ref={menu}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.stopPropagation();
        setOpen(false);
        bell.current?.focus();
      }}
    >
      <button
        ref={bell}
        type="button"
        aria-expanded={open}
        aria-label={t('notifications.open', { count: unread })}
        onClick={() => setOpen(!open)}
      >
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
          <path
            d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v3L2 11.5h12L12.5 9V6A4.5 4.5 0 0 0 8 1.5zM6.2 12.8a1.9 1.9 0 0 0 3.6 0z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 && <span className="notifications-count">{unread}</span>}
      </button>
      {open && (
        <div className="notifications-popover" role="region" aria-label={t('notifications.title')}>
          {(data?.items.length ?? 0) === 0 && <p>{t('notifications.empty')}</p>}
          <ul>
            {data?.items.slice(0, 15).map((n) => (
              <li key={n.id} className={n.readAt ? '' : 'is-unread'}>
                {n.consultationId ? (
                  <Link to={`/consultations/${n.consultationId}`} onClick={() => setOpen(false)} dir="auto">
                    {notificationLine(tn, n)}
                  </Link>
                ) : (
                  <span dir="auto">{notificationLine(tn, n)}</span>
                )}
                <time className="meta" dateTime={n.createdAt}>
                  {formatDate(n.createdAt)}
                </time>
              </li>
            ))}
          </ul>
          {unread > 0 && (
            <button type="button" className="button-secondary" onClick={() => markRead.mutate()}>
              {t('notifications.markRead')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
