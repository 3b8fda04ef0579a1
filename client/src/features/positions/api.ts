import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Capacity,
  MyPositionsView,
  PositionView,
  TakePositionInput,
  TalliesView,
} from '../../../../shared/schemas/positions';
import { api } from '../../api/http';

export const positionKeys = {
  round: (roundId: string) => ['positions', roundId] as const,
  tallies: (roundId: string) => ['positions', roundId, 'tallies'] as const,
  mine: (roundId: string) => ['positions', roundId, 'mine'] as const,
};

export const useTallies = (roundId: string | undefined) =>
  useQuery({
    queryKey: positionKeys.tallies(roundId ?? ''),
    queryFn: () => api<TalliesView>(`/rounds/${roundId}/tallies`),
    enabled: !!roundId,
  });

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
