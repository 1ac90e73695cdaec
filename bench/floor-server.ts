/**
 * The floor for bench:desk: a bare Fastify route per operation over the same SQLite file,
 * one prepared insert, one prepared select of 20 rows. No auth, no validation, no JSON schema.
 * /register-rows writes the rows a registration writes (the number's counter, the ticket with its
 * indexes and count trigger, its first timeline entry, the audit entry) by bare prepared
 * statements in one transaction: the floor of the work itself, besides the one-row floor above.
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

const file = process.argv[2];
const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const insert = db.prepare(
  `insert into floor_tickets (estate_id, number, type, status, title, description, created_at) values (1, ?, 'complaint', 'registered', ?, ?, ?)`,
);
db.pragma('foreign_keys = ON');
const counter = db.prepare(`insert into counters (estate_id, name, value) values (1, ?, 1) on conflict (estate_id, name) do update set value = counters.value + 1 returning value`);
const ticket = db.prepare(`insert into tickets (estate_id, area_id, number, type, channel, unit_id, reporter_name, reporter_phone, priority, complex, emergency, title, description,
  status, response_due_at, resolution_due_at, reopen_count, escalation_level, warned, created_by, created_at, updated_at)
  values (1, ?, ?, 'complaint', 'phone', ?, ?, ?, 'normal', 0, 0, ?, ?, 'registered', ?, ?, 0, 0, 0, ?, ?, ?) returning id`);
const event = db.prepare(`insert into ticket_events (estate_id, ticket_id, at, actor_id, actor_name, kind, to_status, internal) values (1, ?, ?, ?, ?, 'registered', 'registered', 0) returning id`);
const audit = db.prepare(`insert into audit_log (at, estate_id, actor_id, actor_name, action, entity, entity_id, summary, message, entity_ref, ip) values (?, 1, ?, ?, 'create', 'ticket', ?, ?, ?, ?, ?)`);
const unit = db.prepare('select u.id, b.area_id from units u join buildings b on b.id = u.building_id order by u.id limit 1').get() as { id: number; area_id: number };
const actor = db.prepare(`select id, display_name from users where username = 'desk1'`).get() as { id: number; display_name: string };
const register = db.transaction((title: string, description: string) => {
  const now = new Date();
  const at = now.toISOString();
  const due = new Date(now.getTime() + 86_400_000).toISOString();
  const n = (counter.get(`floor:${at.slice(0, 7)}`) as { value: number }).value;
  const number = `F${at.slice(0, 7).replace('-', '')}${String(n).padStart(5, '0')}`;
  const { id } = ticket.get(unit.area_id, number, unit.id, '业主', '13800000000', title, description, due, due, actor.id, at, at) as { id: number };
  event.get(id, at, actor.id, actor.display_name);
  audit.run(at, actor.id, actor.display_name, id, `登记工单 ${number}`, JSON.stringify({ key: 'audit.ticket.create', params: { number } }), number, '127.0.0.1');
  return id;
});
const select = db.prepare(`select * from tickets where estate_id = 1 and status = ? and type = ? order by id desc limit 20`);
let n = 0;
const app = Fastify();
app.post('/insert', async (req) => {
  const body = req.body as { title: string; description: string };
  const r = insert.run(`F${++n}`, body.title, body.description, new Date().toISOString());
  return { id: Number(r.lastInsertRowid) };
});
app.post('/register-rows', async (req) => {
  const body = req.body as { title: string; description: string };
  return { id: register(body.title, body.description) };
});
app.get('/select', async () => ({ items: select.all('closed', 'repair') }));
// Port 0: the system picks a free one; bench/desk.ts reads it from this line.
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`ready on ${(app.server.address() as { port: number }).port}`);
