/**
 * The staff menu. Each entry names its page's main API and that route's permission from
 * core/roles.ts, so a role sees only pages whose API answers it (test/api/menu.test.ts checks
 * the permission against the route's own access rule).
 */
import { can, type Permission, type Role } from '../../core/roles.ts';
import type { MessageKey } from '../i18n/index.tsx';

export type MenuIcon =
  | 'tickets' | 'register' | 'work' | 'visits' | 'reports' | 'deskSettings'
  | 'cashier' | 'billing' | 'lines' | 'notices' | 'arrears' | 'close' | 'approvals' | 'stats' | 'readings' | 'feeSettings'
  | 'units' | 'households' | 'imports' | 'users' | 'audit'
  | 'roundsTasks' | 'roundsTemplates' | 'roundsCheckpoints' | 'roundsRoutes' | 'roundsPlans' | 'roundsFindings' | 'roundsReports'
  | 'residentNotices' | 'activities'
  | 'mail'
  | 'forms' | 'pack' | 'performance' | 'improvement' | 'kpis';

export interface MenuEntry {
  path: string;
  /** "METHOD /api/..." as the server registers it: the call without which the page is useless. */
  api: string;
  permission: Permission;
  label: MessageKey;
  icon: MenuIcon;
}

export const MENU_GROUPS: Array<{ key: string; label: MessageKey; entries: MenuEntry[] }> = [
  {
    key: 'desk',
    label: 'nav.groupDesk',
    entries: [
      { path: '/desk/tickets', api: 'GET /api/v1/tickets', permission: 'desk.read', label: 'nav.tickets', icon: 'tickets' },
      { path: '/desk/register', api: 'POST /api/v1/tickets', permission: 'desk.register', label: 'nav.register', icon: 'register' },
      { path: '/desk/work', api: 'POST /api/v1/tickets/:id/accept', permission: 'desk.work', label: 'nav.work', icon: 'work' },
      { path: '/desk/visits', api: 'GET /api/v1/return-visits', permission: 'desk.visit', label: 'nav.visits', icon: 'visits' },
      { path: '/desk/reports', api: 'GET /api/v1/reports/desk', permission: 'report.read', label: 'nav.reports', icon: 'reports' },
      { path: '/desk/settings', api: 'PATCH /api/v1/desk/settings', permission: 'desk.config', label: 'nav.deskSettings', icon: 'deskSettings' },
      { path: '/desk/mail', api: 'GET /api/v1/mail/items', permission: 'mail.read', label: 'nav.mail', icon: 'mail' },
    ],
  },
  {
    key: 'fees',
    label: 'nav.groupFees',
    entries: [
      { path: '/fees/cashier', api: 'POST /api/v1/fees/payments', permission: 'fee.collect', label: 'nav.feesCashier', icon: 'cashier' },
      { path: '/fees/billing', api: 'POST /api/v1/fees/runs', permission: 'fee.bill', label: 'nav.feesBilling', icon: 'billing' },
      { path: '/fees/lines', api: 'GET /api/v1/fees/lines', permission: 'fee.read', label: 'nav.feesLines', icon: 'lines' },
      { path: '/fees/notices', api: 'GET /api/v1/fees/notices', permission: 'fee.read', label: 'nav.feesNotices', icon: 'notices' },
      { path: '/fees/arrears', api: 'GET /api/v1/fees/arrears', permission: 'fee.read', label: 'nav.feesArrears', icon: 'arrears' },
      { path: '/fees/close', api: 'GET /api/v1/fees/close', permission: 'fee.close', label: 'nav.feesClose', icon: 'close' },
      { path: '/fees/approvals', api: 'POST /api/v1/fees/reversals/:id/decide', permission: 'fee.approve', label: 'nav.feesApprovals', icon: 'approvals' },
      { path: '/fees/stats', api: 'GET /api/v1/fees/stats', permission: 'fee.report', label: 'nav.feesStats', icon: 'stats' },
      { path: '/fees/readings', api: 'GET /api/v1/fees/readings', permission: 'meter.read', label: 'nav.feesReadings', icon: 'readings' },
      { path: '/fees/settings', api: 'GET /api/v1/fees/items', permission: 'fee.read', label: 'nav.feesSettings', icon: 'feeSettings' },
    ],
  },
  {
    key: 'rounds',
    label: 'nav.groupRounds',
    entries: [
      { path: '/field', api: 'GET /api/v1/field/pack', permission: 'field.work', label: 'nav.fieldApp', icon: 'roundsTasks' },
      { path: '/rounds/tasks', api: 'GET /api/v1/rounds/tasks', permission: 'rounds.read', label: 'nav.roundsTasks', icon: 'roundsTasks' },
      { path: '/rounds/findings', api: 'GET /api/v1/rounds/findings', permission: 'rounds.read', label: 'nav.roundsFindings', icon: 'roundsFindings' },
      { path: '/rounds/reports', api: 'GET /api/v1/rounds/reports', permission: 'rounds.read', label: 'nav.roundsReports', icon: 'roundsReports' },
      { path: '/rounds/plans', api: 'POST /api/v1/rounds/plans', permission: 'rounds.config', label: 'nav.roundsPlans', icon: 'roundsPlans' },
      { path: '/rounds/routes', api: 'POST /api/v1/rounds/routes', permission: 'rounds.config', label: 'nav.roundsRoutes', icon: 'roundsRoutes' },
      { path: '/rounds/checkpoints', api: 'POST /api/v1/rounds/checkpoints', permission: 'rounds.config', label: 'nav.roundsCheckpoints', icon: 'roundsCheckpoints' },
      { path: '/rounds/templates', api: 'POST /api/v1/rounds/templates', permission: 'rounds.config', label: 'nav.roundsTemplates', icon: 'roundsTemplates' },
    ],
  },
  {
    key: 'field',
    label: 'nav.groupField',
    entries: [
      { path: '/site/signs', api: 'GET /api/v1/field/signs', permission: 'field.read', label: 'nav.fieldSigns', icon: 'register' },
      { path: '/site/vacant', api: 'GET /api/v1/field/vacant', permission: 'field.read', label: 'nav.fieldVacant', icon: 'units' },
      { path: '/site/handovers', api: 'GET /api/v1/field/handovers', permission: 'field.read', label: 'nav.fieldHandovers', icon: 'work' },
    ],
  },
  {
    key: 'reno',
    label: 'nav.groupReno',
    entries: [
      { path: '/reno', api: 'GET /api/v1/renovations', permission: 'reno.read', label: 'nav.reno', icon: 'tickets' },
      { path: '/reno/new', api: 'POST /api/v1/renovations', permission: 'reno.register', label: 'nav.renoNew', icon: 'register' },
      { path: '/reno/reports', api: 'GET /api/v1/renovation-reports', permission: 'reno.report', label: 'nav.renoReports', icon: 'reports' },
    ],
  },
  {
    key: 'relations',
    label: 'nav.groupRelations',
    entries: [
      { path: '/relations/visits', api: 'GET /api/v1/visit-plans', permission: 'visit.read', label: 'nav.visitPlans', icon: 'households' },
      { path: '/relations/surveys', api: 'GET /api/v1/surveys', permission: 'survey.read', label: 'nav.surveys', icon: 'reports' },
      { path: '/relations/notices', api: 'GET /api/v1/notices', permission: 'notice.read', label: 'nav.residentNotices', icon: 'residentNotices' },
      { path: '/relations/activities', api: 'GET /api/v1/activities', permission: 'activity.read', label: 'nav.activities', icon: 'activities' },
    ],
  },
  {
    key: 'archive',
    label: 'nav.groupArchive',
    entries: [
      { path: '/units', api: 'GET /api/v1/units', permission: 'property.read', label: 'nav.units', icon: 'units' },
      { path: '/households', api: 'GET /api/v1/households', permission: 'household.read', label: 'nav.households', icon: 'households' },
      { path: '/imports', api: 'POST /api/v1/imports', permission: 'import.run', label: 'nav.imports', icon: 'imports' },
    ],
  },
  {
    key: 'management',
    label: 'nav.groupManagement',
    entries: [
      { path: '/management/pack', api: 'GET /api/v1/management/pack', permission: 'pack.read', label: 'nav.pack', icon: 'pack' },
      { path: '/management/performance', api: 'GET /api/v1/appraisals', permission: 'perf.read', label: 'nav.performance', icon: 'performance' },
      { path: '/management/improvement', api: 'GET /api/v1/improvement/weakness', permission: 'improve.read', label: 'nav.improvement', icon: 'improvement' },
      { path: '/management/kpis', api: 'POST /api/v1/kpi-sets', permission: 'perf.config', label: 'nav.kpis', icon: 'kpis' },
      { path: '/forms', api: 'GET /api/v1/forms/samples', permission: 'form.read', label: 'nav.forms', icon: 'forms' },
    ],
  },
  {
    key: 'system',
    label: 'nav.groupSystem',
    entries: [
      { path: '/users', api: 'GET /api/v1/users', permission: 'user.admin', label: 'nav.users', icon: 'users' },
      { path: '/audit', api: 'GET /api/v1/audit-log', permission: 'audit.read', label: 'nav.audit', icon: 'audit' },
    ],
  },
];

export const MENU_ENTRIES: MenuEntry[] = MENU_GROUPS.flatMap((g) => g.entries);

/** The groups a role sees, each with only the entries its permission allows; empty groups dropped. */
export function menuFor(role: Role) {
  return MENU_GROUPS.map((g) => ({ ...g, entries: g.entries.filter((e) => can(role, e.permission)) })).filter((g) => g.entries.length);
}
