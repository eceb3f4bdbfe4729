import net from 'node:net';
import pg from 'pg';
import { openPglite } from './src/db/pglite.ts';
async function main() {
  const db = await openPglite('/tmp/emb/t/d1');
  db.onLost((e) => console.log('LOST', e.message));
  const c = new pg.Client(db.connection); await c.connect();
  console.log((await c.query('select 1 as x')).rows);
  const s = net.connect(db.connection.host + '/.s.PGSQL.5432');
  const startup = Buffer.alloc(8 + 'user\0postgres\0\0'.length); startup.writeInt32BE(startup.length, 0); startup.writeInt32BE(196608, 4); startup.write('user\0postgres\0\0', 8);
  s.write(startup);
  s.on('data', (d) => console.log('raw got', JSON.stringify(d.toString('latin1').slice(0, 200))));
  await new Promise((r) => setTimeout(r, 300));
  s.write(Buffer.from([0x7a, 0, 0, 0, 4]));
  await new Promise((r) => setTimeout(r, 500));
  try { console.log((await c.query('select 2 as x')).rows); } catch (e) { console.log('query error', (e as Error).message); }
  s.destroy(); await c.end().catch(() => {});
  await db.close(); console.log('closed');
}
void main();
