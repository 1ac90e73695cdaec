/** Renovation and deposit shapes as the API answers them (src/server/modules/field/renovation). */
export interface Renovation {
  id: number;
  number: string;
  estateId: number;
  areaId: number | null;
  areaName: string | null;
  unitId: number;
  unitLabel: string;
  kind: string;
  status: string;
  applicantKind: string;
  applicantName: string;
  applicantPhone: string | null;
  contractor: string;
  leadName: string;
  leadPhone: string | null;
  scope: string[];
  touchesStructure: boolean;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  permitNo: string | null;
  createdAt: string;
  overdueSince: string | null;
  version: number;
}
export interface RenoViolation {
  id: number;
  renovationId: number;
  renovationNumber?: string;
  severity: string;
  category: string;
  description: string;
  photos: Array<{ key: string; stage: string }>;
  foundAt: string;
  foundByName: string;
  status: string;
  noticeNo: string | null;
  noticeAt: string | null;
  noticeByName: string | null;
  delivery: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  rectifyBy: string | null;
  reinspectedAt: string | null;
  reinspectedByName: string | null;
  reinspectNote: string | null;
  escalatedAt: string | null;
  escalatedTo: string | null;
  closedAt: string | null;
  upgradedAt?: string | null;
  contractor?: string;
  applicantName?: string;
}
export interface RenovationDetail extends Renovation {
  ownerConsentBy: string | null;
  licenceNo: string | null;
  fireName: string | null;
  firePhone: string | null;
  description: string;
  designDoc: string | null;
  engineeringOpinion: string | null;
  depositAmount: number;
  agreementSignedAt: string | null;
  permittedAt: string | null;
  decisionNote: string | null;
  approvalNeeds: { director: boolean; engineeringOpinion: boolean };
  actions: string[];
  workers: Array<{ id: number; name: string; role: string; idNumber: string | null; phone: string | null; passNo: string | null; issuedAt: string | null; returnedAt: string | null }>;
  timeline: Array<{ id: number; action: string; fromStatus: string | null; toStatus: string | null; note: string | null; actorName: string; at: string }>;
  violations: RenoViolation[];
  openMajors: number;
  acceptances: Array<{ id: number; result: string; checklist: Array<{ item: string; ok: boolean; note?: string | null }>; signatures: Record<string, { name: string; signed: boolean } | undefined>; scanRef: string | null; scanId?: number | null; reasons: string | null; engineerName: string; at: string }>;
  depositIds: number[];
  feeLines: Array<{ id: number; itemName: string; amount: number; paid: number; open: boolean; dueOn: string }>;
  extensions: RenoExtension[];
  versions: Array<{ version: number; returnedNote: string | null; savedAt: string; data: Record<string, unknown> | null }>;
  acceptanceScans: Array<{ id: number; mime: string; size: number; fileName: string | null; uploadedAt: string }>;
  canRevise: boolean;
  inspection?: { checkpointId: number | null; scanPath: string | null; results: Array<{ id: number; observedAt: string; day: string; scanMethod: string; timing: string | null; counts: boolean; inspector: string | null }> };
}
export interface RenoExtension {
  id: number;
  oldEnd: string;
  newEnd: string;
  reason: string;
  via: string;
  requestedByName: string;
  requestedAt: string;
  status: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}
export interface Deposit {
  id: number;
  unitId: number;
  renovationId: number | null;
  receiptNo: string;
  payerName: string;
  amount: number;
  method: string;
  businessDate: string;
  cashierName: string;
  status: string;
  balance: number;
  entries: Array<{ id: number; kind: string; amount: number; method: string; payee: string | null; reason: string | null; businessDate: string; byName: string; at: string }>;
  requests: Array<{ id: number; kind: string; amount: number; payee: string; method: string; reason: string; status: string; requestedByName: string; requestedAt: string; decidedByName: string | null; decidedAt: string | null; decisionNote: string | null }>;
}
export interface RenoReportRow {
  id: number;
  estateId: number;
  from: string;
  to: string;
  deliveredAt: string;
}
export interface RenoWeekReport {
  from: string;
  to: string;
  applications: { received: number; approved: number; rejected: number; returned: number; permits: number; starts: number; cancelled: number; activeAtEnd: number; activeByBuilding: Record<string, number>; overdue: Array<{ number: string; unit: string; plannedEnd: string; overdueSince?: string | null }>; extensionsRequested?: number; extensionsApproved?: number; extensionsRejected?: number; revised?: number };
  inspections: { required: number; done: number | null; missed: number | null; rate: number | null; manual: number | null; perInspector: Record<string, number>; measured: boolean };
  violations: { minor: number; minorRectifiedOnSite: number; major: number; majorByCategory: Record<string, number>; notices: number; rectified: number; overdue: number; escalated: number; openMajors: Array<{ id: number; number: string; category: string; status: string; daysOpen: number }> };
  acceptances: { requested: number; passed: number; failed: number; failReasons: string[] };
  deposits: { received: number; refunded: number; deducted: number; deductions: Array<{ amount: number; reason: string | null }>; heldAtEnd: number };
}
