import { describe, expect, it } from 'vitest';
import {
  ACCEPTANCE_ITEMS,
  acceptanceProblem,
  actionsFrom,
  activeDays,
  approvalNeeds,
  datesProblem,
  heldBalance,
  isLive,
  isSaturday,
  needsDirector,
  nextStatus,
  nextViolationStatus,
  permitMissing,
  RENO_STATUSES,
  reportWeek,
  severityOf,
  EXTENDABLE_STATUSES,
  EXTENSIONS_WITHOUT_DIRECTOR,
  extensionNeedsDirector,
  extensionProblem,
  isEditable,
  isOverdue,
  MINOR_RECTIFY_DAYS,
  minorOverdue,
  plusDays,
  MAJOR_CATEGORIES,
  RENO_DAILY_ITEMS,
  violationCategoryOf,
} from '../../src/core/renovation.ts';

describe('renovation state machine', () => {
  it('walks the main flow', () => {
    const path = [
      ['draft', 'submit', 'submitted'],
      ['submitted', 'approve', 'approved'],
      ['approved', 'permit', 'permitted'],
      ['permitted', 'start', 'in_progress'],
      ['in_progress', 'suspend', 'suspended'],
      ['suspended', 'resume', 'in_progress'],
      ['in_progress', 'request_completion', 'completion_requested'],
      ['completion_requested', 'fail', 'in_progress'],
      ['completion_requested', 'accept', 'accepted'],
      ['accepted', 'request_refund', 'refund_pending'],
      ['refund_pending', 'settle', 'closed'],
    ] as const;
    for (const [from, action, to] of path) expect(nextStatus(from, action)).toBe(to);
  });
  it('refuses moves out of order', () => {
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('submitted', 'permit')).toBeNull();
    expect(nextStatus('in_progress', 'accept')).toBeNull();
    expect(nextStatus('in_progress', 'cancel')).toBeNull();
    expect(nextStatus('closed', 'settle')).toBeNull();
    expect(nextStatus('rejected', 'submit')).toBeNull();
  });
  it('ends: closed, rejected and cancelled have no way out', () => {
    for (const s of ['closed', 'rejected', 'cancelled'] as const) expect(actionsFrom(s)).toEqual([]);
    expect(actionsFrom('submitted').sort()).toEqual(['approve', 'cancel', 'reject', 'return']);
  });
  it('live statuses: submitted until the deposit is settled', () => {
    const live = RENO_STATUSES.filter(isLive);
    expect(live).toEqual(['submitted', 'approved', 'permitted', 'in_progress', 'suspended', 'completion_requested', 'accepted', 'refund_pending']);
  });
});

describe('application rules', () => {
  it('structure needs the director; wet areas and walls an engineering opinion', () => {
    expect(approvalNeeds({ touchesStructure: true, scope: [] })).toEqual({ director: true, engineeringOpinion: true });
    expect(approvalNeeds({ touchesStructure: false, scope: ['wet_area_waterproofing'] })).toEqual({ director: false, engineeringOpinion: true });
    expect(approvalNeeds({ touchesStructure: false, scope: ['walls'] })).toEqual({ director: false, engineeringOpinion: false });
  });
  it('dates', () => {
    expect(datesProblem('2026-01-01', '2026-01-10', '2026-01-02')).toBe('startPast');
    expect(datesProblem('2026-01-05', '2026-01-04', '2026-01-02')).toBe('endBeforeStart');
    expect(datesProblem('2026-01-05', '2026-04-05', '2026-01-02')).toBe('tooLong');
    expect(datesProblem('2026-01-05', '2026-04-04', '2026-01-02')).toBeNull();
    expect(datesProblem('2026-01-02', '2026-01-02', '2026-01-02')).toBeNull();
  });
  it('permit needs agreement, deposit and fees', () => {
    expect(permitMissing({ agreementSigned: false, depositHeld: false, depositRequired: true, feesBilled: false })).toEqual(['agreement', 'deposit', 'fees']);
    expect(permitMissing({ agreementSigned: true, depositHeld: false, depositRequired: false, feesBilled: true })).toEqual([]);
    expect(permitMissing({ agreementSigned: true, depositHeld: true, depositRequired: true, feesBilled: true })).toEqual([]);
  });
});

describe('violations', () => {
  it('art. 5 categories are always major', () => {
    expect(severityOf('structure', 'minor')).toBe('major');
    expect(severityOf('waterproofing', 'minor')).toBe('major');
    expect(severityOf('hours_noise', 'minor')).toBe('minor');
    expect(severityOf('debris_public_area', 'major')).toBe('major');
  });
  it("an issue's category is the inspector's, else its item's, else 其他 (the phone starts on it)", () => {
    expect(violationCategoryOf(undefined, '施工人员出入证')).toBe('unregistered_workers');
    expect(violationCategoryOf('hours_noise', '施工人员出入证')).toBe('hours_noise');
    expect(violationCategoryOf('not-a-category', '厨卫防水层')).toBe('waterproofing');
    expect(violationCategoryOf(undefined, '某小区自加的检查项')).toBe('other');
  });
  it('every default item whose category is of art. 5 is graded major and never fixed on the spot', () => {
    for (const i of RENO_DAILY_ITEMS.filter((x) => MAJOR_CATEGORIES.includes(x.category))) expect([i.label, i.severity, i.fixable]).toEqual([i.label, 'major', false]);
  });
  it('notice, rectify, reinspect, escalate', () => {
    expect(nextViolationStatus('open', 'major', 'issue_notice')).toBe('notice_issued');
    expect(nextViolationStatus('notice_issued', 'major', 'report_rectified')).toBe('rectifying');
    expect(nextViolationStatus('rectifying', 'major', 'reinspect_fail')).toBe('notice_issued');
    expect(nextViolationStatus('rectifying', 'major', 'reinspect_ok')).toBe('closed');
    expect(nextViolationStatus('notice_issued', 'major', 'escalate')).toBe('escalated');
    expect(nextViolationStatus('open', 'minor', 'escalate')).toBeNull();
    expect(nextViolationStatus('closed', 'major', 'reinspect_ok')).toBeNull();
    expect(nextViolationStatus('rectified_on_site', 'minor', 'reinspect_ok')).toBe('closed');
  });
});

describe('acceptance', () => {
  const all = ACCEPTANCE_ITEMS.map((item) => ({ item, ok: true }));
  const signed = { owner: { name: '张三', signed: true }, contractor: { name: '李四', signed: true }, csAdmin: { name: '王五', signed: true }, engineering: { name: '赵六', signed: true } };
  it('passes with every item and four signatures, or a scan', () => {
    expect(acceptanceProblem({ checklist: all, signatures: signed, scanned: false, openMajors: 0 })).toBeNull();
    expect(acceptanceProblem({ checklist: all, signatures: {}, scanned: true, openMajors: 0 })).toBeNull();
  });
  it('open major, missing item, missing printed name', () => {
    expect(acceptanceProblem({ checklist: all, signatures: signed, scanned: true, openMajors: 1 })).toBe('openMajors');
    expect(acceptanceProblem({ checklist: all.slice(1), signatures: signed, scanned: false, openMajors: 0 })).toBe('checklist');
    expect(acceptanceProblem({ checklist: all, signatures: { ...signed, owner: { name: ' ', signed: true } }, scanned: false, openMajors: 0 })).toBe('signatures');
    expect(acceptanceProblem({ checklist: all, signatures: { ...signed, engineering: { name: '赵六', signed: false } }, scanned: false, openMajors: 0 })).toBe('signatures');
  });
});

describe('deposit', () => {
  it('balance and approvals', () => {
    expect(heldBalance([{ kind: 'receive', amount: 500000 }, { kind: 'deduct', amount: 20000 }, { kind: 'refund', amount: 480000 }])).toBe(0);
    expect(heldBalance([{ kind: 'receive', amount: 500000 }, { kind: 'deduct', amount: 20000 }])).toBe(480000);
    expect(needsDirector('deduct', true)).toBe(true);
    expect(needsDirector('refund', true)).toBe(false);
    expect(needsDirector('refund', false)).toBe(true);
  });
});

describe('weekly report', () => {
  it('week and active days', () => {
    expect(isSaturday('2026-12-05')).toBe(true);
    expect(isSaturday('2026-12-04')).toBe(false);
    expect(reportWeek('2026-12-05')).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    expect(activeDays({ activeFrom: '2026-11-30', activeTo: null }, '2026-11-28', '2026-12-04')).toBe(5);
    expect(activeDays({ activeFrom: '2026-11-01', activeTo: '2026-11-29' }, '2026-11-28', '2026-12-04')).toBe(2);
    expect(activeDays({ activeFrom: null, activeTo: null }, '2026-11-28', '2026-12-04')).toBe(0);
    expect(activeDays({ activeFrom: '2026-12-10', activeTo: null }, '2026-11-28', '2026-12-04')).toBe(0);
  });
});

describe('deadlines, extensions and overdue (issue 9 gaps)', () => {
  it('a minor open after its deadline is overdue; a major, a closed one or one without a deadline is not', () => {
    expect(minorOverdue({ severity: 'minor', status: 'open', rectify_by: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(minorOverdue({ severity: 'minor', status: 'open', rectify_by: '2026-12-02' }, '2026-12-02')).toBe(false);
    expect(minorOverdue({ severity: 'major', status: 'open', rectify_by: '2026-12-01' }, '2026-12-05')).toBe(false);
    expect(minorOverdue({ severity: 'minor', status: 'closed', rectify_by: '2026-12-01' }, '2026-12-05')).toBe(false);
    expect(minorOverdue({ severity: 'minor', status: 'rectified_on_site', rectify_by: null }, '2026-12-05')).toBe(false);
    expect(plusDays('2026-12-31', MINOR_RECTIFY_DAYS)).toBe('2027-01-01');
  });

  it('only a returned (draft) application is editable', () => {
    expect(RENO_STATUSES.filter(isEditable)).toEqual(['draft']);
  });

  it('an extension must move the end later and not into the past; long or third ones need the director', () => {
    expect(extensionProblem('2026-12-10', '2026-12-10', '2026-12-01')).toBe('notLater');
    expect(extensionProblem('2026-11-20', '2026-11-25', '2026-12-01')).toBe('past');
    expect(extensionProblem('2026-12-10', '2026-12-20', '2026-12-01')).toBeNull();
    expect(extensionNeedsDirector('2026-12-10', '2027-01-09', 0)).toBe(false);
    expect(extensionNeedsDirector('2026-12-10', '2027-01-10', 0)).toBe(true);
    expect(extensionNeedsDirector('2026-12-10', '2026-12-12', EXTENSIONS_WITHOUT_DIRECTOR)).toBe(true);
  });

  it('overdue: past the end while the works go on, never once acceptance is asked for', () => {
    expect(isOverdue({ status: 'in_progress', planned_end: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', planned_end: '2026-12-02' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ status: 'completion_requested', planned_end: '2026-12-01' }, '2026-12-09')).toBe(false);
    expect(isOverdue({ status: 'suspended', planned_end: '2026-12-01' }, '2026-12-09')).toBe(true);
    expect(EXTENDABLE_STATUSES).not.toContain('accepted');
  });
});
