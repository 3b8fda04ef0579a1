import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Capacity,
  MyPositionsView,
  PositionListView,
  PositionView,
  TakePositionInput,
  TalliesView,
} from '../../../../shared/schemas/positions';
import { api } from '../../api/http';

export const positionKeys = {
  round: (roundId: string) => ['positions', roundId] as const,
  tallies: (roundId: string) => ['positions', roundId, 'tallies'] as const,
  mine: (roundId: string) => ['positions', roundId, 'mine'] as const,
  lists: (roundId: string) => ['positions', roundId, 'list'] as const,
  list: (roundId: string, filters: PositionFilters) => ['positions', roundId, 'list', filters] as const,
};

/** Filters of the rationales list, as the API's query string takes them. */
export type PositionFilters = { optionId: string } & Partial<
  Record<'stance' | 'group' | 'membership' | 'region', string>
>;

export const usePositionList = (roundId: string, filters: PositionFilters, enabled: boolean) =>
  useQuery({
    queryKey: positionKeys.list(roundId, filters),
    queryFn: () => {
      const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => !!v) as [string, string][]);
      return api<PositionListView>(`/rounds/${roundId}/positions?${qs.toString()}`);
    },
    enabled,
  });

/** Of two tallies of a round, the one that includes more committed changes (socket and HTTP may cross). */
export function newerTallies(a: TalliesView | undefined, b: TalliesView): TalliesView {
  if (a && !a.hidden && !b.hidden && a.version > b.version) return a;
  return b;
}

export function useTallies(roundId: string | undefined) {
  const qc = useQueryClient();
  const key = positionKeys.tallies(roundId ?? '');
  return useQuery({
    queryKey: key,
    queryFn: async () =>
      newerTallies(qc.getQueryData<TalliesView>(key), await api<TalliesView>(`/rounds/${roundId}/tallies`)),
    enabled: !!roundId,
  });
}

export const useMyPositions = (roundId: string | undefined, signedIn: boolean) =>
  useQuery({
    queryKey: positionKeys.mine(roundId ?? ''),
    queryFn: () => api<MyPositionsView>(`/rounds/${roundId}/positions/mine`),
    enabled: !!roundId && signedIn,
  });

/** Saving or withdrawing refetches the caller's positions; the tallies arrive live (or are refetched). */
export function useSavePosition(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ optionId, ...body }: TakePositionInput & { optionId: string }) =>
      api<PositionView>(`/rounds/${roundId}/options/${optionId}/position`, { method: 'PUT', json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: positionKeys.round(roundId) }),
  });
}

export function useWithdrawPosition(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ optionId, capacity }: { optionId: string; capacity: Capacity }) =>
      api<void>(`/rounds/${roundId}/options/${optionId}/position?capacity=${capacity}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: positionKeys.round(roundId) }),
  });
}
