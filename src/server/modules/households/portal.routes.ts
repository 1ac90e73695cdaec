import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { authOf } from '../../http/access.ts';
import { idParam } from '../../http/fields.ts';
import { archive } from './households.schemas.ts';
import type { Scope } from '../../../core/scope.ts';

/** Owner portal: an owner's scope is his own units, so the same archive service serves him. */
export async function portalRoutes(app: App, { services }: Deps) {
  const tags = ['portal'];

  app.get('/api/v1/portal/home', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '我的房屋与家庭', response: { 200: z.object({ units: z.array(archive) }) } },
  }, async (req) => {
    const { scope } = authOf(req);
    return { units: await Promise.all(scope.units.map((id) => ownView(services, scope, id))) };
  });

  app.get('/api/v1/portal/units/:id', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '我的一套房屋', params: idParam, response: { 200: archive } },
  }, async (req) => ownView(services, authOf(req).scope, req.params.id));
}

/** An owner sees his household as it is now: not the previous owners, households or ended leases. */
async function ownView(services: Deps['services'], scope: Scope, unitId: number) {
  const a = await services.households.archive(scope, unitId);
  return {
    ...a,
    pastHouseholds: [],
    ownerships: a.ownerships.filter((o) => !o.endedOn),
    tenancies: a.tenancies.filter((t) => !t.terminatedOn),
  };
}
