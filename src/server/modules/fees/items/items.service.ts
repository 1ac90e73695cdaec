/**
 * Fee items and their prices (manual 4.1.1): validation of each kind's rules, price versions that
 * are only ever added, archiving instead of deleting, an audit entry for every change.
 */
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { badTier, DEFAULT_LATE_RULE, defaultTarget, type FeeKind, periodOfDate } from '../../../../core/fees.ts';
import { seesEstate, seesWholeEstate, type Scope } from '../../../../core/scope.ts';
import { fromJson, joinList } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { AppError, conflict, notFound, outOfScope, type Msg } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { diff } from '../../audit/audit.service.ts';
import { uniqueViolation } from '../config.db.ts';
import { DEFAULT_FEE_ITEMS } from './items.defaults.ts';
import { type FeeItemWithPrices, priceOn } from './items.model.ts';
import { itemsRepository as repo, loadFeeItem, loadFeeItems } from './items.repository.ts';
import type { archiveInput, itemCreate, itemUpdate, priceInput } from './items.schemas.ts';

type PriceInput = z.infer<typeof priceInput>;

const METERED: FeeKind[] = ['metered', 'shared'];
const BY_AMOUNT: FeeKind[] = ['fixed', 'one_off', 'service'];

/** Every rule a price must meet for its item's kind; returns field → message (empty when fine). */
export function priceProblems(kind: FeeKind, p: PriceInput, prefix: string): Record<string, Msg> {
  const out: Record<string, Msg> = {};
  if (p.tiers?.length) {
    if (kind !== 'metered') out[`${prefix}tiers`] = { key: 'fee.tiersNotAllowed' };
    else {
      const bad = badTier(p.tiers);
      if (bad >= 0) out[`${prefix}tiers.${bad}`] = { key: 'fee.badTier' };
    }
  }
  if (kind === 'area' && p.price <= 0) out[`${prefix}price`] = { key: 'fee.priceRequired' };
  if (METERED.includes(kind) && p.price <= 0 && !p.tiers?.length) out[`${prefix}price`] = { key: 'fee.priceRequired' };
  if (BY_AMOUNT.includes(kind) && p.price !== 0) out[`${prefix}price`] = { key: 'fee.priceNotAllowed' };
  if (kind === 'fixed' && !p.amount) out[`${prefix}amount`] = { key: 'fee.amountRequired' };
  if (!BY_AMOUNT.includes(kind) && p.amount != null) out[`${prefix}amount`] = { key: 'fee.amountNotAllowed' };
  return out;
}

function throwIf(fields: Record<string, Msg>) {
  if (Object.keys(fields).length) throw new AppError('VALIDATION', { key: 'error.validation' }, fields);
}

export class FeeItemService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}


  /** The API shape: the item with its prices and the one in force today. */
  view(item: FeeItemWithPrices) {
    const { prices, ...rest } = item;
    const out = prices.map(({ createdAt: _c, ...p }) => p);
    const current = priceOn(item, todayOf(this.clock));
    return { ...rest, prices: out, currentPrice: current ? out.find((p) => p.id === current.id)! : null };
  }

  async list(scope: Scope, estateId: number) {
    if (!seesEstate(scope, estateId)) throw notFound('entity.estate');
    const items = await loadFeeItems(this.db, estateId, { includeArchived: true });
    return items.map((i) => this.view(i));
  }

  async get(scope: Scope, id: number) {
    const item = await loadFeeItem(this.db, id);
    if (!item || !seesEstate(scope, item.estateId)) throw notFound('entity.feeItem');
    return this.view(item);
  }

  /** An item the caller may change (whole estate in scope), with its row. */
  private async requireWritable(db: Executor, scope: Scope, id: number) {
    const row = await repo.findItemRow(db, id);
    if (!row || !seesEstate(scope, row.estate_id)) throw notFound('entity.feeItem');
    if (!seesWholeEstate(scope, row.estate_id)) throw outOfScope();
    if (row.archived_at) throw conflict('conflict.feeItemArchived', { name: row.name });
    return row;
  }

  private async checkItem(db: Executor, estateId: number, kind: FeeKind, f: { meterKind?: string | null; buildingIds?: number[] | null; billDay?: number; dueDay?: number }) {
    const fields: Record<string, Msg> = {};
    if (METERED.includes(kind) && !f.meterKind) fields.meterKind = { key: 'fee.meterKindRequired' };
    if (!METERED.includes(kind) && f.meterKind) fields.meterKind = { key: 'fee.meterKindNotAllowed' };
    if (f.buildingIds?.length) {
      const found = new Set((await repo.buildingsIn(db, estateId, f.buildingIds)).map((b) => b.id));
      f.buildingIds.forEach((b, i) => {
        if (!found.has(b)) fields[`buildingIds.${i}`] = { key: 'field.notInEstate' };
      });
    }
    return fields;
  }

  async create(actor: Actor, scope: Scope, input: z.infer<typeof itemCreate>) {
    return this.db.transaction().execute(async (trx) => {
      if (!seesWholeEstate(scope, input.estateId)) throw outOfScope();
      if (!(await trx.selectFrom('estates').select('id').where('id', '=', input.estateId).executeTakeFirst())) throw notFound('entity.estate');
      throwIf({ ...(await this.checkItem(trx, input.estateId, input.kind, input)), ...priceProblems(input.kind, input.price, 'price.') });
      if (await repo.findByCode(trx, input.estateId, input.code))
        throw conflict('conflict.feeItemCode', { code: input.code }, { code: { key: 'conflict.feeItemCode', params: { code: input.code } } });
      const id = await this.insert(trx, actor.id, input.estateId, { ...input, meterKind: input.meterKind ?? null, usages: input.usages ?? [], buildingIds: input.buildingIds ?? [] }).catch((err) => {
        // Someone added the same code a moment ago.
        if (uniqueViolation(err)) throw conflict('conflict.feeItemCode', { code: input.code }, { code: { key: 'conflict.feeItemCode', params: { code: input.code } } });
        throw err;
      });
      await this.audit.record(trx, actor, { action: 'create', entity: 'fee_item', entityId: id, estateId: input.estateId, summary: { key: 'audit.feeItem.create', params: { name: input.name } }, ref: input.name, detail: { kind: input.kind, price: input.price } });
      return this.view((await loadFeeItem(trx, id))!);
    });
  }

  private async insert(
    trx: Executor,
    actorId: number | null,
    estateId: number,
    i: { code: string; name: string; kind: FeeKind; meterKind: string | null; cycleMonths: number; billDay: number; dueDay: number; usages: string[]; buildingIds: number[]; targetRate?: number; lateRatePpm?: number; lateGraceDays?: number; lateStart?: string; lateCapBp?: number; price: PriceInput },
  ) {
    const now = this.clock.now().toISOString();
    const { id } = await repo.insertItem(trx, {
      estate_id: estateId,
      code: i.code,
      name: i.name,
      kind: i.kind,
      meter_kind: i.meterKind,
      cycle_months: i.cycleMonths,
      bill_day: i.billDay,
      due_day: i.dueDay,
      usages: i.usages.length ? joinList(i.usages) : null,
      building_ids: i.buildingIds.length ? joinList(i.buildingIds.map(String)) : null,
      target_rate: i.targetRate ?? defaultTarget(i.kind),
      late_rate_ppm: i.lateRatePpm ?? DEFAULT_LATE_RULE.ratePpm,
      late_grace_days: i.lateGraceDays ?? DEFAULT_LATE_RULE.graceDays,
      late_start: i.lateStart ?? DEFAULT_LATE_RULE.start,
      late_cap_bp: i.lateCapBp ?? DEFAULT_LATE_RULE.capBp,
      sort: await repo.nextSort(trx, estateId),
      archived_at: null,
      created_at: now,
      updated_at: now,
    });
    await this.insertPrice(trx, actorId, estateId, id, i.price);
    return id;
  }

  private insertPrice(trx: Executor, actorId: number | null, estateId: number, itemId: number, p: PriceInput) {
    return repo.insertPrice(trx, {
      estate_id: estateId,
      fee_item_id: itemId,
      effective_from: p.effectiveFrom,
      price: p.price,
      tiers: p.tiers?.length ? fromJson(p.tiers) : null,
      amount: p.amount ?? null,
      note: p.note ?? null,
      created_by: actorId,
      created_at: this.clock.now().toISOString(),
    });
  }

  async update(actor: Actor, scope: Scope, id: number, input: z.infer<typeof itemUpdate>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.requireWritable(trx, scope, id);
      const kind = before.kind as FeeKind;
      const meterKind = input.meterKind === undefined ? before.meter_kind : input.meterKind;
      throwIf(await this.checkItem(trx, before.estate_id, kind, { meterKind, buildingIds: input.buildingIds }));
      if (input.code && input.code !== before.code && (await repo.findByCode(trx, before.estate_id, input.code)))
        throw conflict('conflict.feeItemCode', { code: input.code }, { code: { key: 'conflict.feeItemCode', params: { code: input.code } } });
      const list = (v: Array<string | number> | null | undefined) => (v === undefined ? undefined : v?.length ? joinList(v.map(String)) : null);
      const row = {
        code: input.code,
        name: input.name,
        meter_kind: input.meterKind === undefined ? undefined : input.meterKind,
        cycle_months: input.cycleMonths,
        bill_day: input.billDay,
        due_day: input.dueDay,
        usages: list(input.usages),
        building_ids: list(input.buildingIds),
        target_rate: input.targetRate,
        late_rate_ppm: input.lateRatePpm,
        late_grace_days: input.lateGraceDays,
        late_start: input.lateStart,
        late_cap_bp: input.lateCapBp,
        sort: input.sort,
      };
      await repo.updateItem(trx, id, { ...row, updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, { action: 'update', entity: 'fee_item', entityId: id, estateId: before.estate_id, summary: { key: 'audit.feeItem.update', params: { name: before.name } }, ref: before.name, detail: diff(before, row) });
      return this.view((await loadFeeItem(trx, id))!);
    });
  }

  async archive(actor: Actor, scope: Scope, id: number, input: z.infer<typeof archiveInput>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.requireWritable(trx, scope, id);
      const now = this.clock.now().toISOString();
      await repo.updateItem(trx, id, { archived_at: now, updated_at: now });
      await this.audit.record(trx, actor, { action: 'archive', entity: 'fee_item', entityId: id, estateId: before.estate_id, summary: { key: 'audit.feeItem.archive', params: { name: before.name } }, ref: before.name, detail: { reason: input.reason } });
      return this.view((await loadFeeItem(trx, id))!);
    });
  }

  /** A new price version. Old versions are never changed; a billed period is never reached back over. */
  async addPrice(actor: Actor, scope: Scope, id: number, input: PriceInput) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.requireWritable(trx, scope, id);
      throwIf(priceProblems(before.kind as FeeKind, input, ''));
      if (await repo.priceOnExactDate(trx, id, input.effectiveFrom))
        throw conflict('conflict.priceDate', { date: input.effectiveFrom }, { effectiveFrom: { key: 'conflict.priceDate', params: { date: input.effectiveFrom } } });
      const billed = await repo.billedSince(trx, id, periodOfDate(input.effectiveFrom));
      if (billed) throw conflict('conflict.priceBilled', { period: billed.period }, { effectiveFrom: { key: 'conflict.priceBilled', params: { period: billed.period } } });
      const { id: priceId } = await this.insertPrice(trx, actor.id, before.estate_id, id, input).catch((err) => {
        if (uniqueViolation(err)) throw conflict('conflict.priceDate', { date: input.effectiveFrom }, { effectiveFrom: { key: 'conflict.priceDate', params: { date: input.effectiveFrom } } });
        throw err;
      });
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'fee_price',
        entityId: priceId,
        estateId: before.estate_id,
        summary: { key: 'audit.feePrice.create', params: { name: before.name, from: input.effectiveFrom } },
        ref: `${before.name} ${input.effectiveFrom}`,
        detail: { feeItemId: id, price: input.price, tiers: input.tiers ?? null, amount: input.amount ?? null, note: input.note },
      });
      return this.view((await loadFeeItem(trx, id))!);
    });
  }

  /** A new estate's fee items (estates.onCreated): prices in force from January of the year before. */
  async seedDefaults(trx: Executor, estateId: number) {
    const from = `${Number(todayOf(this.clock).slice(0, 4)) - 1}-01-01`;
    for (const d of DEFAULT_FEE_ITEMS) {
      await this.insert(trx, null, estateId, {
        ...d,
        meterKind: d.meterKind ?? null,
        usages: d.usages ?? [],
        buildingIds: [],
        lateStart: d.lateStart,
        price: { effectiveFrom: from, price: d.price, tiers: d.tiers ?? null, amount: d.amount ?? null, note: d.note },
      });
    }
  }
}
