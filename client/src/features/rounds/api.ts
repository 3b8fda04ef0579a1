import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoundView } from '../../../../shared/schemas/consultations';
import type {
  ClosingRecordView,
  CreateRoundInput,
  OpenRoundInput,
  RoundVerificationView,
  UpdateRoundInput,
} from '../../../../shared/schemas/rounds';
import { api } from '../../api/http';
import { consultationKeys } from '../consultations/api';

export const roundKeys = {
  record: (roundId: string) => ['rounds', roundId, 'record'] as const,
};

export const useClosingRecord = (roundId: string, enabled: boolean) =>
  useQuery({
    queryKey: roundKeys.record(roundId),
    queryFn: () => api<ClosingRecordView>(`/rounds/${roundId}/record`),
    enabled,
    staleTime: Infinity,
  });

export const useVerifyRound = (roundId: string) =>
  useMutation({ mutationFn: () => api<RoundVerificationView>(`/rounds/${roundId}/verify`) });

/** Refetches a consultation (and the list) after a change, here or announced live. */
export function useRefreshConsultation(consultationId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: consultationKeys.one(consultationId) });
    void qc.invalidateQueries({ queryKey: consultationKeys.all, exact: true });
  };
}

/** The secretariat's round actions; each refreshes the consultation once the server has answered. */
export function useRoundActions(consultationId: string) {
  const refresh = useRefreshConsultation(consultationId);
  return {
    create: useMutation({
      mutationFn: (input: CreateRoundInput) =>
        api<RoundView>(`/consultations/${consultationId}/rounds`, { method: 'POST', json: input }),
      onSuccess: refresh,
    }),
    /** Opens a scheduled round, with its deadline set in the same request when `closesAt` is given. */
    open: useMutation({
      mutationFn: ({ roundId, ...input }: OpenRoundInput & { roundId: string }) =>
        api<RoundView>(`/rounds/${roundId}/open`, { method: 'POST', json: input }),
      // Only once open: a refresh remounts the round's controls (they are keyed by status and deadline), which
      // would take away the dialog saying why the opening failed.
      onSuccess: refresh,
    }),
    close: useMutation({
      mutationFn: (roundId: string) => api<RoundView>(`/rounds/${roundId}/close`, { method: 'POST' }),
      onSuccess: refresh,
    }),
    reschedule: useMutation({
      mutationFn: ({ roundId, ...input }: UpdateRoundInput & { roundId: string }) =>
        api<RoundView>(`/rounds/${roundId}`, { method: 'PATCH', json: input }),
      onSuccess: refresh,
    }),
  };
}

/** `datetime-local` works in local time without a zone; the API wants ISO instants. */
export const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
