// npm run bench:memory — the service's memory: idle RSS and a soak.
// Idle: the service is started as production starts it (compiled, `node dist/main.js`, from a
// private build; SERVICE=tsx runs `node --import tsx src/main.ts` as `npm start` does), with
// Slack over HTTP and, unless the configuration says otherwise, Teams on. After it answers
// /healthz it is left alone for SETTLE_SECONDS, then a probe loaded with `--require` runs a full
// GC (the process runs with --expose-gc only for this) and reports process.memoryUsage();
// RSS and its peak come from /proc. Configurations: PostgreSQL with Slack and Teams, PostgreSQL
// with Slack only, and the embedded database (an existing DATA_DIR: created by a first start,
// measured on the second) with Slack and Teams.
// Soak: SOAK_REQUESTS signed Slack requests at SOAK_RATE per second (a mix of `/alumni` commands
// and button presses, from SOAK_USERS people) to the PostgreSQL service; RSS and heapUsed are
// sampled every SAMPLE_EVERY requests, heapUsed after a full GC every tenth of the run. Prints
// the curve and the slope of RSS and of post-GC heapUsed over the second half of the run.
// Settings (environment): ONLY=idle|soak, SETTLE_SECONDS (30), SOAK_REQUESTS (100000),
// SOAK_RATE (300), SOAK_CONCURRENCY (8 requests in flight at most) and SOAK_BACKLOG (16 answered
// requests whose work is not finished yet at most: on a busy machine the rate is
// what the service sustains), SOAK_MAX_SECONDS (420: the soak stops sending then, however far it
// got), SAMPLE_EVERY (1000), SOAK_USERS (200), SERVICE (compiled|tsx), SERVICE_FLAGS (extra node
// flags for the service, e.g. --max-semi-space-size=8, to compare memory and CPU per request),
// REUSE_BUILD=1 (run the build already in .tmp/bench-memory/dist, e.g. one changed by hand).
// Needs the PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres); creates and drops its own databases.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FAKE_TOKEN, FakeSlack } from '../test/support/fake-slack.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { BUILD_DIR, build, createPostgres, probe, procMemory, progress, SERVER, SERVICE, sleep, startService, type Usage } from './memory/service.ts';
import { soak } from './memory/soak.ts';

const ONLY = process.env.ONLY;
const SETTLE_MS = Number(process.env.SETTLE_SECONDS ?? 30) * 1000;

const SLACK_ENV = (fake: FakeSlack) => ({ SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, WORKING_HOURS: 'always' });
/** Development without MICROSOFT_APP_ID: Teams on (unauthenticated, loopback only). Production without it: Teams off. */
const WITH_TEAMS = { NODE_ENV: 'development' };
const WITHOUT_TEAMS = { NODE_ENV: 'production', PRIVACY_HASH_KEY: 'bench-memory-not-a-secret-0123456789abcdef' };

interface IdleRow {
  label: string;
  startMs: number;
  rss: number;
  peak: number;
  usage: Usage;
}

async function idle(label: string, env: Record<string, string>, workDir: string): Promise<IdleRow> {
  const service = await startService(env, workDir, label.replace(/\W+/g, '-'));
  try {
    progress(`${label}: healthy after ${(service.startMs / 1000).toFixed(2)} s; settling ${SETTLE_MS / 1000} s`);
    await sleep(SETTLE_MS);
    const usage = await probe(service);
    await sleep(200);
    const { rss, peak } = procMemory(service.child.pid);
    progress(`${label}: RSS ${rss.toFixed(0)} MB (peak ${peak.toFixed(0)} MB), heapUsed ${usage.heapUsed.toFixed(1)} MB`);
    return { label, startMs: service.startMs, rss, peak, usage };
  } finally {
    await service.stop();
  }
}

async function idleRuns(admin: pg.Client, fake: FakeSlack, workDir: string): Promise<IdleRow[]> {
  const rows: IdleRow[] = [];
  const name = `alumni_bench_memory_${process.pid}`;
  const url = await createPostgres(admin, name);
  try {
    // A first start applies the migrations; the measured ones find nothing to apply, as a restart does.
    const first = await startService({ DATABASE_URL: url, ...SLACK_ENV(fake), ...WITH_TEAMS }, workDir, 'postgres-first');
    progress(`PostgreSQL: first start (new database) healthy after ${(first.startMs / 1000).toFixed(2)} s`);
    await first.stop();
    rows.push(await idle('PostgreSQL, Slack (HTTP) + Teams', { DATABASE_URL: url, ...SLACK_ENV(fake), ...WITH_TEAMS }, workDir));
    rows.push(await idle('PostgreSQL, Slack (HTTP) only', { DATABASE_URL: url, ...SLACK_ENV(fake), ...WITHOUT_TEAMS }, workDir));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-memory-data-'));
  try {
    const env = { DATA_DIR: dataDir, ...SLACK_ENV(fake), ...WITH_TEAMS };
    const first = await startService(env, workDir, 'embedded-first');
    progress(`embedded: first start (new DATA_DIR) healthy after ${(first.startMs / 1000).toFixed(2)} s`);
    await first.stop();
    rows.push(await idle('embedded (existing DATA_DIR), Slack (HTTP) + Teams', env, workDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

function printIdle(rows: IdleRow[]): void {
  const f = (n: number) => n.toFixed(0);
  console.log(`\nIdle after ${SETTLE_MS / 1000} s and a full GC (${SERVICE}):\n`);
  console.log('| configuration | start to healthy | RSS | peak RSS | heapTotal | heapUsed | external | arrayBuffers | optional packages loaded |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${(r.startMs / 1000).toFixed(2)} s | ${f(r.rss)} MB | ${f(r.peak)} MB | ${f(r.usage.heapTotal)} MB | ${r.usage.heapUsed.toFixed(1)} MB | ${r.usage.external.toFixed(1)} MB | ${r.usage.arrayBuffers.toFixed(1)} MB | ${r.usage.loaded.join(', ') || 'none'} |`);
  }
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-memory-'));
  progress(`service ${SERVICE}; files in ${workDir}`);
  if (SERVICE === 'compiled' && process.env.REUSE_BUILD === '1' && existsSync(path.join(BUILD_DIR, 'main.js'))) {
    progress('using the existing build in .tmp/bench-memory/dist (REUSE_BUILD=1)');
  } else if (SERVICE === 'compiled') {
    build();
    progress('compiled src/ to .tmp/bench-memory/dist');
  }
  const fake = await new FakeSlack().start();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const loadBefore = loadavg()[0]!;
  try {
    if (ONLY !== 'soak') printIdle(await idleRuns(admin, fake, workDir));
    if (ONLY !== 'idle') await soak(admin, fake, workDir, (f) => ({ ...SLACK_ENV(f), ...WITH_TEAMS }));
    console.log(`\nLoad average (1 min) at the start ${loadBefore.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)}; Node ${process.version}.`);
  } finally {
    await admin.end();
    await fake.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
