/**
 * The written notice that goes with a unit's step on the arrears ladder (manual 4.1.2–4.1.3):
 * before or at step 1 the reminder (催缴通知书); after the deadline notice (step 2) its wording
 * (限期缴费通知, the late fee is running); after the visits (steps 3–5) a final demand that says so.
 */
export type ReminderWording = 'reminder' | 'deadline' | 'final';

export function reminderWording(step: number): ReminderWording {
  if (step >= 3) return 'final';
  if (step === 2) return 'deadline';
  return 'reminder';
}
