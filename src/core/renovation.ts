/**
 * Renovation 装修 (manual 3.6, 4.2.1–4.2.2; design A.3.1) and its held deposit 押金 (X4): the pure
 * rules — statuses and the moves between them, when a permit may be issued, which violations are
 * major (住宅室内装饰装修管理办法 art. 5), what blocks acceptance and refund, the deposit's balance,
 * and the Saturday report's week. The server only checks these and writes.
 */

export const RENO_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'permitted',
  'in_progress',
  'suspended',
  'completion_requested',
  'accepted',
  'refund_pending',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type RenoStatus = (typeof RENO_STATUSES)[number];

/** A unit has at most one of these at a time (rule 1): from submission until the deposit is settled. */
export const LIVE_STATUSES: readonly RenoStatus[] = ['submitted', 'approved', 'permitted', 'in_progress', 'suspended', 'completion_requested', 'accepted', 'refund_pending'];
/** Works on site: the daily inspection covers these (rule 6). */
export const ACTIVE_STATUSES: readonly RenoStatus[] = ['permitted', 'in_progress', 'suspended', 'completion_requested'];

export const RENO_ACTIONS = ['submit', 'return', 'approve', 'reject', 'permit', 'start', 'suspend', 'resume', 'request_completion', 'accept', 'fail', 'request_refund', 'settle', 'cancel'] as const;
export type RenoAction = (typeof RENO_ACTIONS)[number];

const MOVES: Record<RenoAction, { from: readonly RenoStatus[]; to: RenoStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  permit: { from: ['approved'], to: 'permitted' },
  start: { from: ['permitted'], to: 'in_progress' },
  suspend: { from: ['in_progress'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'in_progress' },
  request_completion: { from: ['in_progress'], to: 'completion_requested' },
  accept: { from: ['completion_requested'], to: 'accepted' },
  fail: { from: ['completion_requested'], to: 'in_progress' },
  request_refund: { from: ['accepted'], to: 'refund_pending' },
  // A renovation with nothing held (an AC installation) closes straight from accepted.
  settle: { from: ['accepted', 'refund_pending'], to: 'closed' },
  cancel: { from: ['draft', 'submitted', 'approved', 'permitted'], to: 'cancelled' },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: RenoStatus, action: RenoAction): RenoStatus | null {
  const m = MOVES[action];
  return m.from.includes(status) ? m.to : null;
}

export function actionsFrom(status: RenoStatus): RenoAction[] {
  return RENO_ACTIONS.filter((a) => MOVES[a].from.includes(status));
}

export const isLive = (s: RenoStatus) => LIVE_STATUSES.includes(s);

export const RENO_KINDS = ['full', 'partial', 'ac_install'] as const;
export const RENO_SCOPES = ['water_electric', 'walls', 'floors', 'ceiling', 'doors_windows', 'security_grille', 'non_bearing_wall', 'wet_area_waterproofing', 'air_conditioning', 'other'] as const;
export type RenoScope = (typeof RENO_SCOPES)[number];

/**
 * Rule 3: work on the structure needs the director (law art. 5(1) wants a qualified design); a
 * non-bearing wall or the wet areas' waterproofing needs an engineering opinion first.
 */
export function approvalNeeds(r: { touchesStructure: boolean; scope: readonly string[] }): { director: boolean; engineeringOpinion: boolean } {
  const risky = r.touchesStructure || r.scope.includes('non_bearing_wall') || r.scope.includes('wet_area_waterproofing');
  return { director: r.touchesStructure, engineeringOpinion: risky };
}

/** Rule 4: the 开工证 only once the agreement is signed, the deposit held and the fees billed. */
export function permitMissing(p: { agreementSigned: boolean; depositHeld: boolean; depositRequired: boolean; feesBilled: boolean }): Array<'agreement' | 'deposit' | 'fees'> {
  const out: Array<'agreement' | 'deposit' | 'fees'> = [];
  if (!p.agreementSigned) out.push('agreement');
  if (p.depositRequired && !p.depositHeld) out.push('deposit');
  if (!p.feesBilled) out.push('fees');
  return out;
}

/** Rule 2 limits (guesses of the design, configurable later). */
export const RENO_MAX_DAYS = 90;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Rule 2: start not in the past, end not before start, at most RENO_MAX_DAYS without the director. */
export function datesProblem(plannedStart: string, plannedEnd: string, today: string): 'startPast' | 'endBeforeStart' | 'tooLong' | null {
  if (plannedStart < today) return 'startPast';
  if (plannedEnd < plannedStart) return 'endBeforeStart';
  if (daysBetween(plannedStart, plannedEnd) + 1 > RENO_MAX_DAYS) return 'tooLong';
  return null;
}

// ---- violations (M 4.2.1.2) -------------------------------------------------------------------

export const VIOLATION_CATEGORIES = ['structure', 'facade', 'waterproofing', 'other_art5', 'hours_noise', 'debris_public_area', 'unregistered_workers', 'other'] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];
/** The acts of art. 5 (load-bearing structure, facade, wet-area waterproofing, …) are always major. */
export const MAJOR_CATEGORIES: readonly ViolationCategory[] = ['structure', 'facade', 'waterproofing', 'other_art5'];
export type Severity = 'minor' | 'major';

/** The default 装修巡查表 items (design A.3.1 guess, editable as a template): art. 5 checks are major. */
export const RENO_DAILY_ITEMS: ReadonlyArray<{ label: string; severity: Severity; fixable: boolean; category: ViolationCategory }> = [
  { label: '承重墙、梁柱等主体结构', severity: 'major', fixable: false, category: 'structure' },
  { label: '外立面、外窗、防盗网', severity: 'major', fixable: false, category: 'facade' },
  { label: '厨卫防水层', severity: 'major', fixable: false, category: 'waterproofing' },
  { label: '改为厨卫或阳台改造（《办法》第五条）', severity: 'major', fixable: false, category: 'other_art5' },
  { label: '水电改造规范', severity: 'minor', fixable: true, category: 'other' },
  { label: '燃气管道未改动', severity: 'major', fixable: false, category: 'other_art5' },
  { label: '消防：灭火器、动火审批', severity: 'minor', fixable: true, category: 'other' },
  { label: '施工时间与噪音', severity: 'minor', fixable: true, category: 'hours_noise' },
  { label: '公共区域保护与垃圾清运', severity: 'minor', fixable: true, category: 'debris_public_area' },
  { label: '施工人员出入证', severity: 'minor', fixable: true, category: 'unregistered_workers' },
  { label: '电梯保护', severity: 'minor', fixable: true, category: 'debris_public_area' },
];

/**
 * The violation category of an issue: the inspector's, else the default item's, else 其他. The
 * server records this and the phone starts its category picker on it, so both say the same.
 */
export function violationCategoryOf(chosen: string | undefined, itemLabel: string): ViolationCategory {
  if (chosen && (VIOLATION_CATEGORIES as readonly string[]).includes(chosen)) return chosen as ViolationCategory;
  return RENO_DAILY_ITEMS.find((i) => i.label === itemLabel)?.category ?? 'other';
}

/** A major category cannot be entered as minor; other categories keep what the inspector chose. */
export function severityOf(category: ViolationCategory, chosen: Severity): Severity {
  return MAJOR_CATEGORIES.includes(category) ? 'major' : chosen;
}

export const VIOLATION_STATUSES = ['open', 'rectified_on_site', 'notice_issued', 'rectifying', 'escalated', 'closed'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];
export const VIOLATION_ACTIONS = ['issue_notice', 'report_rectified', 'reinspect_ok', 'reinspect_fail', 'escalate'] as const;
export type ViolationAction = (typeof VIOLATION_ACTIONS)[number];

const V_MOVES: Record<ViolationAction, { from: readonly ViolationStatus[]; to: ViolationStatus; major?: boolean }> = {
  issue_notice: { from: ['open'], to: 'notice_issued' },
  report_rectified: { from: ['notice_issued', 'escalated'], to: 'rectifying' },
  reinspect_ok: { from: ['open', 'rectified_on_site', 'notice_issued', 'rectifying', 'escalated'], to: 'closed' },
  // Not put right: back to waiting under the notice; overdue ones are escalated by hand.
  reinspect_fail: { from: ['rectifying'], to: 'notice_issued' },
  escalate: { from: ['open', 'notice_issued', 'rectifying'], to: 'escalated', major: true },
};

export function nextViolationStatus(status: ViolationStatus, severity: Severity, action: ViolationAction): ViolationStatus | null {
  const m = V_MOVES[action];
  if (m.major && severity !== 'major') return null;
  return m.from.includes(status) ? m.to : null;
}

/** Rule 8: an unclosed major violation blocks acceptance and the refund. */
export const isOpenMajor = (v: { severity: string; status: string }) => v.severity === 'major' && v.status !== 'closed';

/** Default time to put a major right (guess of the design: 3 days). */
export const RECTIFY_DAYS = 3;

// ---- acceptance (M 4.2.2.1) --------------------------------------------------------------------

export const ACCEPTANCE_ITEMS = ['structure_intact', 'facade_unchanged', 'waterproofing_tested', 'water_electric_safe', 'gas_untouched', 'fire_safety', 'public_area_restored', 'debris_cleared', 'passes_returned'] as const;
export const SIGNERS = ['owner', 'contractor', 'csAdmin', 'engineering'] as const;
export type Signer = (typeof SIGNERS)[number];

/**
 * Whether an acceptance may pass: every checklist item ok, and either the four printed names with
 * their signatures or a scanned signed paper form; and no open major violation.
 */
export function acceptanceProblem(a: { checklist: Array<{ item: string; ok: boolean }>; signatures: Partial<Record<Signer, { name: string; signed: boolean }>>; scanned: boolean; openMajors: number }): 'openMajors' | 'checklist' | 'signatures' | null {
  if (a.openMajors > 0) return 'openMajors';
  const ok = new Set(a.checklist.filter((c) => c.ok).map((c) => c.item));
  if (ACCEPTANCE_ITEMS.some((i) => !ok.has(i))) return 'checklist';
  if (!a.scanned && SIGNERS.some((s) => !a.signatures[s]?.signed || !a.signatures[s]?.name.trim())) return 'signatures';
  return null;
}

// ---- held deposit (X4) -------------------------------------------------------------------------

export const DEPOSIT_ENTRY_KINDS = ['receive', 'refund', 'deduct'] as const;
export type DepositEntryKind = (typeof DEPOSIT_ENTRY_KINDS)[number];

/** What is still held: received minus refunded and deducted (entries store positive amounts). */
export function heldBalance(entries: ReadonlyArray<{ kind: string; amount: number }>): number {
  let b = 0;
  for (const e of entries) b += e.kind === 'receive' ? e.amount : -e.amount;
  return b;
}

/**
 * Who decides a pay-out: a deduction (the money is the owner's) or a refund to someone else than
 * the payer needs the director; a plain refund to the payer the assistant too.
 */
export const needsDirector = (kind: 'refund' | 'deduct', payeeIsPayer: boolean) => kind === 'deduct' || !payeeIsPayer;

// ---- Saturday report (M 4.2.1.3) -------------------------------------------------------------

/** The week a report delivered on Saturday `date` covers: the previous Saturday to Friday (7 days). */
export function reportWeek(saturday: string): { from: string; to: string } {
  const d = Date.parse(`${saturday}T00:00:00Z`);
  const day = (n: number) => new Date(d + n * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-7), to: day(-1) };
}

export const isSaturday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 6;

/** The dates a renovation was active in [from, to]: from its permit (or from) to its end (or to). */
export function activeDays(r: { activeFrom: string | null; activeTo: string | null }, from: string, to: string): number {
  if (!r.activeFrom) return 0;
  const a = r.activeFrom > from ? r.activeFrom : from;
  const b = r.activeTo && r.activeTo < to ? r.activeTo : to;
  return b < a ? 0 : daysBetween(a, b) + 1;
}

// ---- deadlines, escalation, extensions, overdue (design A.3.1 rules 2, 7, 10) ----------------

/** A minor not put right on the spot is due by the next day's inspection (design guess: 1 day),
 * unless the inspector gives it up to a week (a part to order, a worker to find). */
export const MINOR_RECTIFY_DAYS = 1;
export const MINOR_RECTIFY_MAX_DAYS = 7;

export const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Rule 7: a minor still open after its deadline becomes major (the job escalates it once). */
export function minorOverdue(v: { severity: string; status: string; rectify_by: string | null }, today: string): boolean {
  return v.severity === 'minor' && v.status === 'open' && v.rectify_by != null && v.rectify_by < today;
}

/** A returned application (draft after 退回) may be edited and submitted again by its applicant or the desk. */
export const isEditable = (s: RenoStatus) => s === 'draft';

/** Extensions are asked for while the works go on (before the acceptance is asked for). */
export const EXTENDABLE_STATUSES: readonly RenoStatus[] = ['permitted', 'in_progress', 'suspended'];
/** Rule 2: at most this many days per extension and this many extensions without the director (guesses). */
export const EXTENSION_MAX_DAYS = 30;
export const EXTENSIONS_WITHOUT_DIRECTOR = 2;

/** Why an extension request is refused, or null: the new end must be later than the current and not in the past. */
export function extensionProblem(currentEnd: string, newEnd: string, today: string): 'notLater' | 'past' | null {
  if (newEnd <= currentEnd) return 'notLater';
  if (newEnd < today) return 'past';
  return null;
}

/** Whether deciding an extension needs the director: a long one, or beyond the allowed number. */
export function extensionNeedsDirector(currentEnd: string, newEnd: string, approvedBefore: number): boolean {
  return daysBetween(currentEnd, newEnd) > EXTENSION_MAX_DAYS || approvedBefore >= EXTENSIONS_WITHOUT_DIRECTOR;
}

/** Rule 10: past its (extended) end and the acceptance not yet asked for. */
export function isOverdue(r: { status: string; planned_end: string }, today: string): boolean {
  return EXTENDABLE_STATUSES.includes(r.status as RenoStatus) && r.planned_end < today;
}
