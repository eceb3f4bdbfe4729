import { FAKE_TOKEN, FakeSlack } from './test/support/fake-slack.ts';
import { createFanout } from './test/support/fanout.ts';
import { dropDatabase, withAdmin } from './test/support/postgres.ts';
import { applyMigrations } from './src/db/migrations.ts';
import { postgresMigrationTarget } from './src/db/migration-targets.ts';
import { startServiceProcess } from './test/support/service-process.ts';
import { SIGNING_SECRET } from './test/support/slack-requests.ts';
import pg from 'pg';
async function main() {
  const name = `alumni_dbg_${process.pid}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL('postgres://postgres@127.0.0.1:5432/postgres'); u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 2 }); await applyMigrations(postgresMigrationTarget(pool)); await pool.end();
  const db = { url: u.toString(), drop: () => withAdmin((c) => dropDatabase(c, name)) };
  const slack = await new FakeSlack().start();
  const fanout = await createFanout(db.url, 200);
  slack.failEvery('chat.postMessage', 3, { status: 503 });
  const service = startServiceProcess({ DATABASE_URL: db.url, SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/`,
    OUTBOX_POLL_MS: '20', OUTBOX_LEASE_MS: '1500', OUTBOX_RETRY_BASE_MS: '50', OUTBOX_MAX_ATTEMPTS: '30', SLACK_CHANNEL_RATE: '1000', SLACK_WORKSPACE_RATE: '5000', WORKING_HOURS: 'always', LOG_LEVEL: 'debug' });
  await service.listening;
  const client = new pg.Client({ connectionString: db.url }); await client.connect();
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await client.query(`SELECT state, maybe_sent, attempts, count(*)::int n FROM outbox_messages GROUP BY 1,2,3 ORDER BY 1,2,3`);
    console.log(i, JSON.stringify(rows), 'delivered', slack.deliveries.size, 'calls', slack.calls.length);
  }
  await client.end();
  service.child.kill('SIGTERM'); await service.exited;
  require('fs').writeFileSync('/tmp/fanout-dbg/out.log', service.stdout() + service.stderr());
  await slack.stop(); await db.drop();
  console.log(fanout.invitationKeys.length);
}
void main();
