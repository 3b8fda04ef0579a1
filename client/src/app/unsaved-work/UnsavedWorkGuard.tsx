import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router-dom';
import { useIdentityChange } from '../../features/auth/useIdentityChange';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
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
  // A move made while asked about signing out (the back button, say) is asked about first.
  const askingToSignOut = !blocked && !!signOut;
  const lost = blocked ? work.lostOnNavigation() : signOut ? work.lostOnSigningOut() : [];
  // Signing out keeps the page when refused, and loses drafts kept for other pages too: words of its own.
  const words = askingToSignOut ? 'signOut' : 'leave';

  return (
    <UnsavedWorkContext.Provider value={work}>
      <AskBeforeSigningOutContext.Provider value={askBeforeSigningOut}>
        {children}
      </AskBeforeSigningOutContext.Provider>
      {/* Names each piece that would be lost; "Stay", which loses nothing, has the focus. */}
      <ConfirmDialog
        open={blocked || !!signOut}
        title={t(`${words}.title`)}
        cancelLabel={t(`${words}.stay`)}
        confirmLabel={t(`${words}.confirm`)}
        onCancel={() => (blocked ? blocker.reset?.() : setSignOut(null))}
        onConfirm={() => {
          if (askingToSignOut) return void signOutNow(signOut);
          // The move answers a sign-out question still pending: signing out is for the person to ask again.
          setSignOut(null);
          work.discardLostOnNavigation();
          blocker.proceed?.();
        }}
      >
        <p>{t(`${words}.lead`)}</p>
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
