const { PGlite } = await import('@electric-sql/pglite');
const dir = process.argv[2], sb = process.argv[3];
const db = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sb}`] });
const has = await db.query("select to_regclass('big') as r");
if (!has.rows[0].r) { await db.exec("create table big as select g as id, md5(g::text) || md5((g*7)::text) as t, g % 300 as tag from generate_series(1, 600000) g; create index on big(tag);"); }
console.log('size', (await db.query("select pg_size_pretty(pg_total_relation_size('big')) s")).rows[0].s);
for (let i = 0; i < 3; i++) { const t = performance.now(); await db.query('select count(*), max(t) from big'); console.log(sb, 'seqscan ms', Math.round(performance.now() - t)); }
for (let i = 0; i < 2; i++) { const t = performance.now(); for (let k = 0; k < 300; k++) await db.query('select count(*) from big where tag = $1', [k]); console.log(sb, '300 index lookups ms', Math.round(performance.now() - t)); }
console.log('rss', Math.round(process.memoryUsage().rss/1048576));
await db.close();
