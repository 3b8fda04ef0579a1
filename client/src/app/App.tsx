import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { Header } from './Header';
import { UnsavedWorkGuard } from './unsaved-work/UnsavedWorkGuard';

/** The layout around every page: skip link, header, the page itself, footer; and the guard of unsaved work. */
export function App() {
  const { t } = useTranslation();
  return (
    <UnsavedWorkGuard>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="container footer">{t('footer')}</footer>
    </UnsavedWorkGuard>
  );
}
