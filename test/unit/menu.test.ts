import { describe, expect, it } from 'vitest';
import { can, ROLES, STAFF_ROLES } from '../../src/core/roles.ts';
import { MENU_ENTRIES, menuFor } from '../../src/web/layouts/menu.ts';

describe('staff menu from the permission table', () => {
  it.each(ROLES)('%s: every entry shown is one whose permission the role has, and none is left out', (role) => {
    const shown = menuFor(role).flatMap((g) => g.entries);
    for (const e of shown) expect(can(role, e.permission), `${role} ${e.path}`).toBe(true);
    const missing = MENU_ENTRIES.filter((e) => can(role, e.permission) && !shown.includes(e));
    expect(missing).toEqual([]);
    for (const g of menuFor(role)) expect(g.entries.length).toBeGreaterThan(0);
  });

  it('an area administrator (cs_admin) has no 日结; the cashier and the supervisors do', () => {
    const paths = (r: (typeof STAFF_ROLES)[number]) => menuFor(r).flatMap((g) => g.entries.map((e) => e.path));
    expect(paths('cs_admin')).not.toContain('/fees/close');
    expect(paths('front_desk')).not.toContain('/fees/close');
    for (const r of ['cashier', 'director', 'assistant'] as const) expect(paths(r)).toContain('/fees/close');
    expect(menuFor('owner')).toEqual([]);
  });
});
