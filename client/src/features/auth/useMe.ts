import { useQuery } from '@tanstack/react-query';
import type { MeView } from '../../../../shared/schemas/auth';
import { api, HttpError } from '../../api/http';

export const meKey = ['me'] as const;

/** The signed-in account, or null for an anonymous reader. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await api<MeView>('/me');
      } catch (err) {
        if (err instanceof HttpError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}
