import v8 from 'node:v8';
if (process.env.V8FLAGS) v8.setFlagsFromString(process.env.V8FLAGS);
import pg from 'pg';
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
async function main() {
  const { openPglite } = await import('./src/db/pglite.ts');
  console.log('start rss', rss());
  const db = await openPglite(process.argv[2]!);
  console.log('open rss', rss());
  const c = new pg.Client(db.connection); await c.connect();
  for (const q of ['SHOW shared_buffers', 'SHOW work_mem', 'SHOW wal_buffers', 'SHOW maintenance_work_mem', 'SHOW temp_buffers', "select count(*) from pg_class"]) console.log(q, JSON.stringify((await c.query(q)).rows[0]));
  await new Promise((r) => setTimeout(r, 3000));
  console.log('idle rss', rss());
  await c.end(); await db.close();
  console.log('closed rss', rss());
}
void main();
