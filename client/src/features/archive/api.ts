import { useQuery } from '@tanstack/react-query';
import type { RoundView } from '../../../../shared/schemas/consultations';
import type { RoundVerificationView } from '../../../../shared/schemas/rounds';
import type { ArchiveEntryView, ClosingDraftView } from '../../../../shared/schemas/summaries';
import { api } from '../../api/http';

export const useArchive = () =>
  useQuery({ queryKey: ['archive'], queryFn: () => api<ArchiveEntryView[]>('/archive') });

export const useRound = (roundId: string) =>
  useQuery({ queryKey: ['round', roundId], queryFn: () => api<RoundView>(`/rounds/${roundId}`) });

/** The draft as sealed at closing never changes: fetched once. */
export const useClosingDraft = (roundId: string | undefined) =>
  useQuery({
    queryKey: ['closing-draft', roundId],
    queryFn: () => api<ClosingDraftView>(`/rounds/${roundId}/draft-at-closing`),
    enabled: !!roundId,
    staleTime: Infinity,
  });

export const verifyRound = (roundId: string) => api<RoundVerificationView>(`/rounds/${roundId}/verify`);
