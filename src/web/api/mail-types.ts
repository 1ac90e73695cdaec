/** Mail response shapes, read from the server's zod schemas (type-only imports). */
import type { z } from 'zod';
import type { authorization, deliveryRow, dwell, item, matchAnswer, pickup, portalMail, registered, slip, subscription } from '../../server/modules/relations/mail/mail.schemas.ts';

export type MailItem = z.output<typeof item>;
export type MailRegistered = z.output<typeof registered>;
export type MailMatch = z.output<typeof matchAnswer>;
export type MailPickup = z.output<typeof pickup>;
export type MailSlip = z.output<typeof slip>;
export type MailAuthorization = z.output<typeof authorization>;
export type MailSubscription = z.output<typeof subscription>;
export type MailDelivery = z.output<typeof deliveryRow>;
export type MailDwell = z.output<typeof dwell>;
export type PortalMail = z.output<typeof portalMail>;
export type LookupItem = MailItem & { codeMatched: boolean };
