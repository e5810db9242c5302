import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, useNavigate, useParams } from 'react-router';
import { loginUrlAfter, setUnauthorizedHandler } from '../lib/api';
import { PERMISSIONS } from '../lib/me';
import { AppLayout } from './AppLayout';
import { FullPageSpin, NotFound, RequireAuth, RequirePermission } from './guards';
import { MEASURE_WORKSPACES } from './measure-workspaces';
import { findMeasure } from './measures';
import { queryClient } from './providers';

// Every page is its own chunk, so antd components load with the page that uses them.
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('../features/registration/pages/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const WorkbenchPage = lazy(() => import('../features/workbench/pages/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })));
const MeasurePage = lazy(() => import('../features/measures/pages/MeasurePage').then((m) => ({ default: m.MeasurePage })));
const OrganisationsPage = lazy(() => import('../features/organisations/pages/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })));
const UsersPage = lazy(() => import('../features/users/pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const RegistrationsReviewPage = lazy(() =>
  import('../features/registrations-review/pages/RegistrationsReviewPage').then((m) => ({ default: m.RegistrationsReviewPage })),
);
const AuditPage = lazy(() => import('../features/audit/pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() => import('../features/account/pages/AccountPage').then((m) => ({ default: m.AccountPage })));
const CaseDetailPage = lazy(() => import('../features/cases/pages/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const NotificationsPage = lazy(() => import('../features/notifications/pages/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const CalendarPage = lazy(() => import('../features/calendar/pages/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const PolicyPage = lazy(() => import('../features/policy/pages/PolicyPage').then((m) => ({ default: m.PolicyPage })));
const EnterprisesPage = lazy(() => import('../features/registry/pages/EnterprisesPage').then((m) => ({ default: m.EnterprisesPage })));
const EnterpriseDetailPage = lazy(() => import('../features/registry/pages/EnterpriseDetailPage').then((m) => ({ default: m.EnterpriseDetailPage })));
const ImportsPage = lazy(() => import('../features/registry/pages/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const ImportJobPage = lazy(() => import('../features/registry/pages/ImportJobPage').then((m) => ({ default: m.ImportJobPage })));
const ListsPage = lazy(() => import('../features/registry/pages/ListsPage').then((m) => ({ default: m.ListsPage })));
const ListEntriesPage = lazy(() => import('../features/registry/pages/ListEntriesPage').then((m) => ({ default: m.ListEntriesPage })));

/** The root of every route: lets a 401 from any request navigate to /login inside the app. */
function Root() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler((error) => {
      if (window.location.pathname === '/login') return;
      queryClient.clear();
      void navigate(loginUrlAfter(error, window.location), { replace: true });
    });
  }, [navigate]);
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Outlet />
    </Suspense>
  );
}

function MeasureRoute() {
  const { kind } = useParams();
  const measure = findMeasure(kind);
  if (!measure) return <NotFound />;
  const Workspace = MEASURE_WORKSPACES[measure.kind];
  if (Workspace) return <Workspace key={measure.kind} />;
  return <MeasurePage key={measure.kind} measure={measure} />;
}

/** Routes that render only for users holding `permission` (a 403 page for others). */
function guarded(permission: string, routes: [path: string, element: ReactNode][]) {
  return routes.map(([path, element]) => ({ path, element: <RequirePermission permission={permission}>{element}</RequirePermission> }));
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <WorkbenchPage /> },
          { path: 'measures/:kind/*', element: <MeasureRoute /> },
          { path: 'cases/:id', element: <CaseDetailPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'policy', element: <PolicyPage /> },
          ...guarded(PERMISSIONS.enterprisesRead, [
            ['registry/enterprises', <EnterprisesPage />],
            ['registry/enterprises/:id', <EnterpriseDetailPage />],
            ['registry/lists', <ListsPage />],
            ['registry/lists/:id', <ListEntriesPage />],
          ]),
          ...guarded(PERMISSIONS.enterprisesImport, [
            ['registry/imports', <ImportsPage />],
            ['registry/imports/:id', <ImportJobPage />],
          ]),
          {
            path: 'admin/organisations',
            element: (
              <RequirePermission permission={PERMISSIONS.organisationsRead}>
                <OrganisationsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/users',
            element: (
              <RequirePermission permission={PERMISSIONS.usersManage}>
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/registrations',
            element: (
              <RequirePermission permission={PERMISSIONS.registrationsReview}>
                <RegistrationsReviewPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/audit',
            element: (
              <RequirePermission permission={PERMISSIONS.auditRead}>
                <AuditPage />
              </RequirePermission>
            ),
          },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
