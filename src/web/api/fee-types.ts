/**
 * Fees and collection response shapes, read from the server's zod response schemas (type-only
 * imports: erased at build, nothing of the server reaches the bundle), so a change to a schema
 * fails the web's type check. Money in fen, prices in 1/100 fen, rates in basis points, dates
 * YYYY-MM-DD, periods YYYY-MM (docs/fees-api.md).
 */
import type { z } from 'zod';
import type { StatsService } from '../../server/modules/fees/arrears/stats.service.ts';
import type { arrearsDetail, boardRow, portalFees, step } from '../../server/modules/fees/arrears/arrears.schemas.ts';
import type { line, notice, preview, run } from '../../server/modules/fees/billing/billing.schemas.ts';
import type { account, closeDay, payment, receipt, reversal, unitHit, waiver } from '../../server/modules/fees/cashier/cashier.schemas.ts';
import type { discount, feeItem } from '../../server/modules/fees/items/items.schemas.ts';
import type { meter, readingsResult, sheetRow } from '../../server/modules/fees/items/meters.schemas.ts';

export type FeeItem = z.output<typeof feeItem>;
export type FeePrice = FeeItem['prices'][number];
export type Tier = NonNullable<FeePrice['tiers']>[number];
export type Discount = z.output<typeof discount>;
export type Meter = z.output<typeof meter>;
export type ReadingRow = z.output<typeof sheetRow>;
export type ReadingSave = z.output<typeof readingsResult>;

export type RunPreview = z.output<typeof preview>;
export type Run = z.output<typeof run>;
export type Line = z.output<typeof line>;
export type Notice = z.output<typeof notice>;

export type UnitHit = z.output<typeof unitHit>;
type Receipt = z.output<typeof receipt>;
export type Allocation = Receipt['allocations'][number];
/** A payment as listed; fetched as a receipt it also carries the receipt's fields. */
export type Payment = z.output<typeof payment> & Partial<Omit<Receipt, keyof z.output<typeof payment>>>;
export type Account = z.output<typeof account>;
export type Reversal = z.output<typeof reversal>;
export type Waiver = z.output<typeof waiver>;
export type CashierDay = z.output<typeof closeDay>;
export type Close = NonNullable<CashierDay['closed']>;

export type ArrearsRow = z.output<typeof boardRow>;
export type Step = z.output<typeof step>;
export type ArrearsDetail = z.output<typeof arrearsDetail>;
export type PortalFeeUnit = z.output<typeof portalFees>['units'][number];

/** The statistics answer (its schema lives inside stats.routes.ts; the service builds it). */
export type Stats = Awaited<ReturnType<StatsService['build']>>;
export type StatsRow = Stats['rows'][number];
