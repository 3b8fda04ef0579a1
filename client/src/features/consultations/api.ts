import { useQuery } from '@tanstack/react-query';
import type { ConsultationSummaryView, ConsultationView } from '../../../../shared/schemas/consultations';
import { api } from '../../api/http';

export const consultationKeys = {
  all: ['consultations'] as const,
  one: (id: string) => ['consultations', id] as const,
};

export const useConsultations = () =>
  useQuery({
    queryKey: consultationKeys.all,
    queryFn: () => api<ConsultationSummaryView[]>('/consultations'),
  });

export const useConsultation = (id: string) =>
  useQuery({
    queryKey: consultationKeys.one(id),
    queryFn: () => api<ConsultationView>(`/consultations/${id}`),
  });
