const v8 = require('node:v8');
if (process.env.V8FLAGS) v8.setFlagsFromString(process.env.V8FLAGS);
const rss = () => Math.round(process.memoryUsage().rss / 1048576);
(async () => {
  const { openPglite } = require('./.tmp/emb-after/db/pglite.js');
  const r0 = rss();
  const db = await openPglite(process.argv[2]);
  const r1 = rss();
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`flags=${process.env.V8FLAGS ?? ''} before=${r0} open=${r1} idle=${rss()}`);
  await db.close();
})();
