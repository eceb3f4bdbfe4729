// npm run bench:fanout — 1,000 invitations through a fake Slack that enforces a fixed rate
// (RATE messages/s per workspace, 1/s per channel, 429 + Retry-After beyond it). One service
// instance (a real process, PostgreSQL) is configured with the same rate. Reports the achieved
// rate as a share of the allowed rate, and how many invitations were lost or sent twice.
import { FAKE_TOKEN, FakeSlack } from '../test/support/fake-slack.ts';
import { createFanout } from '../test/support/fanout.ts';
import { dropDatabase, withAdmin } from '../test/support/postgres.ts';
import { startServiceProcess } from '../test/support/service-process.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { postgresMigrationTarget } from '../src/db/migration-targets.ts';
import pg from 'pg';

const RATE = Number(process.env.RATE ?? 50);
const COUNT = Number(process.env.COUNT ?? 1000);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const name = `alumni_bench_fanout_${process.pid}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await applyMigrations(postgresMigrationTarget(pool));
  await pool.end();
  const slack = await new FakeSlack().start();
  slack.enforceRate(1, RATE);
  try {
    const fanout = await createFanout(url.toString(), COUNT);
    const started = Date.now();
    const service = startServiceProcess({
      DATABASE_URL: url.toString(),
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      SLACK_WORKSPACE_RATE: String(RATE),
      SLACK_CHANNEL_RATE: '1',
      OUTBOX_POLL_MS: '50',
      WORKING_HOURS: 'always',
    });
    await service.listening;
    const deadline = Date.now() + (COUNT / RATE) * 3000 + 30_000;
    while (fanout.invitationKeys.some((key) => !slack.deliveries.has(key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    service.child.kill('SIGTERM');
    await service.exited;
    const times = fanout.invitationKeys.length ? slack.acceptedAt : [];
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const achieved = (slack.acceptedAt.length - 1) / seconds;
    const lost = fanout.invitationKeys.filter((key) => !slack.deliveries.has(key)).length;
    const duplicated = fanout.invitationKeys.filter((key) => (slack.deliveries.get(key) ?? 0) > 1).length;
    console.log('| invitations | allowed rate | achieved rate | share | 429 answers | lost | duplicated | wall time |');
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(`| ${COUNT} | ${RATE}/s | ${achieved.toFixed(1)}/s | ${((achieved / RATE) * 100).toFixed(1)} % | ${slack.rateLimited} | ${lost} | ${duplicated} | ${((Date.now() - started) / 1000).toFixed(1)} s |`);
  } finally {
    await slack.stop();
    await withAdmin((client) => dropDatabase(client, name));
  }
}

void main();
