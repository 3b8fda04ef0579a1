import { useQueryClient } from '@tanstack/react-query';
import { useIdentityChange } from './useIdentityChange';
import { meKey } from './useMe';

/**
 * Refetches what is on screen once the page has rendered for a new identity (signed in, signed out, someone
 * else): what may be seen has changed. Only after that render, so that what only a signed-in person asks
 * for is already switched off after a sign-out, and not asked anonymously for a 401.
 */
export function useRefetchOnIdentityChange() {
  const qc = useQueryClient();
  useIdentityChange(() => {
    // After the other effects of this render too: each query takes its new options (`enabled`) in one.
    const timer = setTimeout(
      () => void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] }),
    );
    return () => clearTimeout(timer);
  });
}
