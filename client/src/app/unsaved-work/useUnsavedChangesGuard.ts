import { createContext, useContext, useEffect, useId, useRef } from 'react';
import type { UnsavedWork } from './unsaved-work';

/** The page's unsaved work, held by UnsavedWorkGuard around every page. */
export const UnsavedWorkContext = createContext<UnsavedWork | null>(null);

type SignOut = (action: () => Promise<unknown>) => void;
export const AskBeforeSigningOutContext = createContext<SignOut | null>(null);

/**
 * Signs out through `action` (the request, then the move away), asking first when that would lose unsaved
 * work, and before anything is sent: staying leaves the session as it was. The move that follows a chosen
 * sign-out is not asked about again.
 */
export function useAskBeforeSigningOut(): SignOut {
  const ask = useContext(AskBeforeSigningOutContext);
  if (!ask) throw new Error('useAskBeforeSigningOut needs an UnsavedWorkGuard around the page');
  return ask;
}

/**
 * Declares typed, unsent work while `what` names it (null: nothing to lose), so that leaving asks first:
 * reloading or closing the tab gets the browser's own question, and moving to another page of the app gets
 * ours, which names what would be lost. `discard` forgets the draft's copy once the person chose to leave it.
 *
 * A draft kept outside the form under a key (`keptAs`), found again where it was left, outlives a move to
 * another page: it asks only before the page itself goes, and stays declared after its form is gone, until
 * the form, back, says there is nothing left (sent, emptied, given up), or calls the `forget` this returns
 * (the form is going, with its draft sent or thrown away).
 */
export function useUnsavedChangesGuard(
  what: string | null,
  { keptAs, discard }: { keptAs?: string; discard?: () => void } = {},
) {
  const work = useContext(UnsavedWorkContext);
  if (!work) throw new Error('useUnsavedChangesGuard needs an UnsavedWorkGuard around the page');
  const own = useId();
  const key = keptAs === undefined ? `form:${own}` : `kept:${keptAs}`;
  // The latest callback, without declaring the work again each time the form renders.
  const discardNow = useRef(discard);
  useEffect(() => {
    discardNow.current = discard;
  });
  useEffect(() => {
    if (what === null) {
      work.delete(key);
      return;
    }
    work.set(key, { what, keptOnNavigation: keptAs !== undefined, discard: () => discardNow.current?.() });
    // Work that lives in the form goes with it.
    if (keptAs === undefined) return () => work.delete(key);
  }, [work, key, what, keptAs]);
  return { forget: () => work.delete(key) };
}
