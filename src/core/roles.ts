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
  // Rounds and patrols (manual 3.1–3.3, 3.10, design A.3.3): the assistant and director set up
  // templates, checkpoints, routes and plans; area administrators supervise the tasks (transfer,
  // make-up); everyone who walks the estate works tasks on the phone (field.work: design A.3.3's
  // rounds.work); the front desk reads the board and findings to answer residents.
  'rounds.config': ['admin', 'director', 'assistant'],
  'rounds.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'dept_staff'],
  'rounds.supervise': ['director', 'assistant', 'cs_admin'],
  'field.work': ['director', 'assistant', 'cs_admin', 'dept_staff'],
  // Another user's unsent records on a shared phone (design A.3.6 rule 8) are discarded only by the
  // whole estate's supervisors, with a reason reported to the server; area administrators are peers.
  'field.discard': ['director', 'assistant'],
  // Renovation 装修 (manual 3.6, 4.2; design A.3.1): the desk and the area administrators register,
  // the assistant approves (structure: the director, checked in the service), the area
  // administrators inspect daily, engineering staff accept with them, the assistant and the
  // director escalate. The cashier reads to take the deposit; engineering reads to accept.
  'reno.read': ['director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'reno.register': ['director', 'assistant', 'cs_admin', 'front_desk'],
  'reno.approve': ['director', 'assistant'],
  'reno.inspect': ['director', 'assistant', 'cs_admin'],
  'reno.accept': ['cs_admin', 'dept_staff'],
  'reno.report': ['admin', 'director', 'assistant', 'cs_admin'],
  // Held deposits 押金 (X4): only the cashier takes money; the area administrators and supervisors
  // ask for a refund or a deduction; the assistant approves refunds, the director any deduction.
  'deposit.collect': ['cashier'],
  'deposit.request': ['director', 'assistant', 'cs_admin', 'cashier'],
  'deposit.decide': ['director', 'assistant'],
  // Field operations (manual 3.2, 3.6, 3.12, 4.3, 4.8): every staff member may look at signs, vacant
  // units and handovers; the area administrators and their supervisors keep them; a new sign needs
  // the superior's approval (4.3.4); engineering joins the handover inspection (3.12).
  'field.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'field.config': ['admin', 'director', 'assistant'],
  'sign.write': ['director', 'assistant', 'cs_admin'],
  'sign.approve': ['director', 'assistant'],
  'vacant.write': ['director', 'assistant', 'cs_admin'],
  'handover.write': ['director', 'assistant', 'cs_admin', 'dept_staff'],
  // Home visits (manual 4.6.1): the area's administrator visits, the assistant and director supervise;
  // care notes are theirs only, so neither the front desk nor the system administrator reads visits.
  'visit.read': ['director', 'assistant', 'cs_admin'],
  'visit.write': ['director', 'assistant', 'cs_admin'],
  'visit.config': ['director', 'assistant'],
  // Surveys (manual 4.6.2): the assistant and director design and verify; whoever meets residents
  // (administrators, front desk, cashier at fee-collection time) issues forms and enters answers.
  'survey.read': ['director', 'assistant', 'cs_admin', 'front_desk', 'cashier'],
  'survey.manage': ['director', 'assistant'],
  'survey.enter': ['director', 'assistant', 'cs_admin', 'front_desk', 'cashier'],
  'survey.verify': ['director', 'assistant'],
  // Resident notices (design B.3.3, manual 3.9/3.17): every staff member reads them (staff-only ones
  // are addressed to them); the customer service staff and front desk draft; the assistant and the
  // director approve estate-wide notices, announcements and emergencies.
  'notice.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk', 'cashier', 'dept_staff'],
  'notice.draft': ['director', 'assistant', 'cs_admin', 'front_desk'],
  'notice.publish': ['director', 'assistant'],
  // Community activities (design B.3.4, manual 4.10): the customer service staff plan and run them,
  // the assistant or director approves the plan, and the front desk helps check residents in.
  'activity.read': ['admin', 'director', 'assistant', 'cs_admin', 'front_desk'],
  'activity.manage': ['director', 'assistant', 'cs_admin'],
  'activity.approve': ['director', 'assistant'],
  'activity.checkin': ['director', 'assistant', 'cs_admin', 'front_desk'],
  // Mail and parcels (manual 3.7, design B.3.5): the front desk and the area administrators
  // handle items at the counter and see label photos; the assistant and director read lists and reports.
  'mail.work': ['cs_admin', 'front_desk'],
  'mail.read': ['director', 'assistant', 'cs_admin', 'front_desk'],
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
