/** Routes; every page is its own chunk (React.lazy), so the login page does not load the tables. */
import { AreaTexts, loadAreaTexts } from '../i18n/index.tsx';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../core/roles.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { homeOf, SessionProvider, useMe, useSession } from './session.tsx';

// Refusals and antd's <App> are loaded when needed: the entry carries what the login page shows.
const Forbidden = lazy(() => import('../components/Results.tsx').then((m) => ({ default: m.Forbidden })));
const NotFoundPage = lazy(() => import('../components/Results.tsx').then((m) => ({ default: m.NotFoundPage })));
const loadAntApp = () => import('./AntAppShell.tsx');
const loadStaff = () => import('../layouts/StaffLayout.tsx');
const loadPortal = () => import('../layouts/PortalLayout.tsx');
const AntAppShell = lazy(loadAntApp);
const LoginPage = lazy(() => import('../pages/LoginPage.tsx'));
const StaffLayout = lazy(loadStaff);
const PortalLayout = lazy(loadPortal);

/**
 * Fetches antd's <App> and the staff layout while the login form is being filled in, so signing in
 * does not wait for them one after the other (the <App> would otherwise have to arrive before the
 * layout is even asked for).
 */
export function prefetchSignedIn() {
  void loadAntApp();
  void loadAreaTexts();
  void loadStaff();
}
const RefusalShell = lazy(() => import('../layouts/RefusalShell.tsx'));
const PropertyPage = lazy(() => import('../pages/PropertyPage.tsx'));
const UnitPage = lazy(() => import('../pages/unit/UnitPage.tsx'));
const HouseholdsPage = lazy(() => import('../pages/HouseholdsPage.tsx'));
const ImportPage = lazy(() => import('../pages/ImportPage.tsx'));
const UsersPage = lazy(() => import('../pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('../pages/AuditPage.tsx'));
const PortalHome = lazy(() => import('../pages/portal/PortalHome.tsx'));
const PortalUnit = lazy(() => import('../pages/portal/PortalUnit.tsx'));
const PortalTickets = lazy(() => import('../pages/portal/PortalTickets.tsx'));
const PortalNewTicket = lazy(() => import('../pages/portal/PortalNewTicket.tsx'));
const PortalTicket = lazy(() => import('../pages/portal/PortalTicket.tsx'));
const TicketListPage = lazy(() => import('../pages/desk/TicketListPage.tsx'));
const TicketPage = lazy(() => import('../pages/desk/TicketPage.tsx'));
const RegisterPage = lazy(() => import('../pages/desk/RegisterPage.tsx'));
const WorkPage = lazy(() => import('../pages/desk/WorkPage.tsx'));
const VisitsPage = lazy(() => import('../pages/desk/VisitsPage.tsx'));
const ReportPage = lazy(() => import('../pages/desk/ReportPage.tsx'));
const SettingsPage = lazy(() => import('../pages/desk/SettingsPage.tsx'));
const ComplaintPrint = lazy(() => import('../pages/print/ComplaintPrint.tsx'));
const IncidentPrint = lazy(() => import('../pages/print/IncidentPrint.tsx'));
const CashierPage = lazy(() => import('../pages/fees/CashierPage.tsx'));
const BillingRunPage = lazy(() => import('../pages/fees/BillingRunPage.tsx'));
const BillLinesPage = lazy(() => import('../pages/fees/BillLinesPage.tsx'));
const NoticesPage = lazy(() => import('../pages/fees/NoticesPage.tsx'));
const ArrearsPage = lazy(() => import('../pages/fees/ArrearsPage.tsx'));
const ClosePage = lazy(() => import('../pages/fees/ClosePage.tsx'));
const ApprovalsPage = lazy(() => import('../pages/fees/ApprovalsPage.tsx'));
const StatsPage = lazy(() => import('../pages/fees/StatsPage.tsx'));
const FeeSettingsPage = lazy(() => import('../pages/fees/SettingsPage.tsx'));
const ReadingsPage = lazy(() => import('../pages/fees/ReadingsPage.tsx'));
const ReceiptPrint = lazy(() => import('../pages/print/ReceiptPrint.tsx'));
const NoticesPrint = lazy(() => import('../pages/print/NoticesPrint.tsx'));
const RemindersPrint = lazy(() => import('../pages/print/RemindersPrint.tsx'));
const ClosePrint = lazy(() => import('../pages/print/ClosePrint.tsx'));
const StatsPrint = lazy(() => import('../pages/print/StatsPrint.tsx'));
const PortalFees = lazy(() => import('../pages/portal/PortalFees.tsx'));
const PortalReceipt = lazy(() => import('../pages/portal/PortalReceipt.tsx'));
// The field phone app: its own shell, session-without-signal and service worker (pages/field/FieldApp.tsx).
const FieldRoot = lazy(() => import('../pages/field/FieldApp.tsx'));
const FieldToday = lazy(() => import('../pages/field/TodayPage.tsx'));
const FieldTask = lazy(() => import('../pages/field/TaskPage.tsx'));
const FieldCheckpoint = lazy(() => import('../pages/field/CheckpointPage.tsx'));
const FieldScan = lazy(() => import('../pages/field/ScanPage.tsx'));
const FieldOutbox = lazy(() => import('../pages/field/OutboxPage.tsx'));
const FieldVisits = lazy(() => import('../pages/field/VisitsPage.tsx'));
const FieldVisit = lazy(() => import('../pages/field/VisitPage.tsx'));
const RoundsTasksPage = lazy(() => import('../pages/rounds/TaskBoardPage.tsx'));
const RoundsFindingsPage = lazy(() => import('../pages/rounds/FindingsPage.tsx'));
const RoundsReportsPage = lazy(() => import('../pages/rounds/ReportsPage.tsx'));
const RoundsPlansPage = lazy(() => import('../pages/rounds/PlansPage.tsx'));
const RoundsRoutesPage = lazy(() => import('../pages/rounds/RoutesPage.tsx'));
const RoundsCheckpointsPage = lazy(() => import('../pages/rounds/CheckpointsPage.tsx'));
const RoundsTemplatesPage = lazy(() => import('../pages/rounds/TemplatesPage.tsx'));
const RoundsLabelsPrint = lazy(() => import('../pages/rounds/LabelsPrint.tsx'));
const RenoListPage = lazy(() => import('../pages/reno/RenoListPage.tsx'));
const RenoNewPage = lazy(() => import('../pages/reno/RenoNewPage.tsx'));
const RenoDetailPage = lazy(() => import('../pages/reno/RenoDetailPage.tsx'));
const RenoReportsPage = lazy(() => import('../pages/reno/RenoReportsPage.tsx'));
const renoPrint = (name: 'PermitPrint' | 'NoticePrint' | 'ApprovalPrint' | 'InspectionSheetPrint' | 'ReportPrint') => lazy(() => import('../pages/print/reno/RenoPrints.tsx').then((m) => ({ default: m[name] })));
const PermitPrint = renoPrint('PermitPrint');
const RenoNoticePrint = renoPrint('NoticePrint');
const RenoApprovalPrint = renoPrint('ApprovalPrint');
const RenoSheetPrint = renoPrint('InspectionSheetPrint');
const RenoReportPrint = renoPrint('ReportPrint');
const portalReno = (name: 'PortalRenovations' | 'PortalRenovationNew' | 'PortalRenovation') => lazy(() => import('../pages/portal/PortalRenovations.tsx').then((m) => ({ default: m[name] })));
const PortalRenovations = portalReno('PortalRenovations');
const PortalRenovationNew = portalReno('PortalRenovationNew');
const PortalRenovation = portalReno('PortalRenovation');
const SignsPage = lazy(() => import('../pages/field/SignsPage.tsx'));
const VacantPage = lazy(() => import('../pages/field/VacantPage.tsx'));
const HandoverPage = lazy(() => import('../pages/field/HandoverPage.tsx'));
const PortalVacant = lazy(() => import('../pages/portal/PortalVacant.tsx'));
const PortalVisits = lazy(() => import('../pages/portal/PortalVisits.tsx'));
const SignLabelsPrint = lazy(() => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.SignLabelsPrint })));
const VacantRegisterPrint = lazy(() => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantRegisterPrint })));
const VacantSignInPrint = lazy(() => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantSignInPrint })));
const VacantRecordPrint = lazy(() => import('../pages/print/field/FieldPrints.tsx').then((m) => ({ default: m.VacantRecordPrint })));
const VisitPlanPage = lazy(() => import('../pages/relations/VisitPlanPage.tsx'));
const SurveysPage = lazy(() => import('../pages/relations/SurveysPage.tsx'));
const SurveyPage = lazy(() => import('../pages/relations/SurveyPage.tsx'));
const PortalSurveys = lazy(() => import('../pages/portal/PortalSurveys.tsx'));
const VisitFormPrint = lazy(() => import('../pages/print/VisitFormPrint.tsx'));
const SurveyFormPrint = lazy(() => import('../pages/print/SurveyFormPrint.tsx'));
const ResidentNoticesPage = lazy(() => import('../pages/relations/NoticesPage.tsx'));
const ResidentNoticePage = lazy(() => import('../pages/relations/NoticePage.tsx'));
const NoticeBoardPrint = lazy(() => import('../pages/relations/NoticeBoardPrint.tsx'));
const ActivitiesPage = lazy(() => import('../pages/relations/ActivitiesPage.tsx'));
const ActivityPage = lazy(() => import('../pages/relations/ActivityPage.tsx'));
const SignInPrint = lazy(() => import('../pages/relations/SignInPrint.tsx'));
const PortalNotices = lazy(() => import('../pages/portal/PortalNotices.tsx'));
const PortalNotice = lazy(() => import('../pages/portal/PortalNotice.tsx'));
const PortalActivities = lazy(() => import('../pages/portal/PortalActivities.tsx'));
const PortalActivity = lazy(() => import('../pages/portal/PortalActivity.tsx'));
const MailPage = lazy(() => import('../pages/mail/MailPage.tsx'));
const PortalMail = lazy(() => import('../pages/portal/PortalMail.tsx'));
const MailSlipsPrint = lazy(() => import('../pages/print/MailSlipsPrint.tsx'));
const MailDeliveryPrint = lazy(() => import('../pages/print/MailDeliveryPrint.tsx'));
const MailPickupPrint = lazy(() => import('../pages/print/MailPickupPrint.tsx'));
const FormGalleryPage = lazy(() => import('../pages/print/kit/GalleryPage.tsx'));
const BlankPrint = lazy(() => import('../pages/print/kit/BlankPrint.tsx'));
const PackPage = lazy(() => import('../pages/management/PackPage.tsx'));
const PackRecordsPage = lazy(() => import('../pages/management/RecordsPage.tsx'));
const PerformancePage = lazy(() => import('../pages/management/PerformancePage.tsx'));
const ImprovementPage = lazy(() => import('../pages/management/ImprovementPage.tsx'));
const KpiPage = lazy(() => import('../pages/management/KpiPage.tsx'));
const PackPrint = lazy(() => import('../pages/print/PackPrint.tsx'));
const AppraisalPrint = lazy(() => import('../pages/print/AppraisalPrint.tsx'));
const DevelopmentPlanPrint = lazy(() => import('../pages/print/DevelopmentPlanPrint.tsx'));

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
  void loadAreaTexts();
  void (isOwner ? loadPortal() : loadStaff());
  if ((part === 'staff' && isOwner) || (part === 'portal' && !isOwner))
    return (
      <SessionProvider me={me}>
        <S>
          <AreaTexts>
            <AntAppShell>
              <RefusalShell part={part} />
            </AntAppShell>
          </AreaTexts>
        </S>
      </SessionProvider>
    );
  return (
    <SessionProvider me={me}>
      <S>
        <AreaTexts>
          <AntAppShell>{children}</AntAppShell>
        </AreaTexts>
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
    element: <S><AreaTexts><FieldRoot /></AreaTexts></S>,
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
