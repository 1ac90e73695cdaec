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

export interface TaskPack {
  serverNow: string;
  estateId: number;
  date: string;
  tasks: PackTask[];
  openFindings: { checkpointId: number; itemId: number; ticketNo?: string | null }[];
}

export interface SyncResponse {
  serverNow: string;
  skewMs: number;
  results: { clientUuid: string; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string; code?: string; ids?: Record<string, unknown> }[];
}
