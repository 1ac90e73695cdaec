/** The time left (or over) on a ticket's current deadline, as people say it: "3 小时 12 分". */
import type { Ticket } from '../../api/desk-types.ts';
import type { T } from '../../i18n/index.tsx';

const MIN = 60_000;

export function formatSpan(ms: number, t: T): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / MIN));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? t('span.dh', { d, h }) : t('span.d', { d });
  if (h > 0) return m ? t('span.hm', { h, m }) : t('span.h', { h });
  return t('span.m', { m });
}

/** Which deadline runs now: the first response until someone answered, then the resolution. */
export function currentDeadline(ticket: Pick<Ticket, 'respondedAt' | 'responseDueAt' | 'resolutionDueAt'>): { kind: 'response' | 'resolution'; due: string } {
  return ticket.respondedAt ? { kind: 'resolution', due: ticket.resolutionDueAt } : { kind: 'response', due: ticket.responseDueAt };
}

/** "响应剩余 3 小时 12 分" / "解决超时 5 小时"; null once the clock no longer runs. */
export function countdownText(ticket: Pick<Ticket, 'agreement' | 'respondedAt' | 'responseDueAt' | 'resolutionDueAt'>, now: number, t: T): string | null {
  if (ticket.agreement !== 'on_track' && ticket.agreement !== 'at_risk' && ticket.agreement !== 'breached') return null;
  const { kind, due } = currentDeadline(ticket);
  const left = Date.parse(due) - now;
  const span = formatSpan(left, t);
  if (kind === 'response') return left >= 0 ? t('countdown.responseLeft', { span }) : t('countdown.responseOver', { span });
  return left >= 0 ? t('countdown.resolutionLeft', { span }) : t('countdown.resolutionOver', { span });
}
