/** Routes; every page is its own chunk (React.lazy), so the login page does not load the tables. */
import { type Area, loadAreas } from '../i18n/index.tsx';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../core/roles.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { homeOf, SessionProvider, useMe, useSession } from './session.tsx';

// Refusals and antd's <App> are loaded when needed: the entry carries what the login page shows.
const Forbidden = lazy(() => import('../components/Results.tsx').then((m) => ({ default: m.Forbidden })));
const NotFoundPage = lazy(() => import('../components/Results.tsx').then((m) => ({ default: m.NotFoundPage })));
/**
 * A lazy page (or layout) that renders once its code and the texts of the areas it uses are in,
 * fetched together (i18n/areas.ts). test/unit/web-text-areas.test.ts checks each list against the
 * keys the page and what it imports use; bench/web.ts counts the texts in each page's total.
 */
function page<C extends ComponentType<any>>(areas: readonly Area[], load: () => Promise<{ default: C }>) {
  return lazy(() => Promise.all([load(), loadAreas(areas)]).then(([m]) => m));
}
const loadAntApp = () => import('./AntAppShell.tsx');
const loadStaff = () => import('../layouts/StaffLayout.tsx');
const loadPortal = () => import('../layouts/PortalLayout.tsx');
const AntAppShell = lazy(loadAntApp);
const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const StaffLayout = page(['shell'], loadStaff);
const PortalLayout = page(['shell'], loadPortal);

/**
 * Fetches antd's <App> and the staff layout while the login form is being filled in, so signing in
 * does not wait for them one after the other (the <App> would otherwise have to arrive before the
 * layout is even asked for).
 */
export function prefetchSignedIn() {
  void loadAntApp();
  void loadAreas(['shell']);
  void loadStaff();
}
const RefusalShell = page([], () => import('../layouts/RefusalShell.tsx'));
const PropertyPage = page([], () => import('../pages/PropertyPage.tsx'));
const UnitPage = page([], () => import('../pages/unit/UnitPage.tsx'));
const HouseholdsPage = page([], () => import('../pages/HouseholdsPage.tsx'));
const ImportPage = page([], () => import('../pages/ImportPage.tsx'));
const UsersPage = page([], () => import('../pages/UsersPage.tsx'));
const AuditPage = page(['notices'], () => import('../pages/AuditPage.tsx'));
const PortalHome = page([], () => import('../pages/portal/PortalHome.tsx'));
const PortalUnit = page([], () => import('../pages/portal/PortalUnit.tsx'));
const PortalTickets = page(['shell', 'desk'], () => import('../pages/portal/PortalTickets.tsx'));
const PortalNewTicket = page(['shell', 'desk'], () => import('../pages/portal/PortalNewTicket.tsx'));
const PortalTicket = page(['desk'], () => import('../pages/portal/PortalTicket.tsx'));
const TicketListPage = page(['shell', 'desk'], () => import('../pages/desk/TicketListPage.tsx'));
const TicketPage = page(['shell', 'desk'], () => import('../pages/desk/TicketPage.tsx'));
const RegisterPage = page(['shell', 'desk'], () => import('../pages/desk/RegisterPage.tsx'));
const WorkPage = page(['shell', 'desk'], () => import('../pages/desk/WorkPage.tsx'));
const VisitsPage = page(['shell', 'desk'], () => import('../pages/desk/VisitsPage.tsx'));
const ReportPage = page(['shell', 'desk'], () => import('../pages/desk/ReportPage.tsx'));
const SettingsPage = page(['shell', 'desk'], () => import('../pages/desk/SettingsPage.tsx'));
const ComplaintPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/ComplaintPrint.tsx'));
const IncidentPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/IncidentPrint.tsx'));
const CashierPage = page(['shell', 'fees'], () => import('../pages/fees/CashierPage.tsx'));
const BillingRunPage = page(['shell', 'fees'], () => import('../pages/fees/BillingRunPage.tsx'));
const BillLinesPage = page(['shell', 'fees'], () => import('../pages/fees/BillLinesPage.tsx'));
const NoticesPage = page(['shell', 'fees'], () => import('../pages/fees/NoticesPage.tsx'));
const ArrearsPage = page(['shell', 'fees'], () => import('../pages/fees/ArrearsPage.tsx'));
const ClosePage = page(['shell', 'fees'], () => import('../pages/fees/ClosePage.tsx'));
const ApprovalsPage = page(['shell', 'fees'], () => import('../pages/fees/ApprovalsPage.tsx'));
const StatsPage = page(['shell', 'fees'], () => import('../pages/fees/StatsPage.tsx'));
const FeeSettingsPage = page(['shell', 'fees'], () => import('../pages/fees/SettingsPage.tsx'));
const ReadingsPage = page(['shell', 'fees'], () => import('../pages/fees/ReadingsPage.tsx'));
const ReceiptPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/ReceiptPrint.tsx'));
const NoticesPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/NoticesPrint.tsx'));
const RemindersPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/RemindersPrint.tsx'));
const ClosePrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/ClosePrint.tsx'));
const StatsPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/StatsPrint.tsx'));
const PortalFees = page(['shell', 'fees'], () => import('../pages/portal/PortalFees.tsx'));
const PortalReceipt = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/portal/PortalReceipt.tsx'));
// The field phone app: its own shell, session-without-signal and service worker (pages/field/FieldApp.tsx).
const FieldRoot = page([], () => import('../pages/field/FieldApp.tsx'));
const FieldToday = page([], () => import('../pages/field/TodayPage.tsx'));
const FieldTask = page([], () => import('../pages/field/TaskPage.tsx'));
const FieldCheckpoint = page([], () => import('../pages/field/CheckpointPage.tsx'));
const FieldScan = page([], () => import('../pages/field/ScanPage.tsx'));
const FieldOutbox = page([], () => import('../pages/field/OutboxPage.tsx'));
const FieldVisits = page([], () => import('../pages/field/VisitsPage.tsx'));
const FieldVisit = page([], () => import('../pages/field/VisitPage.tsx'));
const RoundsTasksPage = page(['shell', 'rounds'], () => import('../pages/rounds/TaskBoardPage.tsx'));
const RoundsFindingsPage = page(['shell', 'rounds'], () => import('../pages/rounds/FindingsPage.tsx'));
const RoundsReportsPage = page(['shell', 'rounds'], () => import('../pages/rounds/ReportsPage.tsx'));
const RoundsPlansPage = page(['shell', 'rounds'], () => import('../pages/rounds/PlansPage.tsx'));
const RoundsRoutesPage = page(['shell', 'rounds'], () => import('../pages/rounds/RoutesPage.tsx'));
const RoundsCheckpointsPage = page(['shell', 'rounds'], () => import('../pages/rounds/CheckpointsPage.tsx'));
const RoundsTemplatesPage = page(['shell', 'rounds'], () => import('../pages/rounds/TemplatesPage.tsx'));
const RoundsLabelsPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/rounds/LabelsPrint.tsx'));
const RenoListPage = page(['shell', 'reno'], () => import('../pages/reno/RenoListPage.tsx'));
const RenoNewPage = page(['shell', 'desk', 'reno'], () => import('../pages/reno/RenoNewPage.tsx'));
const RenoDetailPage = page(['reno'], () => import('../pages/reno/RenoDetailPage.tsx'));
const RenoReportsPage = page(['shell', 'reno'], () => import('../pages/reno/RenoReportsPage.tsx'));
const renoPrint = (name: 'PermitPrint' | 'NoticePrint' | 'ApprovalPrint' | 'InspectionSheetPrint' | 'ReportPrint') => page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/reno/RenoPrints.tsx').then((m) => ({ default: m[name] })));
const PermitPrint = renoPrint('PermitPrint');
const RenoNoticePrint = renoPrint('NoticePrint');
const RenoApprovalPrint = renoPrint('ApprovalPrint');
const RenoSheetPrint = renoPrint('InspectionSheetPrint');
const RenoReportPrint = renoPrint('ReportPrint');
const portalReno = (name: 'PortalRenovations' | 'PortalRenovationNew' | 'PortalRenovation') => page(['shell', 'reno'], () => import('../pages/portal/PortalRenovations.tsx').then((m) => ({ default: m[name] })));
const PortalRenovations = portalReno('PortalRenovations');
const PortalRenovationNew = portalReno('PortalRenovationNew');
const PortalRenovation = portalReno('PortalRenovation');
const SignsPage = page(['field'], () => import('../pages/field/SignsPage.tsx'));
const VacantPage = page(['field'], () => import('../pages/field/VacantPage.tsx'));
const HandoverPage = page(['field'], () => import('../pages/field/HandoverPage.tsx'));
const PortalVacant = page(['field'], () => import('../pages/portal/PortalVacant.tsx'));
const PortalVisits = page(['shell', 'relations'], () => import('../pages/portal/PortalVisits.tsx'));
const SignLabelsPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.SignLabelsPrint })));
const VacantRegisterPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantRegisterPrint })));
const VacantSignInPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantSignInPrint })));
const VacantRecordPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantRecordPrint })));
const VisitPlanPage = page(['relations', 'notices'], () => import('../pages/relations/VisitPlanPage.tsx'));
const SurveysPage = page(['relations', 'notices'], () => import('../pages/relations/SurveysPage.tsx'));
const SurveyPage = page(['relations'], () => import('../pages/relations/SurveyPage.tsx'));
const PortalSurveys = page(['shell', 'relations'], () => import('../pages/portal/PortalSurveys.tsx'));
const VisitFormPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/VisitFormPrint.tsx'));
const SurveyFormPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/SurveyFormPrint.tsx'));
const ResidentNoticesPage = page(['notices'], () => import('../pages/relations/NoticesPage.tsx'));
const ResidentNoticePage = page(['shell', 'notices'], () => import('../pages/relations/NoticePage.tsx'));
const NoticeBoardPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/relations/NoticeBoardPrint.tsx'));
const ActivitiesPage = page(['notices'], () => import('../pages/relations/ActivitiesPage.tsx'));
const ActivityPage = page(['notices'], () => import('../pages/relations/ActivityPage.tsx'));
const SignInPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/relations/SignInPrint.tsx'));
const PortalNotices = page(['shell', 'notices'], () => import('../pages/portal/PortalNotices.tsx'));
const PortalNotice = page(['notices'], () => import('../pages/portal/PortalNotice.tsx'));
const PortalActivities = page(['shell', 'notices'], () => import('../pages/portal/PortalActivities.tsx'));
const PortalActivity = page(['notices'], () => import('../pages/portal/PortalActivity.tsx'));
const MailPage = page(['shell', 'mail'], () => import('../pages/mail/MailPage.tsx'));
const PortalMail = page(['shell', 'mail'], () => import('../pages/portal/PortalMail.tsx'));
const MailSlipsPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/MailSlipsPrint.tsx'));
const MailDeliveryPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/MailDeliveryPrint.tsx'));
const MailPickupPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/MailPickupPrint.tsx'));
const FormGalleryPage = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/kit/GalleryPage.tsx'));
const BlankPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/kit/BlankPrint.tsx'));
const PackPage = page(['management'], () => import('../pages/management/PackPage.tsx'));
const PackRecordsPage = page(['management'], () => import('../pages/management/RecordsPage.tsx'));
const PerformancePage = page(['management'], () => import('../pages/management/PerformancePage.tsx'));
const ImprovementPage = page(['management'], () => import('../pages/management/ImprovementPage.tsx'));
const KpiPage = page(['management'], () => import('../pages/management/KpiPage.tsx'));
const PackPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/PackPrint.tsx'));
const AppraisalPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/AppraisalPrint.tsx'));
const DevelopmentPlanPrint = page(['desk', 'fees', 'rounds', 'reno', 'field', 'relations', 'notices', 'mail', 'management'], () => import('../pages/print/DevelopmentPlanPrint.tsx'));

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
  // Ask for the layout together with antd's <App>, not after it (import() is fetched once).
  void loadAntApp();
  void loadAreas(['shell']);
  void (isOwner ? loadPortal() : loadStaff());
  if ((part === 'staff' && isOwner) || (part === 'portal' && !isOwner))
    return (
      <SessionProvider me={me}>
        <S>
          <AntAppShell>
            <RefusalShell part={part} />
          </AntAppShell>
        </S>
      </SessionProvider>
    );
  return (
    <SessionProvider me={me}>
      <S>
        <AntAppShell>{children}</AntAppShell>
      </S>
    </SessionProvider>
  );
}

/** A page that needs a permission the role may not have (e.g. typing /users as front desk). */
function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (!can(permission))
    return (
      <S>
        <Forbidden />
      </S>
    );
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
      { path: 'tickets', element: <S><PortalTickets /></S> },
      { path: 'tickets/new', element: <S><PortalNewTicket /></S> },
      { path: 'tickets/:id', element: <S><PortalTicket /></S> },
      { path: 'fees', element: <S><PortalFees /></S> },
      { path: 'renovations', element: <S><PortalRenovations /></S> },
      { path: 'renovations/new', element: <S><PortalRenovationNew /></S> },
      { path: 'renovations/:id', element: <S><PortalRenovation /></S> },
      { path: 'vacant', element: <S><PortalVacant /></S> },
      { path: 'visits', element: <S><PortalVisits /></S> },
      { path: 'surveys', element: <S><PortalSurveys /></S> },
      { path: 'notices', element: <S><PortalNotices /></S> },
      { path: 'notices/:id', element: <S><PortalNotice /></S> },
      { path: 'activities', element: <S><PortalActivities /></S> },
      { path: 'activities/:id', element: <S><PortalActivity /></S> },
      { path: 'mail', element: <S><PortalMail /></S> },
    ],
  },
  {
    // The owner's receipt as an A4 sheet, without the portal shell.
    path: '/portal/fees/receipts/:id',
    element: (
      <RequireAuth part="portal">
        <PortalReceipt />
      </RequireAuth>
    ),
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
      { path: '/desk/tickets', element: <Guard permission="desk.read"><TicketListPage /></Guard> },
      { path: '/desk/tickets/:id', element: <Guard permission="desk.read"><TicketPage /></Guard> },
      { path: '/desk/register', element: <Guard permission="desk.register"><RegisterPage /></Guard> },
      { path: '/desk/work', element: <Guard permission="desk.work"><WorkPage /></Guard> },
      { path: '/desk/visits', element: <Guard permission="desk.visit"><VisitsPage /></Guard> },
      { path: '/desk/reports', element: <Guard permission="report.read"><ReportPage /></Guard> },
      { path: '/desk/settings', element: <Guard permission="desk.config"><SettingsPage /></Guard> },
      { path: '/fees/cashier', element: <Guard permission="fee.read"><CashierPage /></Guard> },
      { path: '/fees/billing', element: <Guard permission="fee.bill"><BillingRunPage /></Guard> },
      { path: '/fees/lines', element: <Guard permission="fee.read"><BillLinesPage /></Guard> },
      { path: '/fees/notices', element: <Guard permission="fee.read"><NoticesPage /></Guard> },
      { path: '/fees/arrears', element: <Guard permission="fee.read"><ArrearsPage /></Guard> },
      { path: '/fees/close', element: <Guard permission="fee.close"><ClosePage /></Guard> },
      { path: '/fees/approvals', element: <Guard permission="fee.approve"><ApprovalsPage /></Guard> },
      { path: '/fees/stats', element: <Guard permission="fee.report"><StatsPage /></Guard> },
      { path: '/fees/readings', element: <Guard permission="meter.read"><ReadingsPage /></Guard> },
      { path: '/fees/settings', element: <Guard permission="fee.read"><FeeSettingsPage /></Guard> },
      { path: '/rounds/tasks', element: <Guard permission="rounds.read"><RoundsTasksPage /></Guard> },
      { path: '/rounds/findings', element: <Guard permission="rounds.read"><RoundsFindingsPage /></Guard> },
      { path: '/rounds/reports', element: <Guard permission="rounds.read"><RoundsReportsPage /></Guard> },
      { path: '/rounds/plans', element: <Guard permission="rounds.config"><RoundsPlansPage /></Guard> },
      { path: '/rounds/routes', element: <Guard permission="rounds.config"><RoundsRoutesPage /></Guard> },
      { path: '/rounds/checkpoints', element: <Guard permission="rounds.config"><RoundsCheckpointsPage /></Guard> },
      { path: '/rounds/templates', element: <Guard permission="rounds.config"><RoundsTemplatesPage /></Guard> },
      { path: '/reno', element: <Guard permission="reno.read"><RenoListPage /></Guard> },
      { path: '/reno/new', element: <Guard permission="reno.register"><RenoNewPage /></Guard> },
      { path: '/reno/reports', element: <Guard permission="reno.report"><RenoReportsPage /></Guard> },
      { path: '/reno/:id', element: <Guard permission="reno.read"><RenoDetailPage /></Guard> },
      { path: '/site/signs', element: <Guard permission="field.read"><SignsPage /></Guard> },
      { path: '/site/vacant', element: <Guard permission="field.read"><VacantPage /></Guard> },
      { path: '/site/handovers', element: <Guard permission="field.read"><HandoverPage /></Guard> },
      { path: '/relations/visits', element: <Guard permission="visit.read"><VisitPlanPage /></Guard> },
      { path: '/relations/surveys', element: <Guard permission="survey.read"><SurveysPage /></Guard> },
      { path: '/relations/surveys/:id', element: <Guard permission="survey.read"><SurveyPage /></Guard> },
      { path: '/relations/notices', element: <Guard permission="notice.read"><ResidentNoticesPage /></Guard> },
      { path: '/relations/notices/:id', element: <Guard permission="notice.read"><ResidentNoticePage /></Guard> },
      { path: '/relations/activities', element: <Guard permission="activity.read"><ActivitiesPage /></Guard> },
      { path: '/relations/activities/:id', element: <Guard permission="activity.read"><ActivityPage /></Guard> },
      { path: '/desk/mail', element: <Guard permission="mail.read"><MailPage /></Guard> },
      { path: '/forms', element: <Guard permission="form.read"><FormGalleryPage /></Guard> },
      { path: '/management/pack', element: <Guard permission="pack.read"><PackPage /></Guard> },
      { path: '/management/records', element: <Guard permission="pack.read"><PackRecordsPage /></Guard> },
      { path: '/management/performance', element: <Guard permission="perf.read"><PerformancePage /></Guard> },
      { path: '/management/improvement', element: <Guard permission="improve.read"><ImprovementPage /></Guard> },
      { path: '/management/kpis', element: <Guard permission="perf.config"><KpiPage /></Guard> },
    ],
  },
  {
    // Print views: an A4 sheet without the staff shell.
    path: '/print/tickets/:id',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'complaint', element: <Guard permission="desk.read"><ComplaintPrint /></Guard> },
      { path: 'incident', element: <Guard permission="desk.read"><IncidentPrint /></Guard> },
    ],
  },
  {
    // Printed fee forms: receipts, notices, reminder notices, the daily close, statistics.
    path: '/print/fees',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'receipts/:id', element: <Guard permission="fee.read"><ReceiptPrint /></Guard> },
      { path: 'notices', element: <Guard permission="fee.read"><NoticesPrint /></Guard> },
      { path: 'reminders', element: <Guard permission="fee.read"><RemindersPrint /></Guard> },
      { path: 'close', element: <Guard permission="fee.close"><ClosePrint /></Guard> },
      { path: 'stats', element: <Guard permission="fee.report"><StatsPrint /></Guard> },
    ],
  },
  {
    path: '/field',
    element: <S><FieldRoot /></S>,
    children: [
      { index: true, element: <S><FieldToday /></S> },
      { path: 'tasks/:taskId', element: <S><FieldTask /></S> },
      { path: 'tasks/:taskId/cp/:cpId', element: <S><FieldCheckpoint /></S> },
      { path: 'scan', element: <S><FieldScan /></S> },
      { path: 'outbox', element: <S><FieldOutbox /></S> },
      { path: 'visits', element: <S><FieldVisits /></S> },
      { path: 'visits/:itemId', element: <S><FieldVisit /></S> },
    ],
  },
  {
    // Checkpoint QR labels on A4, without the staff shell.
    path: '/print/rounds/labels',
    element: (
      <RequireAuth part="staff">
        <Guard permission="rounds.config"><RoundsLabelsPrint /></Guard>
      </RequireAuth>
    ),
  },
  {
    // The director's monthly pack on A4.
    path: '/print/pack',
    element: (
      <RequireAuth part="staff">
        <Guard permission="pack.read"><PackPrint /></Guard>
      </RequireAuth>
    ),
  },
  {
    // 月度考核表 (one, or a month's one a page) and 员工个人发展计划 on A4.
    path: '/print',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'appraisals', element: <Guard permission="perf.read"><AppraisalPrint /></Guard> },
      { path: 'appraisals/:id', element: <Guard permission="perf.read"><AppraisalPrint /></Guard> },
      { path: 'development-plans/:userId', element: <Guard permission="perf.read"><DevelopmentPlanPrint /></Guard> },
    ],
  },
  {
    // Renovation forms: 开工证, 5.5 巡查表, 5.6 违规通知书, 5.7 审批及竣工验收表 (id "blank" for paper), weekly report.
    path: '/print/reno',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: ':id/permit', element: <Guard permission="reno.read"><PermitPrint /></Guard> },
      { path: ':id/approval', element: <Guard permission="reno.read"><RenoApprovalPrint /></Guard> },
      { path: 'violations/:id/notice', element: <Guard permission="reno.read"><RenoNoticePrint /></Guard> },
      { path: 'sheet/:id', element: <Guard permission="reno.read"><RenoSheetPrint /></Guard> },
      { path: 'reports/:id', element: <Guard permission="reno.report"><RenoReportPrint /></Guard> },
    ],
  },
  {
    // Printed mail forms: mailbox slips, the newspaper delivery list, the pickup sheet.
    path: '/print/mail',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'slips', element: <Guard permission="mail.work"><MailSlipsPrint /></Guard> },
      { path: 'deliveries', element: <Guard permission="mail.read"><MailDeliveryPrint /></Guard> },
      { path: 'pickups', element: <Guard permission="mail.read"><MailPickupPrint /></Guard> },
    ],
  },
  {
    // Resident relations' A4 sheets: the notice's board copy, an activity's sign-in sheet.
    path: '/print',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'notices/:id', element: <Guard permission="notice.read"><NoticeBoardPrint /></Guard> },
      { path: 'activities/:id/sign-in', element: <Guard permission="activity.checkin"><SignInPrint /></Guard> },
    ],
  },
  {
    // Printed resident-relations forms: 5.2 (blank or filled) and the paper questionnaire.
    path: '/print/relations',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'visit-form', element: <Guard permission="visit.read"><VisitFormPrint /></Guard> },
      { path: 'visits/:id', element: <Guard permission="visit.read"><VisitFormPrint /></Guard> },
      { path: 'surveys/:id', element: <Guard permission="survey.read"><SurveyFormPrint /></Guard> },
    ],
  },
  {
    // Printed field forms: sign QR labels, 5.9 / 5.10 / 5.11 of vacant units.
    path: '/print/field',
    element: (
      <RequireAuth part="staff">
        <Outlet />
      </RequireAuth>
    ),
    children: [
      { path: 'sign-labels', element: <Guard permission="field.read"><SignLabelsPrint /></Guard> },
      { path: 'vacant-register', element: <Guard permission="field.read"><VacantRegisterPrint /></Guard> },
      { path: 'vacant/:id/signin', element: <Guard permission="field.read"><VacantSignInPrint /></Guard> },
      { path: 'vacant/:id/record', element: <Guard permission="field.read"><VacantRecordPrint /></Guard> },
    ],
  },
  {
    // The blank paper version of any form of the kit's catalog (print/kit/catalog.ts).
    path: '/print/blank/:form',
    element: (
      <RequireAuth part="staff">
        <Guard permission="form.read"><BlankPrint /></Guard>
      </RequireAuth>
    ),
  },
  { path: '*', element: <S><NotFoundPage /></S> },
]);
