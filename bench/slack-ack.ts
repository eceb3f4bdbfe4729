// npm run bench:slack-ack — how fast the bot acknowledges Slack, next to a bare Bolt app.
// Our service runs as its own process, started as production starts it (compiled,
// `node dist/main.js`, from a private build; SERVICE=tsx runs `node --import tsx src/main.ts`
// as `npm start` does), on a fresh database with PROFILES seeded alumni; a bare Bolt app whose
// listeners only ack() runs in another process, and the local fake Slack in a third. This
// process only sends: pre-signed requests at a fixed rate over keep-alive connections, and
// measures the time to each HTTP answer (Slack's 3-second clock). Each app is measured alone,
// in alternating rounds (ours, bare, ours, bare, …; each round starts when the previous app has
// gone idle), and each table row is the median round. Kinds: `/alumni help` commands, button
// presses on real invitations, and request-form submissions (matching over the alumni and
// writing before the answer). Both databases: PostgreSQL and the embedded one (DATA_DIR).
// Settings (environment): RATES, SECONDS, ROUNDS, KINDS, DATABASES, PROFILES, MODAL_RATE,
// SERVICE, LOG_LEVEL, KEEP_LOGS=1, CPU_PROFILE=<dir>, QUICK=1 (a smoke run). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAKE_TOKEN } from '../test/support/fake-slack.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';
import { createDatabase, seed } from './slack-ack/databases.ts';
import { readOptions, type Options } from './slack-ack/options.ts';
import { cpuMsOf, loadAverage, memoryOf, ROOT, startPrintingPort, startService, type Child } from './slack-ack/processes.ts';
import { databaseTable, modalTable, roundLine, type Cell, type Database, type Round } from './slack-ack/report.ts';
import { buildRequests, setupInvitations, STAFF_EMAILS, type Kind, type World } from './slack-ack/scenario.ts';
import { runRound } from './slack-ack/sender.ts';

const BUILD_DIR = path.join(ROOT, '.tmp/bench-ack/dist');
const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s`;
const progress = (line: string) => process.stderr.write(`[${elapsed()} load ${loadAverage().toFixed(1)}] ${line}\n`);

/** The newest modification time of any file under `dir` (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Compiles src/ to a private folder (as `npm run build` does for dist/), so a build by someone
 * else is not disturbed; a build newer than every file in src/ is used again.
 */
function build(): void {
  const stamp = path.join(BUILD_DIR, '.built');
  if (existsSync(stamp) && statSync(stamp).mtimeMs > newest(path.join(ROOT, 'src'))) {
    progress('using the build in .tmp/bench-ack/dist (newer than src/)');
    return;
  }
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const started = new Date();
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(path.join(BUILD_DIR, 'main.js'))) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0) progress(`the build reported type errors (the code was emitted and is used):\n${result.stdout.split('\n').slice(0, 5).join('\n')}`);
  // Stamped with the start of the build: a file changed while it compiled makes the next run build again.
  writeFileSync(stamp, started.toISOString());
  utimesSync(stamp, started, started);
  progress('compiled src/ to .tmp/bench-ack/dist');
}

/** Waits until the process uses under 10 % of a core over a quarter second (its work after the answers is done), at most `maxMs`. */
async function untilIdle(pid: number | undefined, maxMs = 3_000): Promise<void> {
  const until = Date.now() + maxMs;
  let before = cpuMsOf(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuMsOf(pid);
    if (now - before < 25) return;
    before = now;
  }
}

async function measuredRound(app: Child, requests: ReturnType<typeof buildRequests>, rate: number, seconds: number): Promise<Round> {
  const cpuBefore = cpuMsOf(app.process.pid);
  const result = await runRound(app.base, requests, rate, seconds);
  await untilIdle(app.process.pid);
  return { ...result, cpuPerRequest: (cpuMsOf(app.process.pid) - cpuBefore) / result.sent };
}

interface Apps {
  ours: Child;
  bare: Child;
  slack: Child;
}

async function measure(options: Options, apps: Apps, world: World, database: Database, kind: Kind, rate: number, warm: boolean): Promise<Cell> {
  const count = Math.max(1, Math.round(rate * options.seconds));
  if (warm) {
    const warmCount = Math.max(1, Math.round(rate * options.warmupSeconds));
    for (const app of [apps.ours, apps.bare]) {
      await runRound(app.base, buildRequests(kind, world, warmCount), rate, options.warmupSeconds);
      await untilIdle(app.process.pid);
    }
  }
  const cell: Cell = { database, kind, rate, ours: [], bare: [] };
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const [name, app] of [['ours', apps.ours], ['bare', apps.bare]] as const) {
      const result = await measuredRound(app, buildRequests(kind, world, count), rate, options.seconds);
      cell[name].push(result);
      progress(roundLine(`${database} ${kind} ${rate}/s round ${round} ${name}`, result));
      // What our service did at Slack after its answers (a check that the work was real), then forget it.
      if (name === 'ours') progress(`  at Slack: ${await (await fetch(`${apps.slack.base}/bench/stats`)).text()}`);
      await fetch(`${apps.slack.base}/bench/reset`, { method: 'POST' });
    }
  }
  return cell;
}

function serviceEnv(options: Options, database: Record<string, string>, slackBase: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel,
    ...database,
    SLACK_BOT_TOKEN: FAKE_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${slackBase}/api/`,
    ADMIN_EMAILS: STAFF_EMAILS,
    // Invitations go out whatever the hour the bench runs; the fake Slack is local, so the bot may post faster than the default 20/s.
    WORKING_HOURS: 'always',
    SLACK_WORKSPACE_RATE: '100',
    PRIVACY_HASH_KEY: 'bench-slack-ack-not-a-secret-0123456789',
    // As the Docker image runs it: the work yields the CPU to the HTTP front's answers.
    WORK_NICE: '10',
    // Settings to compare, e.g. SERVICE_ENV='{"HTTP_FRONT":"off"}'.
    ...(process.env.SERVICE_ENV ? (JSON.parse(process.env.SERVICE_ENV) as Record<string, string>) : {}),
  };
}

async function runDatabase(options: Options, kind: Database, shared: Omit<Apps, 'ours'>, workDir: string, cells: Cell[], notes: string[]): Promise<void> {
  const database = await createDatabase(kind);
  await fetch(`${shared.slack.base}/bench/reset?all`, { method: 'POST' });
  try {
    progress(`${kind}: units and programmes by the CLI, ${options.profiles.toLocaleString('en')} alumni by SQL`);
    const seeded = await seed(database, options.profiles);
    progress(`${kind}: seeded in ${seeded.seconds.toFixed(1)} s`);
    // CPU_PROFILE=<dir>: our service writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    const profile = process.env.CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.CPU_PROFILE)}`] : [];
    const args = [...profile, ...(options.service === 'compiled' ? [path.join(BUILD_DIR, 'main.js')] : ['--import', 'tsx', 'src/main.ts'])];
    const startedAt = Date.now();
    const ours = await startService(args, serviceEnv(options, database.env, shared.slack.base), path.join(workDir, `service-${kind}.log`));
    progress(`${kind}: service healthy after ${((Date.now() - startedAt) / 1000).toFixed(1)} s (RSS ${memoryOf(ours.process.pid).rss.toFixed(0)} MB)`);
    try {
      const apps = { ...shared, ours };
      const base = { slackUrl: shared.slack.base, programmes: seeded.programmes };
      const invitations = await setupInvitations(ours.base, base, options.setupRequests);
      const world: World = { ...base, invitations, users: [...new Set(invitations.map((invitation) => invitation.user))] };
      progress(`${kind}: ${invitations.length} invitations delivered to ${world.users.length} alumni`);
      for (const what of options.kinds.filter((k) => k !== 'modal')) {
        for (const [index, rate] of options.rates.entries()) cells.push(await measure(options, apps, world, kind, what, rate, index === 0));
      }
      if (options.kinds.includes('modal')) cells.push(await measure(options, apps, world, kind, 'modal', options.modalRate, true));
      const memory = memoryOf(ours.process.pid);
      notes.push(`${kind}: our service's RSS at the end ${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB); seeding took ${seeded.seconds.toFixed(0)} s.`);
    } finally {
      await ours.stop();
    }
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const workDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-ack-run-'));
  progress(`settings: ${JSON.stringify(options)}; logs in ${workDir}`);
  const loadBefore = loadAverage();
  if (options.service === 'compiled') build();
  const childEnv = { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const slack = await startPrintingPort(['--import', 'tsx', 'bench/slack-ack/fake-slack-server.ts'], childEnv, path.join(workDir, 'fake-slack.log'));
  const cells: Cell[] = [];
  const notes: string[] = [];
  try {
    const bare = await startPrintingPort(['--import', 'tsx', 'bench/slack-ack/bare-bolt.ts'], childEnv, path.join(workDir, 'bare.log'));
    try {
      for (const kind of options.databases) await runDatabase(options, kind, { slack, bare }, workDir, cells, notes);
    } finally {
      notes.push(`bare Bolt app's RSS at the end ${memoryOf(bare.process.pid).rss.toFixed(0)} MB.`);
      await bare.stop();
    }
  } finally {
    await slack.stop();
  }
  const kinds = options.kinds.filter((kind) => kind !== 'modal');
  console.log(`\nbench:slack-ack ${new Date().toISOString()}: ${options.rounds} rounds of ${options.seconds} s per app and row, median round; our service ${options.service === 'compiled' ? 'compiled (node dist/main.js)' : 'under tsx (npm start)'}, LOG_LEVEL=${options.logLevel}; ${options.profiles.toLocaleString('en')} alumni; load average ${loadBefore.toFixed(1)} at the start, ${loadAverage().toFixed(1)} at the end; ${((Date.now() - began) / 1000).toFixed(0)} s in all.\n`);
  if (kinds.length > 0) for (const database of options.databases) console.log(`${databaseTable(database, cells)}\n`);
  if (options.kinds.includes('modal')) console.log(`${modalTable(cells, options.profiles)}\n`);
  console.log(notes.join('\n'));
  if (process.env.KEEP_LOGS === '1') progress(`logs kept in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
