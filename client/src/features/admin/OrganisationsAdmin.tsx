import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../auth/api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TableScroll } from '../../ui/TableScroll';
import { OrganisationMembers } from '../auth/OrganisationMembers';
import { useVerifyOrganisation } from './api';

/** The secretariat vouches for organisations: only then do their focal points speak for them. */
export function OrganisationsAdmin({ selfId }: { selfId: string }) {
  const { t } = useTranslation(['admin', 'auth']);
  const { data: organisations, isLoading } = useOrganisations();
  const verify = useVerifyOrganisation();
  const [open, setOpen] = useState<string | null>(null);
  const pending = organisations?.filter((o) => !o.verified).length ?? 0;
  return (
    <section aria-labelledby="admin-orgs" className="admin-section">
      <h2 id="admin-orgs">{t('organisations.title')}</h2>
      <p className="meta">{t('organisations.pending', { count: pending })}</p>
      {isLoading && <p role="status">{t('common:loading')}</p>}
      <TableScroll label={t('organisations.table')}>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('organisations.name')}</th>
              <th scope="col">{t('auth:fields.stakeholderGroup')}</th>
              <th scope="col">{t('auth:fields.country')}</th>
              <th scope="col">{t('organisations.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('organisations.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {organisations?.map((o) => (
              <tr key={o.id}>
                <td dir="auto">{o.name}</td>
                <td>{t(`positions:group.${o.stakeholderGroup}`)}</td>
                <td>{o.country}</td>
                <td>
                  <span className={`badge ${o.verified ? 'badge-open' : 'badge-upcoming'}`}>
                    {o.verified ? t('auth:organisation.verified') : t('auth:organisation.unverified')}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    className={o.verified ? 'secondary' : undefined}
                    disabled={verify.isPending}
                    aria-label={t(o.verified ? 'organisations.unverifyNamed' : 'organisations.verifyNamed', {
                      name: o.name,
                    })}
                    onClick={() => verify.mutate({ id: o.id, verified: !o.verified })}
                  >
                    {o.verified ? t('organisations.unverify') : t('organisations.verify')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={open === o.id}
                    aria-label={t('organisations.membersNamed', { name: o.name })}
                    onClick={() => setOpen(open === o.id ? null : o.id)}
                  >
                    {t('organisations.members')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ErrorMessage error={verify.error} />
      {open && (
        <div className="card">
          <strong dir="auto">{organisations?.find((o) => o.id === open)?.name}</strong>
          <OrganisationMembers organisationId={open} selfId={selfId} />
        </div>
      )}
    </section>
  );
}
