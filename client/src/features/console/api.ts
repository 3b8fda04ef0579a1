import { useMutation } from '@tanstack/react-query';
import type {
  ConsultationView,
  CreateConsultationInput,
  OptionInput,
  OptionView,
  UpdateConsultationInput,
  UpdateOptionInput,
} from '../../../../shared/schemas/consultations';
import { api } from '../../api/http';
import { useRefreshConsultation } from '../rounds/api';

export const useCreateConsultation = () =>
  useMutation({
    mutationFn: (input: CreateConsultationInput) =>
      api<ConsultationView>('/consultations', { method: 'POST', json: input }),
  });

/** Settings and options of one consultation; each write refreshes it once the server has answered. */
export function useConsultationAdmin(consultationId: string) {
  const refresh = useRefreshConsultation(consultationId);
  const base = `/consultations/${consultationId}`;
  return {
    update: useMutation({
      mutationFn: (input: UpdateConsultationInput) =>
        api<ConsultationView>(base, { method: 'PATCH', json: input }),
      onSuccess: refresh,
    }),
    addOption: useMutation({
      mutationFn: (input: OptionInput) => api<OptionView>(`${base}/options`, { method: 'POST', json: input }),
      onSuccess: refresh,
    }),
    updateOption: useMutation({
      mutationFn: ({ optionId, ...input }: UpdateOptionInput & { optionId: string }) =>
        api<OptionView>(`${base}/options/${optionId}`, { method: 'PATCH', json: input }),
      onSuccess: refresh,
    }),
    reorder: useMutation({
      mutationFn: (optionIds: string[]) =>
        api<OptionView[]>(`${base}/options/order`, { method: 'PUT', json: { optionIds } }),
      onSuccess: refresh,
    }),
  };
}
