import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ERROR_CODES } from '../../../../shared/domain';
import type {
  ConsultationView,
  CreateConsultationInput,
  OptionInput,
  OptionView,
  UpdateConsultationInput,
  UpdateOptionInput,
} from '../../../../shared/schemas/consultations';
import { api, HttpError } from '../../api/http';
import { consultationKeys } from '../consultations/api';
import { useRefreshConsultation } from '../rounds/api';

/** The save was based on settings someone else has changed since (409): nothing was saved. */
export const isStaleVersion = (error: unknown) =>
  error instanceof HttpError && error.code === ERROR_CODES.STALE_VERSION;

export const useCreateConsultation = () =>
  useMutation({
    mutationFn: (input: CreateConsultationInput) =>
      api<ConsultationView>('/consultations', { method: 'POST', json: input }),
  });

/** Settings and options of one consultation; each write refreshes it once the server has answered. */
export function useConsultationAdmin(consultationId: string) {
  const qc = useQueryClient();
  const refresh = useRefreshConsultation(consultationId);
  const base = `/consultations/${consultationId}`;
  return {
    update: useMutation({
      mutationFn: (input: UpdateConsultationInput) =>
        api<ConsultationView>(base, { method: 'PATCH', json: input }),
      // The answer is the consultation as saved: the form shows it at once, not the values from before.
      onSuccess: (saved) => {
        qc.setQueryData(consultationKeys.one(consultationId), saved);
        refresh();
      },
      // Someone else saved first: fetch what they saved, for the form to show beside the person's edits.
      onError: (error) => {
        if (isStaleVersion(error)) refresh();
      },
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
