import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrganisationMemberView, UpdateMemberInput } from '../../../../shared/schemas/identity';
import { api } from '../../api/http';
import { ErrorMessage } from '../../ui/ErrorMessage';

const membersKey = (id: string) => ['organisations', id, 'members'] as const;

/** For the organisation's admin: who belongs to it, and who speaks for it (focal points). */
export function OrganisationMembers({ organisationId, selfId }: { organisationId: string; selfId: string }) {
  const { t } = useTranslation('auth');
  const qc = useQueryClient();
  const { data: members } = useQuery({
    queryKey: membersKey(organisationId),
    queryFn: () => api<OrganisationMemberView[]>(`/organisations/${organisationId}/members`),
  });
  const update = useMutation({
    mutationFn: ({ userId, ...input }: UpdateMemberInput & { userId: string }) =>
      api<OrganisationMemberView>(`/organisations/${organisationId}/members/${userId}`, {
        method: 'PATCH',
        json: input,
      }),
    // Shown at once (a checkbox must not spring back while the request runs); the server's answer follows.
    onMutate: ({ userId, focalPoint, orgAdmin }) =>
      qc.setQueryData<OrganisationMemberView[]>(membersKey(organisationId), (old) =>
        old?.map((m) =>
          m.userId !== userId
            ? m
            : { ...m, isFocalPoint: focalPoint ?? m.isFocalPoint, isOrgAdmin: orgAdmin ?? m.isOrgAdmin },
        ),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: membersKey(organisationId) }),
  });
  return (
    <section aria-labelledby="members-title">
      <h3 id="members-title">{t('members.title')}</h3>
      <ul className="member-list">
        {members?.map((m) => (
          <li key={m.userId}>
            <span dir="auto" id={`member-${m.userId}`}>
              {m.displayName}
            </span>
            <label className="checkbox">
              <input
                type="checkbox"
                aria-describedby={`member-${m.userId}`}
                checked={m.isFocalPoint}
                disabled={m.userId === selfId || update.isPending}
                onChange={(e) => update.mutate({ userId: m.userId, focalPoint: e.target.checked })}
              />
              {t('members.focalPoint')}
            </label>
            <label className="checkbox">
              <input
                type="checkbox"
                aria-describedby={`member-${m.userId}`}
                checked={m.isOrgAdmin}
                disabled={m.userId === selfId || update.isPending}
                onChange={(e) => update.mutate({ userId: m.userId, orgAdmin: e.target.checked })}
              />
              {t('members.orgAdmin')}
            </label>
          </li>
        ))}
      </ul>
      <ErrorMessage error={update.error} />
    </section>
  );
}
