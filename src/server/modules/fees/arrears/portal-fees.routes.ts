import type { App, Deps } from '../../../app.ts';
import { authOf } from '../../../http/access.ts';
import { idParam } from '../../../http/fields.ts';
import { portalFees, receipt } from './arrears.schemas.ts';

/** The owner's fees in the portal: his units only. */
export async function portalFeeRoutes(app: App, { services }: Deps) {
  const tags = ['portal'];
  const config = { access: 'portal.self' as const };
  app.get('/api/v1/portal/fees', {
    config,
    schema: { tags, summary: '我的费用：未缴费用（含滞纳金）、预存余额、缴费记录、收到的通知', response: { 200: portalFees } },
  }, async (req) => services.fees.portalFees.mine(authOf(req)));

  app.get('/api/v1/portal/fees/payments/:id', {
    config,
    schema: { tags, summary: '我的收据', params: idParam, response: { 200: receipt } },
  }, async (req) => services.fees.portalFees.receipt(authOf(req), req.params.id));
}
