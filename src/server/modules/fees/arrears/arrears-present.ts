/** How a step of the arrears ladder leaves the server (lines: lines.present.ts; payments: cashier.present.ts; units: units.info.ts). */
import type { Selectable } from 'kysely';
import type { ArrearsStepTable } from '../../../db/schema-fees.ts';

export function presentStep(s: Selectable<ArrearsStepTable>) {
  return {
    id: s.id,
    step: s.step,
    onDate: s.on_date,
    channel: s.channel,
    outcome: s.outcome,
    reason: s.reason,
    dissatisfaction: s.dissatisfaction,
    deadline: s.deadline,
    resolution: s.resolution,
    outstanding: s.outstanding,
    ticketId: s.ticket_id,
    batch: s.batch,
    actorName: s.actor_name,
    createdAt: s.created_at,
  };
}
