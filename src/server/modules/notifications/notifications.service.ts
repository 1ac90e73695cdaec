import type { Clock } from '../../../core/clock.ts';
import { fromJson, toJson } from '../../db/codec.ts';
import type { Msg } from '../../http/errors.ts';
import { type Lang, t } from '../../i18n/messages.ts';
import type { Db, Executor } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Channel } from './channels.ts';

export interface Notice {
  userIds: number[];
  estateId: number | null;
  kind: string;
  /** Message keys, so each reader sees them in his language; free text (a ticket's own words) as is. */
  title: Msg;
  body: Msg | string;
  ticketId?: number | null;
  /** Same key for the same user is written once, however often the caller retries or restarts. */
  dedupeKey?: string;
}

/** The in-app notification center, plus delivery through the configured outside channel. */
export class NotificationService {
  constructor(
    private db: Db,
    private clock: Clock,
    private channel: Channel,
  ) {}

  /** Writes inside the caller's transaction; returns the ids of users newly notified. */
  async notify(trx: Executor, n: Notice): Promise<number[]> {
    const fresh: number[] = [];
    const title = render('zh-CN', n.title);
    const body = render('zh-CN', n.body);
    const message = fromJson({ title: n.title, body: n.body });
    for (const userId of [...new Set(n.userIds)]) {
      const res = await trx
        .insertInto('notifications')
        .values({ estate_id: n.estateId, user_id: userId, at: this.clock.now().toISOString(), kind: n.kind, title, body, message, ticket_id: n.ticketId ?? null, dedupe_key: n.dedupeKey ?? null })
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) fresh.push(userId);
    }
    return fresh;
  }

  /** Outside delivery after commit, in Chinese; a failing channel never undoes the business step. */
  async deliver(userIds: number[], titleMsg: Msg, bodyMsg: Msg | string) {
    if (!userIds.length) return;
    const title = render('zh-CN', titleMsg);
    const body = render('zh-CN', bodyMsg);
    const users = await this.db.selectFrom('users').select(['email']).where('id', 'in', userIds).where('email', 'is not', null).execute();
    for (const u of users) {
      await this.channel.send({ to: u.email!, subject: title, text: body }).catch((err) => console.error('notification delivery failed', err));
    }
  }

  async list(userId: number, unreadOnly: boolean, page: number, pageSize: number, lang: Lang = 'zh-CN') {
    let q = this.db.selectFrom('notifications').where('user_id', '=', userId);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    const [items, total, unread] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      unread: Number(unread.n),
      items: items.map((n) => {
        const m = toJson<{ title: Msg; body: Msg | string }>(n.message);
        return { id: n.id, at: n.at, kind: n.kind, title: m ? render(lang, m.title) : n.title, body: m ? render(lang, m.body) : n.body, ticketId: n.ticket_id, read: n.read_at != null };
      }),
    };
  }

  async markRead(userId: number, id: number | 'all') {
    let q = this.db.updateTable('notifications').set({ read_at: this.clock.now().toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (id !== 'all') {
      const row = await this.db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      if (!row) throw notFound('entity.notification');
      q = q.where('id', '=', id);
    }
    await q.execute();
  }
}

function render(lang: Lang, m: Msg | string): string {
  return typeof m === 'string' ? m : t(lang, m.key, m.params);
}
