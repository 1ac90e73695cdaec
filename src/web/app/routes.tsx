/** Routes; every page is its own chunk (React.lazy), so the login page does not load the tables. */
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import type { Permission } from '../../core/roles.ts';
import { Forbidden, NotFoundPage, PageLoading } from '../components/Results.tsx';
import { homeOf, SessionProvider, useMe, useSession } from './session.tsx';

const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const StaffLayout = lazy(() => import('../layouts/StaffLayout.tsx'));
const PortalLayout = lazy(() => import('../layouts/PortalLayout.tsx'));
const RefusalShell = lazy(() => import('../layouts/RefusalShell.tsx'));
const PropertyPage = lazy(() => import('../pages/PropertyPage.tsx'));
const UnitPage = lazy(() => import('../pages/unit/UnitPage.tsx'));
const HouseholdsPage = lazy(() => import('../pages/HouseholdsPage.tsx'));
const ImportPage = lazy(() => import('../pages/ImportPage.tsx'));
const UsersPage = lazy(() => import('../pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('../pages/AuditPage.tsx'));
const PortalHome = lazy(() => import('../pages/portal/PortalHome.tsx'));
const PortalUnit = lazy(() => import('../pages/portal/PortalUnit.tsx'));

function S({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** Signed in, and in the right part of the app: staff pages for staff, the portal for owners. */
function RequireAuth({ part, children }: { part: 'staff' | 'portal'; children: ReactNode }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoading />;
  if (error) throw error;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const isOwner = me.user.role === 'owner';
  if ((part === 'staff' && isOwner) || (part === 'portal' && !isOwner))
    return (
      <SessionProvider me={me}>
        <S>
          <RefusalShell part={part} />
        </S>
      </SessionProvider>
    );
  return (
    <SessionProvider me={me}>
      <S>{children}</S>
    </SessionProvider>
  );
}

/** A page that needs a permission the role may not have (e.g. typing /users as front desk). */
function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission)) return <Forbidden />;
  return <S>{children}</S>;
}

function RootRedirect() {
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoading />;
  if (!me) return <Navigate to="/login" replace />;
  if (me.user.role === 'admin') return <Navigate to="/units" replace />;
  return <Navigate to={homeOf(me.user.role)} replace />;
}

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  {
    path: '/login',
    element: (
      <S>
        <LoginPage />
      </S>
    ),
  },
  {
    path: '/portal',
    element: (
      <RequireAuth part="portal">
        <PortalLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <S><PortalHome /></S> },
      { path: 'units/:id', element: <S><PortalUnit /></S> },
    ],
  },
  {
    element: (
      <RequireAuth part="staff">
        <StaffLayout />
      </RequireAuth>
    ),
    children: [
      { path: '/units', element: <Guard permission="property.read"><PropertyPage /></Guard> },
      { path: '/units/:id', element: <Guard permission="property.read"><UnitPage /></Guard> },
      { path: '/households', element: <Guard permission="household.read"><HouseholdsPage /></Guard> },
      { path: '/imports', element: <Guard permission="import.run"><ImportPage /></Guard> },
      { path: '/users', element: <Guard permission="user.admin"><UsersPage /></Guard> },
      { path: '/audit', element: <Guard permission="audit.read"><AuditPage /></Guard> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
