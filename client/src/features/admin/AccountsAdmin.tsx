import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLATFORM_ROLES, type PlatformRole } from '../../../../shared/domain';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { TableScroll } from '../../ui/TableScroll';
import { useUpdateUser, useUsers } from './api';

/** The platform admin's page: platform roles and disabled accounts (no consultation content here). */
export function AccountsAdmin({ selfId }: { selfId: string }) {
  const { t } = useTranslation('admin');
  const [q, setQ] = useState('');
  const { data: users } = useUsers(q.trim());
  const update = useUpdateUser();
  return (
    <section aria-labelledby="admin-accounts" className="admin-section">
      <h2 id="admin-accounts">{t('accounts.title')}</h2>
      <label className="inline-field">
        {t('accounts.search')}
        <input type="text" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <TableScroll label={t('accounts.table')}>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('accounts.email')}</th>
              <th scope="col">{t('accounts.platformRole')}</th>
              <th scope="col">{t('accounts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((u) => {
              const self = u.id === selfId;
              return (
                <tr key={u.id}>
                  <td dir="auto">
                    {u.displayName}
                    {self && <span className="meta"> ({t('accounts.you')})</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>
                    <select
                      className="field"
                      aria-label={t('accounts.roleOf', { name: u.displayName })}
                      value={u.platformRole}
                      disabled={self || update.isPending}
                      onChange={(e) =>
                        update.mutate({ id: u.id, platformRole: e.target.value as PlatformRole })
                      }
                    >
                      {PLATFORM_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`accounts.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={u.disabled ? undefined : 'secondary'}
                      disabled={self || update.isPending}
                      aria-label={t(u.disabled ? 'accounts.enableNamed' : 'accounts.disableNamed', {
                        name: u.displayName,
                      })}
                      onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}
                    >
                      {u.disabled ? t('accounts.enable') : t('accounts.disable')}
                    </button>
                    {u.disabled && <span className="badge badge-closed">{t('accounts.disabled')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <ErrorMessage error={update.error} />
    </section>
  );
}
