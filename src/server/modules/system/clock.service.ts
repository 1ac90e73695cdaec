import type { OffsetClock } from '../../../core/clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';

const KEY = 'clock_offset_ms';

/**
 * The controllable clock for tests and demos. The offset is kept in the settings table so a
 * restarted demo server keeps its "two days later"; production never reads or writes it.
 */
export class ClockService {
  constructor(
    private db: Db,
    private clock: OffsetClock,
    private config: Config,
    private audit: AuditService,
  ) {}

  async load() {
    if (!this.config.clockControl) return;
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    if (row) this.clock.setOffset(Number(row.value) || 0);
  }

  status() {
    return { now: this.clock.now().toISOString(), offsetMs: this.clock.offset, controllable: this.config.clockControl };
  }

  async change(actor: Actor, input: { set?: string; advanceMinutes?: number; reset?: boolean }) {
    if (!this.config.clockControl) throw new AppError('FORBIDDEN', { key: 'error.clockDisabled' });
    if (input.reset) this.clock.setOffset(0);
    else if (input.set) this.clock.setTo(new Date(input.set));
    else if (input.advanceMinutes) this.clock.advance(input.advanceMinutes * 60_000);
    const value = String(this.clock.offset);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: KEY, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
      await this.audit.record(trx, actor, {
        action: 'clock',
        entity: 'clock',
        entityId: null,
        estateId: null,
        summary: { key: 'audit.clock', params: { at: this.clock.now().toISOString() } },
        detail: input,
      });
    });
    return this.status();
  }
}
