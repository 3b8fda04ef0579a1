import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../features/auth/useMe';
import { UserMenu } from '../features/auth/UserMenu';
import { NotificationsMenu } from '../features/notifications/NotificationsMenu';
import { LANGUAGES } from '../i18n';

export function Header() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand" aria-label={t('brand.home')}>
          <span className="brand-mark" aria-hidden="true">
            ◎
          </span>
          <span>Consulta</span>
        </Link>
        <nav aria-label={t('nav.main')} className="header-nav">
          <Link to="/">{t('nav.consultations')}</Link>
          {me.data?.platformRole === 'secretariat' && <Link to="/console">{t('console:nav')}</Link>}
          <Link to="/archive">{t('archive:nav')}</Link>
        </nav>
        <NotificationsMenu />
        <UserMenu />
        <label className="language-switcher">
          <span className="visually-hidden">{t('language')}</span>
          <select value={i18n.resolvedLanguage} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
