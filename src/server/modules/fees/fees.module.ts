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
import { cashierRoutes } from './cashier/cashier.routes.ts';
import { CashierService } from './cashier/cashier.service.ts';
import { closeRoutes } from './cashier/close.routes.ts';
import { CloseService } from './cashier/close.service.ts';
import { PaymentService } from './cashier/payments.service.ts';
import { reversalRoutes } from './cashier/reversals.routes.ts';
import { ReversalService } from './cashier/reversals.service.ts';
import { waiverRoutes } from './cashier/waivers.routes.ts';
import { WaiverService } from './cashier/waivers.service.ts';
import { discountRoutes } from './items/config-discounts.routes.ts';
import { DiscountService } from './items/config-discounts.service.ts';
import { feeItemRoutes } from './items/items.routes.ts';
import { FeeItemService } from './items/items.service.ts';
import { meterRoutes } from './items/meters.routes.ts';
import { MeterService } from './items/meters.service.ts';
import { readingRoutes } from './items/readings.routes.ts';
import type { ImportLimits } from '../imports/xlsx-read.ts';
import { ReadingService } from './items/readings.service.ts';
import { arrearsRoutes } from './arrears/arrears.routes.ts';
import { ArrearsService } from './arrears/arrears.service.ts';
import { ArrearsStepService } from './arrears/arrears-steps.service.ts';
import { portalFeeRoutes } from './arrears/portal-fees.routes.ts';
import { PortalFeesService } from './arrears/portal-fees.service.ts';
import { statsRoutes } from './arrears/stats.routes.ts';
import { StatsService } from './arrears/stats.service.ts';
import { billingRoutes } from './billing/billing.routes.ts';
import { BillingService } from './billing/billing.service.ts';
import { lineRoutes } from './billing/lines.routes.ts';
import { LineService } from './billing/lines.service.ts';
import { noticeRoutes } from './billing/notices.routes.ts';
import { NoticeService } from './billing/notices.service.ts';

export interface FeeDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  property: PropertyService;
  tickets: TicketService;
  notifications: NotificationService;
  importLimits?: ImportLimits;
}

export function buildFeeServices(d: FeeDeps) {
  const db = d.database.db;
  return {
    cashier: new CashierService(db, d.clock, d.property),
    payments: new PaymentService(db, d.clock, d.audit, d.property),
    reversals: new ReversalService(db, d.clock, d.audit),
    close: new CloseService(db, d.clock, d.audit),
    waivers: new WaiverService(db, d.clock, d.audit),
    items: new FeeItemService(db, d.clock, d.audit),
    discounts: new DiscountService(db, d.clock, d.audit, d.property),
    meters: new MeterService(db, d.clock, d.audit, d.property),
    readings: new ReadingService(db, d.clock, d.audit, d.importLimits),
    arrears: new ArrearsService(d.database, d.clock, d.audit, d.property),
    arrearsSteps: new ArrearsStepService(d.database, d.clock, d.audit, d.property, d.tickets, d.notifications),
    stats: new StatsService(d.database),
    portalFees: new PortalFeesService(d.database, d.clock),
    billing: new BillingService(db, d.clock, d.audit),
    lines: new LineService(db, d.clock, d.audit, d.property),
    notices: new NoticeService(db, d.clock, d.audit),
  };
}
export type FeeServices = ReturnType<typeof buildFeeServices>;

export async function feeRoutes(app: App, deps: Deps) {
  await cashierRoutes(app, deps);
  await reversalRoutes(app, deps);
  await closeRoutes(app, deps);
  await waiverRoutes(app, deps);
  await feeItemRoutes(app, deps);
  await discountRoutes(app, deps);
  await meterRoutes(app, deps);
  await readingRoutes(app, deps);
  await arrearsRoutes(app, deps);
  await statsRoutes(app, deps);
  await portalFeeRoutes(app, deps);
  await billingRoutes(app, deps);
  await lineRoutes(app, deps);
  await noticeRoutes(app, deps);
}
