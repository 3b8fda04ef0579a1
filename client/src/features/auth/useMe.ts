import { useQuery } from '@tanstack/react-query';
import { whoIsSignedIn } from '../../api/http';

export const meKey = ['me'] as const;

/** The signed-in account, or null for an anonymous reader, as the HTTP layer learns it (`whoIsSignedIn`). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => whoIsSignedIn(), staleTime: 60_000 });
}
