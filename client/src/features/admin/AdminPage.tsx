import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { AccountsAdmin } from './AccountsAdmin';
import { ConsultationRolesAdmin } from './ConsultationRolesAdmin';
import { OrganisationsAdmin } from './OrganisationsAdmin';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { SignInLink } from '../auth/SignInLink';

/**
 * One page, two audiences: the secretariat verifies organisations and assigns consultation roles; the
 * platform admin manages accounts. Each sees only their part (the server refuses the rest anyway).
 */
export function AdminPage() {
  const { t } = useTranslation('admin');
  useDocumentTitle(t('title'));
  const { data: me, isLoading } = useMe();
  if (isLoading) return <p role="status">{t('common:loading')}</p>;
  const role = me?.platformRole;
  if (!me || (role !== 'secretariat' && role !== 'admin')) {
    return (
      <section>
        <h1>{t('title')}</h1>
        <p role="alert">{me ? t('notAllowed') : <SignInLink>{t('signInFirst')}</SignInLink>}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="admin-title" className="admin-page">
      <h1 id="admin-title">{t('title')}</h1>
      <p className="lead">{role === 'secretariat' ? t('leadSecretariat') : t('leadAdmin')}</p>
      {role === 'secretariat' && (
        <>
          <OrganisationsAdmin selfId={me.id} />
          <ConsultationRolesAdmin selfId={me.id} />
        </>
      )}
      {role === 'admin' && <AccountsAdmin selfId={me.id} />}
    </section>
  );
}
