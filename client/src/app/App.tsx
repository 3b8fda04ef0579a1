import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { ConsoleConsultationPage } from '../features/console/ConsoleConsultationPage';
import { ConsolePage } from '../features/console/ConsolePage';
import { AdminPage } from '../features/admin/AdminPage';
import { ProfilePage } from '../features/auth/ProfilePage';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { ArchivePage } from '../features/archive/ArchivePage';
import { ArchiveRoundPage } from '../features/archive/ArchiveRoundPage';
import { ConsultationList } from '../features/consultations/ConsultationList';
import { ConsultationPage } from '../features/consultations/ConsultationPage';
import { Header } from './Header';
import { useDocumentTitle } from './useDocumentTitle';

/** The chairs' editor brings Tiptap and Yjs: loaded on demand, out of the main bundle. */
const SummaryPage = lazy(() => import('../features/summaries/SummaryPage'));

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Header />
      <main id="main" className="container" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<ConsultationList />} />
          <Route path="/consultations/:id" element={<ConsultationPage />} />
          <Route path="/console" element={<ConsolePage />} />
          <Route path="/console/consultations/:id" element={<ConsoleConsultationPage />} />
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          <Route path="/profile" element={<ProfilePage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route
            path="/consultations/:id/rounds/:number/summary"
            element={
              <Suspense fallback={<p role="status">{t('loading')}</p>}>
                <SummaryPage />
              </Suspense>
            }
          />
          <Route path="/archive" element={<ArchivePage />} />
          <Route path="/archive/rounds/:roundId" element={<ArchiveRoundPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer className="container footer">{t('footer')}</footer>
    </>
  );
}
