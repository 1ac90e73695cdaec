/** Service desk response shapes, read from the server's zod schemas (type-only imports). */
import type { z } from 'zod';
import type { category, deskSettings, slaPolicy, ticket, ticketDetail, visit } from '../../server/modules/desk/desk.schemas.ts';

export type Ticket = z.output<typeof ticket>;
export type TicketDetail = z.output<typeof ticketDetail>;
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

export interface Notification {
  id: number;
  at: string;
  kind: string;
  title: string;
  body: string;
  ticketId: number | null;
  read: boolean;
}

export interface NotificationList {
  items: Notification[];
  total: number;
  unread: number;
}

export interface CountRow {
  key: string;
  count: number;
}

export type RateKey = 'responseTimeliness' | 'resolutionTimeliness' | 'resolutionRate' | 'effectiveness' | 'satisfaction' | 'residentRating';

export interface DeskReport {
  estateId: number;
  areaId: number | null;
  from: string;
  to: string;
  totals: Record<string, number>;
  rates: Record<RateKey, number | null>;
  targets: { resolutionRate: number };
  /** A rate over fewer cases is null: the page says "not enough data". */
  minRateBase: number;
  formulas: Record<string, string>;
  byType: CountRow[];
  byCategory: CountRow[];
  byBuilding: CountRow[];
  byDepartment: CountRow[];
  daily: Array<{ day: string; registered: number; resolved: number }>;
}

export interface ClockStatus {
  now: string;
  offsetMs: number;
  controllable: boolean;
}
