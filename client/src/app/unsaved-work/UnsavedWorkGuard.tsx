import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router-dom';
import { ConfirmDialog } from '../ConfirmDialog';
import { UnsavedWork } from './unsaved-work';
import { UnsavedWorkContext } from './useUnsavedChangesGuard';

/**
 * The one place that asks before unsaved work is left: the browser's question before the page unloads, and
 * ours before a link, a redirect or the back button moves to another page of the app. Forms declare their
 * work with useUnsavedChangesGuard; a router holds one blocker at a time, so there is one guard, here.
 */
export function UnsavedWorkGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [work] = useState(() => new UnsavedWork());
  const any = useSyncExternalStore(work.subscribe, () => work.any());

  // Only while there is something to lose: some browsers keep a page with this listener out of their
  // back/forward cache.
  useEffect(() => {
    if (!any) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [any]);

  // Another page (not another tab or anchor of this one) unmounts the forms and their drafts.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname && work.lostOnNavigation().length > 0,
    [work],
  );
  const blocker = useBlocker(shouldBlock);
  const blocked = blocker.state === 'blocked';

  return (
    <UnsavedWorkContext.Provider value={work}>
      {children}
      {/* Names each piece that would be lost; "Stay", which loses nothing, has the focus. */}
      <ConfirmDialog
        open={blocked}
        title={t('leave.title')}
        cancelLabel={t('leave.stay')}
        confirmLabel={t('leave.confirm')}
        onCancel={() => blocker.reset?.()}
        onConfirm={() => {
          work.discardLostOnNavigation();
          blocker.proceed?.();
        }}
      >
        <p>{t('leave.lead')}</p>
        <ul>
          {(blocked ? work.lostOnNavigation() : []).map((what) => (
            <li key={what} dir="auto">
              {what}
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </UnsavedWorkContext.Provider>
  );
}
