import type { ComponentType } from 'react';
import type { MessageKey } from '../../../i18n/zh-CN.ts';

/**
 * Every form the app prints (manual §5 and the others). A module adds its form by appending one
 * entry here and registering the same `code` on the server (management/forms/forms.registry.ts),
 * which lets the signed scan be uploaded to the record. The gallery (/forms) lists them all.
 */
export interface FormDef {
  code: string;
  /** The manual's number ('5.8'), printed as 表 5.8; null for forms the manual does not number. */
  number: string | null;
  title: MessageKey;
  /** 5.5 and 5.10 are landscape; the rest portrait. */
  landscape?: boolean;
  /** Which part of the app owns the form (the gallery groups by it). */
  group: 'desk' | 'fees' | 'field' | 'relations' | 'management';
  /** The app page of a record: where the QR code on paper leads. */
  record: (key: string) => string;
  /** The print page of a record (filled version). */
  print: (key: string) => string;
  /** The blank paper version, when the form is also filled in by hand. */
  blank?: () => Promise<{ default: ComponentType }>;
}

const splitKey = (key: string) => key.split('@');

export const FORMS: FormDef[] = [
  {
    code: 'complaint',
    number: '5.8',
    title: 'print.complaint',
    group: 'desk',
    record: (id) => `/desk/tickets/${id}`,
    print: (id) => `/print/tickets/${id}/complaint`,
    blank: () => import('../ComplaintPrint.tsx').then((m) => ({ default: m.ComplaintBlank })),
  },
  {
    code: 'incident',
    number: null,
    title: 'print.incident',
    group: 'desk',
    record: (id) => `/desk/tickets/${id}`,
    print: (id) => `/print/tickets/${id}/incident`,
    blank: () => import('../IncidentPrint.tsx').then((m) => ({ default: m.IncidentBlank })),
  },
  {
    code: 'notice',
    number: '5.3',
    title: 'fees.notice.title',
    group: 'fees',
    record: (key) => `/fees/notices?period=${splitKey(key)[1]}`,
    print: (key) => `/print/fees/notices?period=${splitKey(key)[1]}&units=${splitKey(key)[0]}`,
    blank: () => import('../NoticesPrint.tsx').then((m) => ({ default: m.NoticeBlank })),
  },
  {
    code: 'reminder',
    number: '5.4',
    title: 'fees.reminder.title',
    group: 'fees',
    record: () => `/fees/arrears`,
    print: (unitId) => `/print/fees/reminders?units=${unitId}`,
    blank: () => import('../RemindersPrint.tsx').then((m) => ({ default: m.ReminderBlank })),
  },
  {
    code: 'receipt',
    number: null,
    title: 'fees.receipt.title',
    group: 'fees',
    record: (id) => `/print/fees/receipts/${id}`,
    print: (id) => `/print/fees/receipts/${id}`,
  },
  {
    code: 'close',
    number: null,
    title: 'fees.close.printTitle',
    group: 'fees',
    record: (key) => `/fees/close?date=${splitKey(key)[1]}${splitKey(key)[2] ? `&cashierId=${splitKey(key)[2]}` : ''}`,
    print: (key) => `/print/fees/close?date=${splitKey(key)[1]}${splitKey(key)[2] ? `&cashierId=${splitKey(key)[2]}` : ''}`,
  },
  {
    code: 'stats',
    number: null,
    title: 'fees.stats.printTitle',
    group: 'fees',
    record: (key) => `/fees/stats?period=${splitKey(key)[1]}`,
    print: (key) => `/print/fees/stats?period=${splitKey(key)[1]}`,
  },
  {
    code: 'reno-permit',
    number: null,
    title: 'reno.p.permitTitle',
    group: 'field',
    record: (id) => `/reno/${id}`,
    print: (id) => `/print/reno/${id}/permit`,
  },
  {
    code: 'reno-sheet',
    number: '5.5',
    title: 'reno.p.sheetTitle',
    group: 'field',
    record: () => `/reno`,
    print: () => `/print/reno/sheet/today`,
    blank: () => import('../reno/RenoPrints.tsx').then((m) => ({ default: m.InspectionSheetBlank })),
  },
  {
    code: 'reno-notice',
    number: '5.6',
    title: 'reno.p.noticeTitle',
    group: 'field',
    record: (id) => `/print/reno/violations/${id}/notice`,
    print: (id) => `/print/reno/violations/${id}/notice`,
    blank: () => import('../reno/RenoPrints.tsx').then((m) => ({ default: m.NoticeBlank })),
  },
  {
    code: 'reno-approval',
    number: '5.7',
    title: 'reno.p.approvalTitle',
    group: 'field',
    record: (id) => `/reno/${id}`,
    print: (id) => `/print/reno/${id}/approval`,
    blank: () => import('../reno/RenoPrints.tsx').then((m) => ({ default: m.ApprovalBlank })),
  },
  {
    code: 'reno-report',
    number: null,
    title: 'reno.p.reportTitle',
    group: 'field',
    record: (id) => `/reno/reports?id=${id}`,
    print: (id) => `/print/reno/reports/${id}`,
  },
  {
    code: 'vacant-register',
    number: '5.9',
    title: 'field.form59Title',
    group: 'field',
    record: () => `/site/vacant`,
    print: () => `/print/field/vacant-register`,
    blank: () => import('../field/FieldPrints.tsx').then((m) => ({ default: m.VacantRegisterBlank })),
  },
  {
    code: 'vacant-signin',
    number: '5.10',
    title: 'field.form510Title',
    group: 'field',
    record: () => `/site/vacant`,
    print: (key) => `/print/field/vacant/${splitKey(key)[0]}/signin?month=${splitKey(key)[1]}`,
    blank: () => import('../field/FieldPrints.tsx').then((m) => ({ default: m.VacantSignInBlank })),
  },
  {
    code: 'vacant-record',
    number: '5.11',
    title: 'field.form511Title',
    group: 'field',
    record: () => `/site/vacant`,
    print: (key) => `/print/field/vacant/${splitKey(key)[0]}/record?check=${splitKey(key)[1]}`,
    blank: () => import('../field/FieldPrints.tsx').then((m) => ({ default: m.VacantRecordBlank })),
  },
  {
    code: 'sign-labels',
    number: null,
    title: 'field.labelsTitle',
    group: 'field',
    record: () => `/site/signs`,
    print: (key) => `/print/field/sign-labels${splitKey(key)[1] ? `?groupId=${splitKey(key)[1]}` : ''}`,
  },
  {
    code: 'mail-delivery',
    number: null,
    title: 'mail.print.deliveryTitle',
    group: 'relations',
    record: () => `/desk/mail?tab=subscriptions`,
    print: (key) => `/print/mail/deliveries?date=${splitKey(key)[1]}`,
    blank: () => import('../MailDeliveryPrint.tsx').then((m) => ({ default: m.MailDeliveryBlank })),
  },
  {
    code: 'mail-pickup',
    number: null,
    title: 'mail.print.pickupTitle',
    group: 'relations',
    record: () => `/desk/mail?tab=pickup`,
    print: (key) => `/print/mail/pickups?date=${splitKey(key)[1]}`,
    blank: () => import('../MailPickupPrint.tsx').then((m) => ({ default: m.MailPickupBlank })),
  },
  {
    code: 'visit',
    number: '5.2',
    title: 'rel.visit.formTitle',
    group: 'relations',
    record: (id) => `/print/relations/visits/${id}`,
    print: (id) => `/print/relations/visits/${id}`,
    blank: () => import('../VisitFormPrint.tsx').then((m) => ({ default: m.VisitFormBlank })),
  },
  {
    code: 'survey-form',
    number: null,
    title: 'kit.form.survey',
    group: 'relations',
    // The QR on each questionnaire opens the same slot in the owner portal, to answer online.
    record: (slotId) => `/portal/surveys?r=${slotId}`,
    print: (surveyId) => `/print/relations/surveys/${surveyId}`,
    blank: () => import('../SurveyFormPrint.tsx').then((m) => ({ default: m.SurveyFormBlank })),
  },
  {
    code: 'activity-signin',
    number: null,
    title: 'act.signInSheet',
    group: 'relations',
    record: (id) => `/relations/activities/${id}`,
    print: (id) => `/print/activities/${id}/sign-in`,
    blank: () => import('../../relations/SignInPrint.tsx').then((m) => ({ default: m.SignInBlank })),
  },
  {
    code: 'notice-board',
    number: null,
    title: 'kit.form.noticeBoard',
    group: 'relations',
    record: (id) => `/portal/notices/${id}`,
    print: (id) => `/print/notices/${id}`,
  },
  {
    code: 'checkpoint-labels',
    number: null,
    title: 'rounds.labelsTitle',
    group: 'field',
    record: () => `/rounds/checkpoints`,
    print: () => `/print/rounds/labels`,
  },
  {
    code: 'appraisal',
    number: null,
    title: 'kit.form.appraisal',
    group: 'management',
    record: (id) => `/management/performance?appraisal=${id}`,
    print: (id) => `/print/appraisals/${id}`,
    blank: () => import('../AppraisalPrint.tsx').then((m) => ({ default: m.AppraisalBlank })),
  },
  {
    code: 'devplan',
    number: null,
    title: 'kit.form.devplan',
    group: 'management',
    record: () => `/management/performance?tab=plans`,
    print: (userId) => `/print/development-plans/${userId}`,
    blank: () => import('../DevelopmentPlanPrint.tsx').then((m) => ({ default: m.DevelopmentPlanBlank })),
  },
  {
    code: 'pack',
    number: null,
    title: 'pack.title',
    group: 'management',
    record: (key) => `/management/pack?month=${splitKey(key)[1]}`,
    print: (key) => `/print/pack?month=${splitKey(key)[1]}`,
  },
];

export function formDef(code: string): FormDef | undefined {
  return FORMS.find((f) => f.code === code);
}
