import { useEffect, useRef } from 'react';
import { useMe } from './useMe';

/**
 * Runs `onChange` once the page shows a new identity (signed in, signed out, someone else), not on the first
 * answer about who is here; what it returns cleans up as an effect's would (another change, unmount).
 */
export function useIdentityChange(onChange: () => void | (() => void)) {
  const { data: me } = useMe();
  // undefined while `me` first loads (not a change), null for an anonymous reader.
  const userId = me === undefined ? undefined : (me?.id ?? null);
  const shown = useRef(userId);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (userId === undefined || shown.current === userId) return;
    const first = shown.current === undefined;
    shown.current = userId;
    if (!first) return latest.current();
  }, [userId]);
}
