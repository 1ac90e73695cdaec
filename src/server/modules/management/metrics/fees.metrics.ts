import { sql } from 'kysely';
import type { FeeKind } from '../../../../core/fees.ts';
import type { MetricContext, MetricRegistry } from './metric.registry.ts';
import { ratio } from './metric.registry.ts';

/**
 * Collection rates (M 4.1.5) from the fee statistics' summary table: what was billed for the
 * period's months and what of it has been collected so far, by fee kind.
 */
async function collection(ctx: MetricContext) {
  return ctx.memo('fees.collection', async () => {
    let q = ctx.db
      .selectFrom('collection_summary as s')
      .innerJoin('fee_items as f', 'f.id', 's.fee_item_id')
      .where('s.estate_id', '=', ctx.estateId)
      .where('s.period', '>=', ctx.firstMonth)
      .where('s.period', '<=', ctx.month);
    if (ctx.areaIds) q = q.where('s.area_key', 'in', ctx.areaIds.length ? ctx.areaIds : [-1]);
    const rows = await q.select(['f.kind', sql<number>`sum(s.billed)`.as('billed'), sql<number>`sum(s.collected)`.as('collected')]).groupBy('f.kind').execute();
    return new Map(rows.map((r) => [r.kind, { billed: Number(r.billed), collected: Number(r.collected) }]));
  });
}

export function registerFeeMetrics(registry: MetricRegistry) {
  const rate = (kinds: FeeKind[]) => async (ctx: MetricContext) => {
    const m = await collection(ctx);
    const sum = (k: 'billed' | 'collected') => kinds.reduce((s, kind) => s + (m.get(kind)?.[k] ?? 0), 0);
    // fen ÷ fen: the rate; numerator and denominator are kept in fen for the snapshot
    return ratio(sum('collected'), sum('billed'));
  };
  const page = (ctx: MetricContext) => `/fees/stats?period=${ctx.month}`;
  registry.register({
    code: 'fees.managementCollection',
    label: { zh: '物业管理费收缴率', en: 'Management fee collection' },
    formula: { zh: '本期物业管理费已收（分）÷ 本期物业管理费应收（分）', en: 'Management fees collected (fen) ÷ management fees billed for the period (fen)' },
    unit: 'rate',
    direction: 'higher',
    additive: true,
    compute: rate(['area']),
    page,
  });
  registry.register({
    code: 'fees.utilitiesCollection',
    label: { zh: '水电气等公用事业费收缴率', en: 'Utilities collection' },
    formula: { zh: '本期水、电、燃气及公摊费已收 ÷ 应收', en: 'Water, power, gas and shared charges collected ÷ billed for the period' },
    unit: 'rate',
    direction: 'higher',
    additive: true,
    compute: rate(['metered', 'shared']),
    page,
  });
  registry.register({
    code: 'fees.serviceCollection',
    label: { zh: '特约服务费收缴率', en: 'Special-service fee collection' },
    formula: { zh: '本期特约服务费已收 ÷ 应收', en: 'Special-service fees collected ÷ billed for the period' },
    unit: 'rate',
    direction: 'higher',
    additive: true,
    compute: rate(['service']),
    page,
  });
}
