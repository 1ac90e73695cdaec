/** The task pack and sync answers of /api/v1/field (contract: the rounds module's sync routes). */
export type AnswerKind = 'ok_issue' | 'number' | 'text' | 'choice';

export interface PackItem {
  id: number;
  seq: number;
  label: string;
  answer: AnswerKind;
  min?: number | null;
  max?: number | null;
  unit?: string | null;
  options?: string[] | null;
  photoOnIssue: boolean;
  fixableOnSpot: boolean;
  severity: 'minor' | 'major';
}

export interface PackCheckpoint {
  id: number;
  code: string;
  name: string;
  location?: string | null;
  target?: string | null;
  /** 'renovation' for a renovation's checkpoint (the issue is graded as a violation); absent in a pack saved by an older version. */
  refKind?: string | null;
  /** sha256 hex of the QR token: the phone recognises a scan without holding the token. */
  qrHash: string;
  done: boolean;
  template: { id: number; version: number; items: PackItem[] } | null;
}

export interface PackTask {
  id: number;
  planId: number;
  planName: string;
  kind: string;
  slotStart: string;
  slotEnd: string;
  graceMin: number;
  status: string;
  ordered: boolean;
  checkpoints: PackCheckpoint[];
}

/** One household of today's visit plan (relations/visits via the pack). */
export interface PackVisitItem {
  planItemId: number;
  householdId: number;
  householdName: string;
  unitLabel: string;
  areaName: string;
  purpose: string;
  source: string;
  specialCare: boolean;
  carriedOver: boolean;
  note: string | null;
  lastVisitOn: string | null;
  phoneNext: boolean;
  visited: boolean;
  members: string[];
}

export interface TaskPack {
  serverNow: string;
  estateId: number;
  date: string;
  tasks: PackTask[];
  openFindings: { checkpointId: number; itemId: number; ticketNo?: string | null }[];
  /** Null for a user who does not record visits; absent in a pack saved by an older version. */
  visits?: { date: string; tags: string[]; items: PackVisitItem[] } | null;
}

/** The home_visit payload: the same body as POST /api/v1/home-visits. */
export interface LocalVisit {
  householdId: number;
  planItemId?: number;
  purpose: string;
  method: string;
  outcome: string;
  visitedAt: string;
  minutes?: number;
  membersMet?: string;
  opinions?: string;
  tags: string[];
  satisfaction?: number;
  needs?: string;
  needType?: string;
  createTicket: boolean;
  careConcern: boolean;
  careNote?: string;
  followUpOn?: string;
}

export interface SyncResponse {
  serverNow: string;
  skewMs: number;
  results: { clientUuid: string; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string; code?: string; ids?: Record<string, unknown> }[];
}
