/**
 * Record scope in the fees parts (brief: outside scope → 404 on reads). Every fee record carries
 * its estate and area (lines, payments, waivers, runs, meters) or its unit (an owner's own).
 */
import { seesArea, type Scope } from '../../../core/scope.ts';
import { notFound } from '../../http/errors.ts';

type Placed = { estate_id: number; area_id: number | null };

/** Whether the caller sees a unit's record: an owner his own units, staff the unit's estate or area. */
export function seesUnit(scope: Scope, r: Placed & { unit_id: number }): boolean {
  return scope.units.includes(r.unit_id) || seesArea(scope, r.estate_id, r.area_id);
}

/** 404 (naming the entity) unless the record exists and lies in the caller's estates or areas. */
export function assertVisible<T extends Placed>(scope: Scope, r: T | undefined | null, entity: string): asserts r is T {
  if (!r || !seesArea(scope, r.estate_id, r.area_id)) throw notFound(entity);
}
