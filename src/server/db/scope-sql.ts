import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../core/scope.ts';

/**
 * The SQL form of core/scope.ts: rows whose estate the caller sees whole, or whose area he
 * looks after. Area ids are unique across estates, so the area test needs no estate.
 */
export function inScope(scope: Scope, estateCol: string, areaCol: string) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const parts: Expression<SqlBool>[] = [];
    if (scope.estates.length) parts.push(eb(estateCol, 'in', scope.estates));
    if (scope.areas.length) parts.push(eb(areaCol, 'in', scope.areas.map((a) => a.areaId)));
    if (!parts.length) return eb(estateCol, '=', -1);
    return eb.or(parts);
  };
}
