import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsultationRole } from '../../../../shared/domain';
import type {
  ConsultationRoleView,
  OrganisationView,
  UpdateUserInput,
  UserAdminView,
} from '../../../../shared/schemas/identity';
import { api } from '../../api/http';
import { organisationsKey } from '../auth/api';

const usersKey = (q: string) => ['users', q] as const;
const rolesKey = (consultationId: string) => ['consultation-roles', consultationId] as const;

export const useUsers = (q: string, enabled = true) =>
  useQuery({
    queryKey: usersKey(q),
    queryFn: () => api<UserAdminView[]>(`/users${q ? `?q=${encodeURIComponent(q)}` : ''}`),
    enabled,
  });

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) =>
      api<UserAdminView>(`/users/${id}`, { method: 'PATCH', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useVerifyOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verified }: { id: string; verified: boolean }) =>
      api<OrganisationView>(`/organisations/${id}/verify`, { method: 'POST', json: { verified } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: organisationsKey }),
  });
}

export const useConsultationRoles = (consultationId: string) =>
  useQuery({
    queryKey: rolesKey(consultationId),
    queryFn: () => api<ConsultationRoleView[]>(`/consultations/${consultationId}/roles`),
    enabled: !!consultationId,
  });

export function useSetRole(consultationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: ConsultationRole }) =>
      api<ConsultationRoleView>(`/consultations/${consultationId}/roles/${userId}`, {
        method: 'PUT',
        json: { role },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rolesKey(consultationId) }),
  });
}

export function useRemoveRole(consultationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<void>(`/consultations/${consultationId}/roles/${userId}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rolesKey(consultationId) }),
  });
}
