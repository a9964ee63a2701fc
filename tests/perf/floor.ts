/**
 * The floor: what this machine can do for the same two reads with none of the product — no sessions, no
 * access rules, no ORM, no schema validation or serialisation, no RAG rules. A bare fastify route and a
 * hand-written better-sqlite3 query, JSON.stringify'd. Run as its own process: `tsx floor.ts <db> <port>`.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error('usage: floor.ts <database file> <port>');
const db = new Database(file, { readonly: true });
db.pragma('journal_mode = WAL');

const overdue = db.prepare(`
  SELECT a.id, a.ref, a.objective, a.due_date, a.status, a.last_update_at, t.title AS theme, ar.title AS area,
         (SELECT group_concat(l.name, ' / ') FROM action_leads al JOIN leads l ON l.id = al.lead_id WHERE al.action_id = a.id) AS leads
  FROM actions a JOIN areas ar ON ar.id = a.area_id JOIN themes t ON t.id = ar.theme_id
  WHERE a.plan_id = ? AND a.archived_at IS NULL AND a.due_date < ? AND a.signed_off_at IS NULL
  ORDER BY a.due_date, a.id LIMIT 50`);
const action = db.prepare('SELECT * FROM actions WHERE id = ?');
const updates = db.prepare(`
  SELECT u.id, u.created_at, u.status, u.reported_rag, u.commentary, us.name AS author
  FROM action_updates u JOIN users us ON us.id = u.author_id WHERE u.action_id = ? ORDER BY u.created_at DESC, u.id DESC`);

const app = Fastify({ logger: false });
app.get('/overdue/:plan', async (request, reply) => {
  const { plan } = request.params as { plan: string };
  const today = new Date().toISOString().slice(0, 10);
  reply.header('content-type', 'application/json');
  return JSON.stringify({ items: overdue.all(Number(plan), today) });
});
app.get('/action/:id', async (request, reply) => {
  const { id } = request.params as { id: string };
  reply.header('content-type', 'application/json');
  return JSON.stringify({ ...(action.get(Number(id)) as object), updates: updates.all(Number(id)) });
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('floor listening');
