/**
 * Roles and permissions (SPEC.md "Who uses it"). One table decides who may call what;
 * routes name a permission, never a list of roles, so the matrix test can read it back.
 */
export const STAFF_ROLES = ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'] as const;
export const ROLES = [...STAFF_ROLES, 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'property.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'property.write': ['admin', 'director', 'assistant', 'cs_admin'],
  'estate.write': ['admin'],
  'area.write': ['admin', 'director'],
  'household.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'household.write': ['admin', 'director', 'assistant', 'cs_admin'],
  // Full phone and ID numbers: only the people who look after households (manual 4.2).
  'pii.reveal': ['director', 'assistant', 'cs_admin'],
  'import.run': ['admin', 'director', 'assistant'],
  'user.admin': ['admin'],
  'audit.read': ['admin', 'director'],
  'clock.control': ['admin'],
  // Service desk (R-DESK): who registers, who dispatches, who does the work, who calls back.
  'desk.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'desk.register': ['director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'desk.dispatch': ['director', 'assistant', 'cs_admin', 'front_desk'],
  'desk.work': ['director', 'assistant', 'cs_admin', 'dept_staff'],
  'desk.resolve': ['director', 'assistant', 'cs_admin', 'front_desk', 'dept_staff'],
  'desk.visit': ['director', 'assistant', 'cs_admin'],
  'desk.config': ['admin', 'director'],
  'report.read': ['admin', 'director', 'assistant', 'cs_admin'],
  // Fees and collection (R-FEE, manual 4.1): the cashier bills and takes money, the assistant
  // and director approve what changes money already owed, administrators work the arrears ladder.
  'fee.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier'],
  'fee.config': ['admin', 'director', 'assistant'],
  'fee.bill': ['director', 'assistant', 'cashier'],
  'meter.read': ['director', 'assistant', 'cs_admin', 'cashier', 'dept_staff'],
  'fee.collect': ['cashier'],
  'fee.request': ['director', 'assistant', 'cs_admin', 'cashier'],
  'fee.approve': ['director', 'assistant'],
  'arrears.work': ['director', 'assistant', 'cs_admin'],
  'fee.report': ['admin', 'director', 'assistant', 'cs_admin', 'cashier'],
  'portal.self': ['owner'],
  // The daily close (日结) is the cashiers' own reconciliation, reviewed by the whole estate's
  // supervisors; an area administrator cannot see a cashier's day.
  'fee.close': ['admin', 'director', 'assistant', 'cashier'],
  // Printed forms (X5): every staff member prints and files; whoever has the paper in hand
  // (signed by the owner or a contractor) uploads its scan. The admin reads but keeps no records.
  'form.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'form.scan': ['director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  // Performance (M 6): staff read their own sheets and assess themselves; the assistant reviews
  // (and records training, M 2.5); the director confirms and sets the KPIs.
  'perf.read': ['director', 'assistant', 'cs_admin', 'dept_staff'],
  'perf.self': ['cs_admin', 'dept_staff'],
  'perf.review': ['director', 'assistant'],
  'perf.confirm': ['director'],
  'perf.config': ['director'],
  // Continuous improvement (M 7): area administrators read and carry out actions; the assistant
  // and director plan them; the director approves and has them verified.
  'improve.read': ['director', 'assistant', 'cs_admin'],
  'improve.manage': ['director', 'assistant'],
  'improve.approve': ['director'],
  // The director's monthly pack, delivered to the director and the assistant.
  'pack.read': ['director', 'assistant'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles whose scope is a whole estate even when areas are listed (they supervise every area). */
export function isStaff(role: Role): boolean {
  return role !== 'owner';
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'System administrator' },
  director: { zh: '管理处主任', en: 'Director' },
  assistant: { zh: '助理', en: 'Assistant' },
  cs_admin: { zh: '客服中心管理员', en: 'Customer service administrator' },
  front_desk: { zh: '前台接待', en: 'Front desk' },
  cashier: { zh: '收银员', en: 'Cashier' },
  dept_staff: { zh: '部门员工', en: 'Department staff' },
  owner: { zh: '业主', en: 'Owner' },
};
