import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router-dom';
import { useIdentityChange } from '../../features/auth/useIdentityChange';
import { ConfirmDialog } from '../ConfirmDialog';
import { UnsavedWork } from './unsaved-work';
import { AskBeforeSigningOutContext, UnsavedWorkContext } from './useUnsavedChangesGuard';

/**
 * The one place that asks before unsaved work is left: the browser's question before the page unloads, and
 * ours before a link, a redirect or the back button moves to another page of the app, or before signing out
 * (asked first: "stay" must find the session still there). Forms declare their work with
 * useUnsavedChangesGuard; a router holds one blocker at a time, so there is one guard, here.
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

  // Drafts belong to the person who typed them: once someone else (or nobody) is signed in on this page, say
  // after the session ended in another tab, none of them may turn up in the next person's forms.
  useIdentityChange(() => work.discardLostOnSigningOut());

  // Signing out, once the person has chosen to lose their work: the move that follows is not asked about again.
  const signingOut = useRef(false);
  const [signOut, setSignOut] = useState<(() => Promise<unknown>) | null>(null);
  const signOutNow = useCallback(
    async (action: () => Promise<unknown>) => {
      setSignOut(null);
      work.discardLostOnSigningOut();
      signingOut.current = true;
      try {
        await action();
      } finally {
        signingOut.current = false;
      }
    },
    [work],
  );
  const askBeforeSigningOut = useCallback(
    (action: () => Promise<unknown>) => {
      if (work.lostOnSigningOut().length === 0) void signOutNow(action);
      else setSignOut(() => action);
    },
    [work, signOutNow],
  );

  // Another page (not another tab or anchor of this one) unmounts the forms and their drafts.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      !signingOut.current &&
      currentLocation.pathname !== nextLocation.pathname &&
      work.lostOnNavigation().length > 0,
    [work],
  );
  const blocker = useBlocker(shouldBlock);
  const blocked = blocker.state === 'blocked';
  const lost = blocked ? work.lostOnNavigation() : signOut ? work.lostOnSigningOut() : [];

  return (
    <UnsavedWorkContext.Provider value={work}>
      <AskBeforeSigningOutContext.Provider value={askBeforeSigningOut}>
        {children}
      </AskBeforeSigningOutContext.Provider>
      {/* Names each piece that would be lost; "Stay", which loses nothing, has the focus. */}
      <ConfirmDialog
        open={blocked || !!signOut}
        title={t('leave.title')}
        cancelLabel={t('leave.stay')}
        confirmLabel={t('leave.confirm')}
        onCancel={() => (blocked ? blocker.reset?.() : setSignOut(null))}
        onConfirm={() => {
          if (signOut) return void signOutNow(signOut);
          work.discardLostOnNavigation();
          blocker.proceed?.();
        }}
      >
        <p>{t('leave.lead')}</p>
        <ul>
          {lost.map((what) => (
            <li key={what} dir="auto">
              {what}
            </li>
          ))}
        </ul>
      </ConfirmDialog>
    </UnsavedWorkContext.Provider>
  );
}
