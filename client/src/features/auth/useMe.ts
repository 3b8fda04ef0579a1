import { useQuery } from '@tanstack/react-query';
import type { MeView } from '../../../../shared/schemas/auth';
import { api, askWhoIsSignedIn, HttpError, refreshSession, sessionHint } from '../../api/http';

export const meKey = ['me'] as const;

/** An access cookie this close to lapsing is renewed before use (and a clock a little off does no harm). */
const LAPSE_MARGIN_MS = 30_000;

/**
 * The signed-in account, or null for an anonymous reader. Without the session hint the browser has no
 * session, so nothing is asked: an anonymous reader's page makes no request that can only fail. When the
 * hint says the access cookie has lapsed (a reader coming back), the session is renewed before asking.
 */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      const hint = sessionHint();
      if (!hint) return null;
      return askWhoIsSignedIn(async () => {
        const lapsed = hint.accessExpiresAt !== null && hint.accessExpiresAt < Date.now() + LAPSE_MARGIN_MS;
        // A refused refresh has cleared the hint (the session is over): signed out, with nothing more to ask.
        if (lapsed && !(await refreshSession())) return null;
        try {
          return await api<MeView>('/me');
        } catch (err) {
          if (err instanceof HttpError && err.status === 401) return null;
          throw err;
        }
      });
    },
    staleTime: 60_000,
  });
}
