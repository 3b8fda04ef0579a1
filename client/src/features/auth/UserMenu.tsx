import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAskBeforeSigningOut } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { useSignOut } from './api';
import { SignInLink } from './SignInLink';
import { useAccessEvents } from './useAccessEvents';
import { useRefetchOnIdentityChange } from './useRefetchOnIdentityChange';
import { useSessionKeepAlive } from './useSessionKeepAlive';
import { useMe } from './useMe';

/** The header's account corner: who is signed in, their pages, sign-out; or sign-in and sign-up links. */
export function UserMenu() {
  const { t } = useTranslation('auth');
  const { data: me, isLoading } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const askBeforeSigningOut = useAskBeforeSigningOut();
  useAccessEvents(!!me);
  useSessionKeepAlive(!!me);
  useRefetchOnIdentityChange();
  if (isLoading) return null;
  if (!me) {
    return (
      <div className="header-actions">
        <SignInLink>{t('nav.signIn')}</SignInLink>
        <SignInLink page="/signup" className="button secondary header-signup">
          {t('nav.signUp')}
        </SignInLink>
      </div>
    );
  }
  const manages = me.platformRole === 'secretariat' || me.platformRole === 'admin';
  return (
    <div className="header-actions">
      {/* A long name is cut short where the header has no room for it: hovering shows it whole. */}
      <span className="signed-in-as" data-testid="signed-in-as" title={me.displayName}>
        <Trans
          t={t}
          i18nKey="nav.signedInAs"
          values={{ name: me.displayName }}
          components={{ bdi: <bdi /> }}
        />
      </span>
      <Link to="/profile">{t('nav.profile')}</Link>
      {manages && <Link to="/admin">{t('nav.admin')}</Link>}
      <button
        type="button"
        className="secondary header-signout"
        disabled={signOut.isPending}
        onClick={() =>
          askBeforeSigningOut(() =>
            signOut
              .mutateAsync()
              .catch(() => undefined)
              .then(() => navigate('/')),
          )
        }
      >
        {t('nav.signOut')}
      </button>
    </div>
  );
}
