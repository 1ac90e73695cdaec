/** Resident notices and activities: response shapes read from the server's zod schemas (type-only). */
import type { z } from 'zod';
import type { activity, activityDetail, checkinOut, portalActivity, registration } from '../../server/modules/relations/activities/activities.schemas.ts';
import type { coverageRow, notice, portalNotice } from '../../server/modules/relations/notices/notices.schemas.ts';

export type ResidentNotice = z.output<typeof notice>;
export type CoverageRow = z.output<typeof coverageRow>;
export type PortalNotice = z.output<typeof portalNotice>;
export type Activity = z.output<typeof activity>;
export type ActivityDetail = z.output<typeof activityDetail>;
export type Registration = z.output<typeof registration>;
export type CheckinOut = z.output<typeof checkinOut>;
export type PortalActivity = z.output<typeof portalActivity>;
export interface LiveNotice {
  id: number;
  number: string | null;
  title: string;
  body: string;
  category: string;
  ticketId: number | null;
  publishedAt: string | null;
  expiresAt: string | null;
}
