/** A round task as every list of tasks shows it (the rounds pages and the phone app's task pack). */
export interface TaskHeadRow {
  id: number;
  plan_id: number;
  plan_name: string;
  kind: string;
  slot_start: string;
  slot_end: string;
  grace_min: number;
  status: string;
}

export function taskHead(t: TaskHeadRow) {
  return { id: t.id, planId: t.plan_id, planName: t.plan_name, kind: t.kind, slotStart: t.slot_start, slotEnd: t.slot_end, graceMin: t.grace_min, status: t.status };
}
