import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, type RouteObject } from 'react-router-dom';
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
import { App } from './App';
import { useDocumentTitle } from './useDocumentTitle';

/** The chairs' editor brings Tiptap and Yjs: loaded on demand, out of the main bundle. */
const SummaryPage = lazy(() => import('../features/summaries/SummaryPage'));

/** A page that is not there, or that failed to render: said inside the layout, with the way back. */
function NoPage({ title }: { title: 'notFound.title' | 'error' }) {
  const { t } = useTranslation();
  useDocumentTitle(t(title));
  return (
    <section>
      <h1>{t(title)}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  );
}

function LazySummaryPage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p role="status">{t('loading')}</p>}>
      <SummaryPage />
    </Suspense>
  );
}

/** Every page, inside the layout (header, main, footer). */
const pages: RouteObject[] = [
  { path: '/', element: <ConsultationList /> },
  { path: '/consultations/:id', element: <ConsultationPage /> },
  { path: '/console', element: <ConsolePage /> },
  { path: '/console/consultations/:id', element: <ConsoleConsultationPage /> },
  { path: '/signin', element: <SignInPage /> },
  { path: '/signup', element: <SignUpPage /> },
  { path: '/profile', element: <ProfilePage /> },
  { path: '/admin', element: <AdminPage /> },
  { path: '/consultations/:id/rounds/:number/summary', element: <LazySummaryPage /> },
  { path: '/archive', element: <ArchivePage /> },
  { path: '/archive/rounds/:roundId', element: <ArchiveRoundPage /> },
  { path: '*', element: <NoPage title="notFound.title" /> },
];

/**
 * The data router (rather than <BrowserRouter>) because only it can hold a navigation back while a person is
 * asked whether to leave unsaved work (useBlocker, in UnsavedWorkGuard). No page loads data through it: the
 * pages keep fetching with React Query.
 */
export function createAppRouter() {
  return createBrowserRouter([
    { element: <App />, children: [{ errorElement: <NoPage title="error" />, children: pages }] },
  ]);
}
