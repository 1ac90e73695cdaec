/** Shapes of the field (signs, vacant units, handover) API answers, as the server's zod schemas give them. */
export interface Sign {
  id: number; estateId: number; areaId: number | null; code: string; category: string; place: string; groupId: number | null; groupName: string | null;
  location: string; content: string; size: string | null; material: string | null; temporary: boolean; expiresOn: string | null; status: string;
  requestId: number | null; installedOn: string | null; removedReason: string | null; ticketId: number | null; ticketNumber: string | null;
}
export interface SignGroup { id: number; estateId: number; areaId: number | null; buildingId: number | null; name: string; location: string | null; signCount: number }
export interface RequestLine { id: number; seq: number; category: string; place: string; signGroupId: number | null; location: string; content: string; size: string | null; material: string | null; quantity: number; temporaryUntil: string | null }
export interface SignRequest {
  id: number; estateId: number; areaId: number | null; reason: string; costEstimate: number | null; status: string; requestedBy: string | null; submittedAt: string | null;
  decidedBy: string | null; decidedAt: string | null; decisionNote: string | null; createdAt: string; lines: RequestLine[]; signIds: number[];
}
export interface CheckDay {
  date: string; slots: Array<{ start: string; windowMin: number }>; compliance: number;
  groups: Array<{ id: number; name: string; checks: Array<{ id: number; checkedAt: string; slot: number | null; result: string; byName: string | null; note: string | null; defects: Array<{ signCode: string; defect: string; ticketNumber: string | null }> }> }>;
}
export interface VacantCheck {
  id: number; registrationId: number; unitId: number; unitLabel: string; checkedOn: string; timeIn: string; timeOut: string; checkerName: string | null; companion: string | null;
  entered: boolean; keyNoUsed: string | null; items: Record<string, string>; result: 'pass' | 'issue'; note: string | null; ticketNumber: string | null;
  readings: Array<{ meterId: number; kind: string; number: string; previous: number | null; value: number; used: boolean }>;
}
export interface Registration {
  id: number; estateId: number; areaId: number | null; unitId: number; unitLabel: string; buildingName: string | null; area: number | null; registeredOn: string; reason: string;
  ownerContact: string | null; keyHeld: boolean; keyNo: string | null; keyDepositedOn: string | null; keyStorage: string | null; valvesClosed: boolean; checkIntervalDays: number;
  nextCheckOn: string; due: boolean; lastCheckOn: string | null; lastResult: string | null; note: string | null; endedOn: string | null; endReason: string | null; createdAt: string;
}
export interface RegistrationDetail extends Registration {
  checks: VacantCheck[];
  meters: Array<{ id: number; kind: string; number: string; last: number | null }>;
}
export interface Defect {
  id: number; handoverId: number; room: string; element: string; description: string; responsible: string; warrantyEnd: string | null; dueBy: string; status: string;
  events: Array<{ from: string | null; to: string; note: string | null; byName: string | null; at: string }>;
}
export interface Handover {
  id: number; estateId: number; areaId: number | null; unitId: number; unitLabel: string; type: string; scheduledAt: string; inspectedAt: string | null; inspectors: string | null;
  ownerPresent: string | null; keysHanded: number | null; result: string | null; status: string; ticketId: number | null; ticketNumber: string | null; openDefects: number; defects: Defect[];
}
export interface PortalVacant {
  units: Array<{ unitId: number; unitLabel: string; registeredOn: string; reason: string; keyHeld: boolean; nextCheckOn: string; endedOn: string | null; checks: Array<{ checkedOn: string; result: string; entered: boolean; items: Record<string, string>; note: string | null }> }>;
}
