/** Service desk response shapes, read from the server's zod schemas (type-only imports). */
import type { z } from 'zod';
import type { category, deskSettings, slaPolicy, ticket, ticketDetail, ticketListItem, visit } from '../../server/modules/desk/desk.schemas.ts';
import type { notification } from '../../server/modules/notifications/notifications.routes.ts';
import type { report } from '../../server/modules/reports/reports.routes.ts';
import type { clockStatus } from '../../server/modules/system/system.routes.ts';

export type Ticket = z.output<typeof ticket>;
export type TicketDetail = z.output<typeof ticketDetail>;
/** A row of the ticket lists: fewer fields than a ticket (the ticket page reads the rest). */
export type TicketListItem = z.output<typeof ticketListItem>;
export type TicketEvent = TicketDetail['events'][number];
export type PlanStep = TicketDetail['steps'][number];
export type TicketAction = Ticket['actions'][number];
export type Agreement = NonNullable<Ticket['agreement']>;
export type Visit = z.output<typeof visit>;
export type Category = z.output<typeof category>;
export type SlaPolicy = z.output<typeof slaPolicy>;
export type DeskSettings = z.output<typeof deskSettings>;

export interface Holiday {
  id: number;
  date: string;
  kind: string;
  name: string;
}

export interface StaffMember {
  id: number;
  displayName: string;
  role: string;
  department: string | null;
}

export type Notification = z.output<typeof notification>;
export type NotificationList = { items: Notification[]; total: number; unread: number };

/** The weekly / monthly desk report; a rate over fewer than minRateBase cases is null. */
export type DeskReport = z.output<typeof report>;
export type CountRow = DeskReport['byType'][number];
export type RateKey = keyof DeskReport['rates'];

export type ClockStatus = z.output<typeof clockStatus>;
