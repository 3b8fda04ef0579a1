import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthTokens, MeView, ProfileInput, RegisterInput } from '../../../../shared/schemas/auth';
import type { OrganisationView, ProposeOrganisationInput } from '../../../../shared/schemas/identity';
import { api } from '../../api/http';
import { reconnectSocket } from '../../realtime/socket';
import { meKey } from './useMe';

export const organisationsKey = ['organisations'] as const;

/**
 * Who is signed in changed: the socket must hand the server the new cookie, and `me` is asked again. The
 * rest of the page follows once it shows the new identity (useRefetchOnIdentityChange).
 */
export function useIdentityChanged() {
  const qc = useQueryClient();
  return async () => {
    reconnectSocket();
    await qc.invalidateQueries({ queryKey: meKey });
  };
}

export function useSignIn() {
  const changed = useIdentityChanged();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<AuthTokens>('/auth/login', { method: 'POST', json: input }),
    onSuccess: changed,
  });
}

export function useSignUp() {
  const changed = useIdentityChanged();
  return useMutation({
    mutationFn: (input: RegisterInput) => api<AuthTokens>('/auth/register', { method: 'POST', json: input }),
    onSuccess: changed,
  });
}

/**
 * The sign-out this tab is making: from its request to the end of its own round (the socket reconnected, `me`
 * asked again), the server's word that the session ended is this tab's own news (useAccessEvents).
 */
export const signOutKey = ['signOut'] as const;

export function useSignOut() {
  const changed = useIdentityChanged();
  return useMutation({
    mutationKey: signOutKey,
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    // Even if the session had already ended, the browser is signed out now.
    onSettled: changed,
  });
}

export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => api<MeView>('/me', { method: 'PATCH', json: input }),
    onSuccess: (me) => qc.setQueryData(meKey, me),
  });
}

export const useOrganisations = () =>
  useQuery({ queryKey: organisationsKey, queryFn: () => api<OrganisationView[]>('/organisations') });

/** Joining, leaving or proposing changes both the profile and the list. */
function useOrganisationMutation<T>(fn: (arg: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: meKey });
      await qc.invalidateQueries({ queryKey: organisationsKey });
    },
  });
}

export const useProposeOrganisation = () =>
  useOrganisationMutation((input: ProposeOrganisationInput) =>
    api<OrganisationView>('/organisations', { method: 'POST', json: input }),
  );

export const useJoinOrganisation = () =>
  useOrganisationMutation((id: string) =>
    api<void>(`/organisations/${id}/members`, { method: 'POST', json: {} }),
  );

export const useLeaveOrganisation = () =>
  useOrganisationMutation(({ id, userId }: { id: string; userId: string }) =>
    api<void>(`/organisations/${id}/members/${userId}`, { method: 'DELETE' }),
  );
