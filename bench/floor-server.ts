/**
 * The floor for bench:desk: a bare Fastify route per operation over the same SQLite file,
 * one prepared insert, one prepared select of 20 rows. No auth, no validation, no JSON schema.
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
const select = db.prepare(`select * from tickets where estate_id = 1 and status = ? and type = ? order by id desc limit 20`);
let n = 0;
const app = Fastify();
app.post('/insert', async (req) => {
  const body = req.body as { title: string; description: string };
  const r = insert.run(`F${++n}`, body.title, body.description, new Date().toISOString());
  return { id: Number(r.lastInsertRowid) };
});
app.get('/select', async () => ({ items: select.all('closed', 'repair') }));
// Port 0: the system picks a free one; bench/desk.ts reads it from this line.
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`ready on ${(app.server.address() as { port: number }).port}`);
