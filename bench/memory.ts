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
// SOAK_RATE (300), SAMPLE_EVERY (1000), SOAK_USERS (200), SERVICE (compiled|tsx).
// Needs the PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres); creates and drops its own databases.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FAKE_TOKEN, FakeSlack } from '../test/support/fake-slack.ts';
import { blockAction, sign, SIGNING_SECRET, slashCommand } from '../test/support/slack-requests.ts';

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, '.tmp/bench-memory/dist');
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ONLY = process.env.ONLY;
const SERVICE = process.env.SERVICE === 'tsx' ? 'tsx' : 'compiled';
const SETTLE_MS = Number(process.env.SETTLE_SECONDS ?? 30) * 1000;
const SOAK_REQUESTS = Number(process.env.SOAK_REQUESTS ?? 100_000);
const SOAK_RATE = Number(process.env.SOAK_RATE ?? 300);
const SAMPLE_EVERY = Number(process.env.SAMPLE_EVERY ?? 1000);
const SOAK_USERS = Number(process.env.SOAK_USERS ?? 200);
const MAX_IN_FLIGHT = 200;
const MB = 1024 * 1024;

/** Loaded into the service with --require: on SIGUSR2, a full GC (when exposed) and one JSON line of memoryUsage. */
const PROBE = `'use strict';
const fs = require('node:fs');
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  setImmediate(() => fs.appendFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify({ gc: typeof global.gc === 'function', ...process.memoryUsage() }) + '\\n'));
});
`;

const began = Date.now();
const progress = (line: string) => process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s load ${loadavg()[0]!.toFixed(1)}] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Usage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface Service {
  child: ChildProcess;
  base: string;
  startMs: number;
  probeFile: string;
  stop(): Promise<void>;
}

function build(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(path.join(BUILD_DIR, 'main.js'))) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0) progress('the build reported type errors (the code was emitted and is used)');
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function procMemory(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function untilHealthy(base: string, child: ChildProcess, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error('the service did not become healthy');
}

let nextPort = 47_300 + (process.pid % 500);

async function startService(env: Record<string, string>, workDir: string, label: string): Promise<Service> {
  const port = nextPort++;
  const probe = path.join(workDir, 'probe.cjs');
  writeFileSync(probe, PROBE);
  const probeFile = path.join(workDir, `${label}.memory.jsonl`);
  writeFileSync(probeFile, '');
  const entry = SERVICE === 'tsx' ? ['--import', 'tsx', 'src/main.ts'] : [path.join(BUILD_DIR, 'main.js')];
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', '--require', probe, ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MEMORY_PROBE_FILE: probeFile, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, child);
  const startMs = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    base,
    startMs,
    probeFile,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A full GC in the service, then its memoryUsage (MB). */
async function probe(service: Service): Promise<Usage> {
  const before = readFileSync(service.probeFile, 'utf8').split('\n').filter(Boolean).length;
  service.child.kill('SIGUSR2');
  for (let i = 0; i < 500; i += 1) {
    const lines = readFileSync(service.probeFile, 'utf8').split('\n').filter(Boolean);
    if (lines.length > before) {
      const raw = JSON.parse(lines.at(-1)!) as Usage;
      return { rss: raw.rss / MB, heapTotal: raw.heapTotal / MB, heapUsed: raw.heapUsed / MB, external: raw.external / MB, arrayBuffers: raw.arrayBuffers / MB };
    }
    await sleep(10);
  }
  throw new Error('the memory probe did not answer');
}

async function createPostgres(admin: pg.Client, name: string): Promise<string> {
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

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
  console.log('| configuration | start to healthy | RSS | peak RSS | heapTotal | heapUsed | external | arrayBuffers |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${(r.startMs / 1000).toFixed(2)} s | ${f(r.rss)} MB | ${f(r.peak)} MB | ${f(r.usage.heapTotal)} MB | ${r.usage.heapUsed.toFixed(1)} MB | ${r.usage.external.toFixed(1)} MB | ${r.usage.arrayBuffers.toFixed(1)} MB |`);
  }
}

/** The soak's requests: commands (help, requests, profile) and button presses on invitations that are not there. */
function soakRequest(fake: FakeSlack, i: number): { body: string } {
  const user = `USOAK${i % SOAK_USERS}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  switch (i % 4) {
    case 0:
      return { body: form(slashCommand(fake.url, user, 'help')) };
    case 1:
      return { body: form({ payload: JSON.stringify(blockAction(fake.url, user, 'invitation_more', randomUUID(), { channel: `D${user}`, ts: `${1_700_000_000 + i}.000100` })) }) };
    case 2:
      return { body: form(slashCommand(fake.url, user, i % 8 === 2 ? 'requests' : 'profile')) };
    default:
      return { body: form({ payload: JSON.stringify(blockAction(fake.url, user, 'invitation_decline', randomUUID(), { channel: `D${user}`, ts: `${1_700_000_000 + i}.000200` })) }) };
  }
}

async function send(base: string, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

interface Sample {
  requests: number;
  seconds: number;
  rss: number;
  heapUsed?: number;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function soak(admin: pg.Client, fake: FakeSlack, workDir: string): Promise<void> {
  const name = `alumni_bench_memory_soak_${process.pid}`;
  const url = await createPostgres(admin, name);
  for (let u = 0; u < SOAK_USERS; u += 1) fake.addUser({ id: `USOAK${u}`, name: `Soak ${u}`, email: `soak${u}@alumni.example`, locale: u % 2 ? 'en-US' : 'nb-NO' });
  const service = await startService({ DATABASE_URL: url, ...SLACK_ENV(fake), ...WITH_TEAMS }, workDir, 'soak');
  try {
    const samples: Sample[] = [];
    const gcPoints: Sample[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let done = 0;
    let inFlight = 0;
    let skipped = 0;
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    const checkpoint = Math.max(SAMPLE_EVERY, Math.round(SOAK_REQUESTS / 10 / SAMPLE_EVERY) * SAMPLE_EVERY);
    const first = await probe(service);
    gcPoints.push({ requests: 0, seconds: 0, rss: procMemory(service.child.pid).rss, heapUsed: first.heapUsed });
    samples.push({ requests: 0, seconds: 0, rss: procMemory(service.child.pid).rss, heapUsed: first.heapUsed });
    progress(`soak: ${SOAK_REQUESTS.toLocaleString('en')} requests at ${SOAK_RATE}/s; RSS ${samples[0]!.rss.toFixed(0)} MB`);
    let nextSample = SAMPLE_EVERY;
    let nextCheckpoint = checkpoint;
    let sampling = Promise.resolve();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(SOAK_REQUESTS, Math.floor(seconds() * SOAK_RATE));
        while (sent < due) {
          if (inFlight >= MAX_IN_FLIGHT) {
            skipped += 1;
            break;
          }
          const { body } = soakRequest(fake, sent);
          sent += 1;
          inFlight += 1;
          send(service.base, body)
            .then((status) => statuses.set(status, (statuses.get(status) ?? 0) + 1), () => statuses.set(0, (statuses.get(0) ?? 0) + 1))
            .finally(() => {
              inFlight -= 1;
              done += 1;
              if (done >= nextSample) {
                nextSample += SAMPLE_EVERY;
                const at: Sample = { requests: done, seconds: seconds(), rss: procMemory(service.child.pid).rss };
                samples.push(at);
                if (done >= nextCheckpoint) {
                  nextCheckpoint += checkpoint;
                  sampling = sampling.then(async () => {
                    at.heapUsed = (await probe(service)).heapUsed;
                    gcPoints.push(at);
                    progress(`soak: ${done.toLocaleString('en')} answered, ${(done / seconds()).toFixed(0)}/s, RSS ${at.rss.toFixed(0)} MB, heapUsed after GC ${at.heapUsed.toFixed(1)} MB`);
                  });
                }
              }
              if (done === SOAK_REQUESTS) resolve();
            });
        }
        fake.calls.length = 0;
        fake.responses.length = 0;
        if (sent < SOAK_REQUESTS) setTimeout(tick, 5);
      };
      tick();
    });
    await sampling;
    const total = seconds();
    await sleep(2000);
    const end = await probe(service);
    const { rss, peak } = procMemory(service.child.pid);
    gcPoints.push({ requests: SOAK_REQUESTS, seconds: seconds(), rss, heapUsed: end.heapUsed });
    console.log(`\nSoak: ${SOAK_REQUESTS.toLocaleString('en')} requests in ${total.toFixed(0)} s (${(SOAK_REQUESTS / total).toFixed(0)}/s asked ${SOAK_RATE}/s; sender at its in-flight limit ${skipped} times); answers: ${[...statuses.entries()].map(([s, n]) => `${n} × ${s || 'error'}`).join(', ')}\n`);
    console.log('| requests answered | seconds | RSS | heapUsed after full GC |');
    console.log('|---|---|---|---|');
    for (const point of gcPoints) console.log(`| ${point.requests.toLocaleString('en')} | ${point.seconds.toFixed(0)} | ${point.rss.toFixed(0)} MB | ${point.heapUsed!.toFixed(1)} MB |`);
    const half = SOAK_REQUESTS / 2;
    const rssSlope = slope(samples.filter((s) => s.requests >= half).map((s) => ({ x: s.requests, y: s.rss }))) * 10_000;
    const heapSlope = slope(gcPoints.filter((s) => s.requests >= half).map((s) => ({ x: s.requests, y: s.heapUsed! }))) * 10_000;
    console.log(`\nSlope over the second half: RSS ${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(2)} MB per 10,000 requests (${samples.length} samples), heapUsed after GC ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB per 10,000 requests; peak RSS ${peak.toFixed(0)} MB; RSS at the end ${rss.toFixed(0)} MB.`);
    writeFileSync(path.join(workDir, 'soak-samples.json'), JSON.stringify(samples));
  } finally {
    await service.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-memory-'));
  progress(`service ${SERVICE}; files in ${workDir}`);
  if (SERVICE === 'compiled') {
    build();
    progress('compiled src/ to .tmp/bench-memory/dist');
  }
  const fake = await new FakeSlack().start();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const loadBefore = loadavg()[0]!;
  try {
    if (ONLY !== 'soak') printIdle(await idleRuns(admin, fake, workDir));
    if (ONLY !== 'idle') await soak(admin, fake, workDir);
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
