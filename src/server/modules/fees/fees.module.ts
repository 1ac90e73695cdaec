/**
 * Fees and collection (manual 3.8, 4.1), wired as one module made of parts that follow the
 * manual: fee items, prices and meters (config) · the billing run and notices (billing) · the
 * charging center (cashier) · the arrears ladder, statistics and the owner's view (arrears).
 */
import type { Clock } from '../../../core/clock.ts';
import type { App, Deps } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TicketService } from '../desk/tickets.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { PropertyService } from '../property/property.service.ts';
import { discountRoutes } from './config-discounts.routes.ts';
import { DiscountService } from './config-discounts.service.ts';
import { feeItemRoutes } from './items.routes.ts';
import { FeeItemService } from './items.service.ts';
import { meterRoutes } from './meters.routes.ts';
import { MeterService } from './meters.service.ts';
import { readingRoutes } from './readings.routes.ts';
import { ReadingService } from './readings.service.ts';
import { arrearsRoutes } from './arrears.routes.ts';
import { ArrearsService } from './arrears.service.ts';
import { ArrearsStepService } from './arrears-steps.service.ts';
import { portalFeeRoutes } from './portal-fees.routes.ts';
import { PortalFeesService } from './portal-fees.service.ts';
import { statsRoutes } from './stats.routes.ts';
import { StatsService } from './stats.service.ts';

export interface FeeDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  property: PropertyService;
  tickets: TicketService;
  notifications: NotificationService;
}

export function buildFeeServices(d: FeeDeps) {
  const db = d.database.db;
  return {
    items: new FeeItemService(db, d.clock, d.audit),
    discounts: new DiscountService(db, d.clock, d.audit, d.property),
    meters: new MeterService(db, d.clock, d.audit, d.property),
    readings: new ReadingService(db, d.clock, d.audit),
    arrears: new ArrearsService(d.database, d.clock, d.audit, d.property),
    arrearsSteps: new ArrearsStepService(d.database, d.clock, d.audit, d.property, d.tickets, d.notifications),
    stats: new StatsService(d.database),
    portalFees: new PortalFeesService(d.database, d.clock),
  };
}
export type FeeServices = ReturnType<typeof buildFeeServices>;

export async function feeRoutes(app: App, deps: Deps) {
  await feeItemRoutes(app, deps);
  await discountRoutes(app, deps);
  await meterRoutes(app, deps);
  await readingRoutes(app, deps);
  await arrearsRoutes(app, deps);
  await statsRoutes(app, deps);
  await portalFeeRoutes(app, deps);
}
