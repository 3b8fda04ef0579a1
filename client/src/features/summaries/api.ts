import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CitationCandidate,
  CitationKind,
  CitationView,
  DigestView,
  SummaryVersionMeta,
  SummaryVersionView,
} from '../../../../shared/schemas/summaries';
import { api } from '../../api/http';

export const summaryKeys = {
  digest: (roundId: string) => ['digest', roundId] as const,
  versions: (roundId: string) => ['summary-versions', roundId] as const,
  version: (roundId: string, n: number) => ['summary-versions', roundId, n] as const,
  citation: (kind: string, id: string) => ['citation', kind, id] as const,
};

export const useDigest = (roundId: string, enabled = true) =>
  useQuery({
    queryKey: summaryKeys.digest(roundId),
    queryFn: () => api<DigestView>(`/rounds/${roundId}/digest`),
    enabled,
  });

export const useSummaryVersions = (roundId: string) =>
  useQuery({
    queryKey: summaryKeys.versions(roundId),
    queryFn: () => api<SummaryVersionMeta[]>(`/rounds/${roundId}/summary/versions`),
  });

export const useSummaryVersion = (roundId: string, n: number | null) =>
  useQuery({
    queryKey: summaryKeys.version(roundId, n ?? 0),
    queryFn: () => api<SummaryVersionView>(`/rounds/${roundId}/summary/versions/${n}`),
    enabled: n !== null && n > 0,
    staleTime: Infinity, // a published version never changes
  });

export const useCitation = (kind: CitationKind, id: string) =>
  useQuery({
    queryKey: summaryKeys.citation(kind, id),
    queryFn: () => api<CitationView>(`/citations/${kind}/${id}`),
  });

export const searchCitations = (roundId: string, q: string) =>
  api<CitationCandidate[]>(`/rounds/${roundId}/citations?q=${encodeURIComponent(q)}`);

export function usePublish(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ changeNote, language }: { changeNote: string; language: string }) =>
      api<SummaryVersionView>(`/rounds/${roundId}/summary/versions`, {
        method: 'POST',
        json: { changeNote, language },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: summaryKeys.versions(roundId) }),
  });
}
