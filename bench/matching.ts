// npm run bench:matching — top-20 matching on 100,000 synthetic alumni on PostgreSQL.
// Seeds a fresh database in a child process (set-based SQL, bench/support/alumni-seed.ts: Zipf-
// distributed tags, realistic mixes of programmes, consent, pauses, and earlier asks), then times,
// in another child process, the real matching path (the SQL pre-filter in
// PrismaCandidateRepository + the domain scorer) for a set of requests. Prints p50/p95 and the
// peak RSS of the timing process. Then, on a database of
// its own, the fairness figure: how 50 requests' asks spread over 2,000 equally good alumni
// (Gini coefficient of asks per person). Needs the PostgreSQL server (BENCH_DATABASE_URL or
// TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres); drops its database
// (KEEP_DATABASE=1 keeps the seeded one; MATCHING_DATABASE=<name> times against it without seeding).
// MEMORY_STAGES=1 prints the timing process' memory (and V8's young and old generation) after
// opening, the warm-up and the rounds; ALLOC_PROFILE=<file> writes a sampling profile of what the
// timed rounds allocate (garbage included; open it in Chrome DevTools' Memory tab) and prints the
// total (the profiler's own memory then raises the peak RSS).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import pg from 'pg';
import { findMatches, inviteCandidates } from '../src/app/invite-candidates.ts';
import { openDatabase } from '../src/db/database.ts';
import { createRepositories, PrismaStore } from '../src/db/store.ts';
import { REQUEST_TYPES, type RequestType } from '../src/domain/vocabulary.ts';
import { createLogger } from '../src/logger.ts';
import type { AppContext, RequestRecord } from '../src/ports.ts';

const PROFILES = Number(process.env.PROFILES ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** `timing` or `fairness` runs only that part; unset runs both. */
const ONLY = process.env.ONLY;
const FAIR_PEOPLE = Number(process.env.FAIR_PEOPLE ?? 2000);
const FAIR_REQUESTS = Number(process.env.FAIR_REQUESTS ?? 50);
const FAIR_NEEDED = Number(process.env.FAIR_NEEDED ?? 14);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261128);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const TAGS = Array.from({ length: 300 }, (_, i) => `topic ${i}`);
/** Zipf-like: a few tags are very common, most are rare. */
const zipfTag = () => TAGS[Math.min(TAGS.length - 1, Math.floor(Math.pow(random(), 2.2) * TAGS.length))]!;
const sample = <T>(count: number, draw: () => T) => [...new Set(Array.from({ length: count }, draw))];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
sampler.unref();

async function insertBatched(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]) {
  for (let start = 0; start < rows.length; start += 2000) {
    const batch = rows.slice(start, start + 2000);
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(',')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, values);
  }
}

/**
 * Child process: migrate; units, programmes, alumni and earlier asks by set-based SQL
 * (bench/support/alumni-seed.ts, loaded here only, so the timing process never loads it); then
 * the requests to time, through the real repository.
 */
async function seedDatabase(url: string) {
  const seedStarted = performance.now();
  const { seedAlumni } = await import('./support/alumni-seed.ts');
  const seeded = await seedAlumni({ DATABASE_URL: url }, PROFILES, {
    catalog: { units: 8, programmes: 40 },
    shape: 'matching',
    pastAsks: { requests: 1000, invitations: 20_000 },
  });
  const database = await openDatabase({ kind: 'postgres', url }, createLogger('warn'), { migrate: false });
  try {
    const repos = createRepositories(database.prisma);
    for (let i = 0; i < REQUESTS; i += 1) {
      const programme = pick(seeded.programmes);
      await repos.requests.create({
        title: `Bench ${i}`, type: pick(REQUEST_TYPES) as RequestType, description: 'x', unitId: programme.unitId, programmeId: programme.id, course: null,
        expertise: sample(1 + Math.floor(random() * 3), zipfTag), startsAt: new Date(Date.now() + 30 * 86_400_000), endsAt: null, format: 'either', language: 'nb',
        needed: 1 + Math.floor(random() * 5), replyBy: new Date(Date.now() + 20 * 86_400_000), reviewShortlist: false, oversample: 3, ownerId: seeded.staffId!, channel: null,
      });
    }
    await database.prisma.$executeRawUnsafe('VACUUM ANALYZE requests');
    console.log(`seeded ${PROFILES.toLocaleString('en')} profiles in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/**
 * V8's sampling heap profiler, keeping the samples of objects already collected: what the code
 * allocates, not only what stays. stop() writes the profile and answers the bytes sampled.
 */
async function startAllocationProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  const options = { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  await session.post('HeapProfiler.startSampling', options as { samplingInterval: number });
  interface Node { selfSize: number; children: Node[] }
  const total = (node: Node): number => node.children.reduce((sum, child) => sum + total(child), node.selfSize);
  return {
    async stop(file: string): Promise<number> {
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return total(profile.head);
    },
  };
}

/** Child process: only matches, so its peak RSS is the matching path's (Prisma client included). */
async function timeMatching(url: string) {
  const database = await openDatabase({ kind: 'postgres', url }, createLogger('warn'), { migrate: false });
  try {
    const repos = createRepositories(database.prisma);
    const ctx: AppContext = { store: { transaction: (work) => work(repos) }, clock: { now: () => new Date() }, settings: { timeZone: 'Europe/Oslo', defaultLocale: 'nb', oversample: 3, waveReplyHours: 72, adminEmails: [] } };
    const ids = await database.prisma.request.findMany({ where: { title: { startsWith: 'Bench ' } }, select: { id: true }, orderBy: { title: 'asc' } });
    const requests = (await Promise.all(ids.map(({ id }) => repos.requests.findById(id)))) as RequestRecord[];
    const stages: string[] = [];
    const stage = (label: string) => {
      const usage = process.memoryUsage();
      const space = (name: string) => v8.getHeapSpaceStatistics().find((entry) => entry.space_name === name);
      const young = space('new_space');
      const old = space('old_space');
      stages.push(`${label}: RSS ${mb(usage.rss)}, V8 heap ${mb(usage.heapTotal)} (young ${mb(young?.space_size ?? 0)}, old ${mb(old?.space_size ?? 0)} of which ${mb(old?.space_used_size ?? 0)} used), external ${mb(usage.external)}`);
    };
    stage('opened');
    for (const request of requests) await findMatches(ctx, repos, request, 20); // warm-up
    stage('after the warm-up round');
    const profiler = process.env.ALLOC_PROFILE ? await startAllocationProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const timings: number[] = [];
    let found = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const request of requests) {
        const started = performance.now();
        const matches = await findMatches(ctx, repos, request, 20);
        timings.push(performance.now() - started);
        found += matches.length;
      }
    }
    const cpu = process.cpuUsage(cpuBefore);
    stage('after the timed rounds');
    if (profiler) {
      const allocated = await profiler.stop(process.env.ALLOC_PROFILE!);
      stages.push(`allocated in the timed rounds: ${mb(allocated)} (${(allocated / timings.length / 1024).toFixed(0)} kB per findMatches; sampled)`);
    }
    stages.push(`CPU of this process in the timed rounds: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (${((cpu.user + cpu.system) / 1000 / timings.length).toFixed(1)} ms per findMatches)`);
    if (process.env.MEMORY_STAGES) console.log(stages.join('\n'));
    timings.sort((a, b) => a - b);
    const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
    const rss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
    console.log('| profiles | requests × rounds | p50 | p95 | max | mean matches | peak RSS |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(`| ${PROFILES.toLocaleString('en')} | ${requests.length} × ${ROUNDS} | ${at(0.5)} ms | ${at(0.95)} ms | ${timings.at(-1)!.toFixed(1)} ms | ${(found / timings.length).toFixed(1)} | ${rss.toFixed(0)} MB |`);
  } finally {
    await database.close();
  }
}

/** Gini coefficient of the values (0 = all equal, towards 1 = all on one). */
function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (sorted.length === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return (2 * weighted) / (sorted.length * total) - (sorted.length + 1) / sorted.length;
}

/**
 * Fairness on its own database: FAIR_PEOPLE equally good alumni (same tag, programme, language,
 * consent) and FAIR_REQUESTS requests that each ask FAIR_NEEDED × 3 of them through the real
 * inviteCandidates. Prints the spread of asks per person and its Gini coefficient.
 */
async function fairness(url: string) {
  const database = await openDatabase({ kind: 'postgres', url }, createLogger('warn'));
  try {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    const unit = randomUUID();
    const programme = randomUUID();
    const owner = randomUUID();
    await client.query(`INSERT INTO units (id, code, name_nb, name_en, kind, updated_at) VALUES ($1, 'FU', 'FU', 'FU', 'department', now())`, [unit]);
    await client.query(`INSERT INTO programmes (id, code, name_nb, name_en, unit_id, updated_at) VALUES ($1, 'FP', 'FP', 'FP', $2, now())`, [programme, unit]);
    await client.query(`INSERT INTO people (id, display_name, roles, updated_at) VALUES ($1, 'Staff', '{staff}', now())`, [owner]);
    const ids = Array.from({ length: FAIR_PEOPLE }, () => randomUUID());
    await insertBatched(client, 'people', ['id', 'display_name', 'roles', 'updated_at'], ids.map((id, i) => [id, `Fair ${i}`, '{alumnus}', new Date()]));
    await insertBatched(client, 'consents', ['id', 'person_id', 'given_at', 'text_version', 'purposes', 'source'], ids.map((id) => [randomUUID(), id, new Date(Date.now() - 86_400_000), 'v1', '{guest_lecture}', 'csv_import']));
    // consented_types and programme_ids are derived by the database; written here too so the same run works on older schemas.
    await insertBatched(client, 'alumnus_profiles', ['person_id', 'expertise', 'engagement_types', 'consented_types', 'programme_ids', 'languages', 'max_asks_per_term', 'updated_at'], ids.map((id) => [id, '{"public policy"}', '{guest_lecture}', '{guest_lecture}', `{${programme}}`, '{nb}', 3, new Date()]));
    await insertBatched(client, 'alumnus_programmes', ['id', 'profile_id', 'programme_id', 'graduation_year'], ids.map((id) => [randomUUID(), id, programme, 2016]));
    await insertBatched(client, 'platform_identities', ['id', 'person_id', 'platform', 'workspace_id', 'user_id', 'updated_at'], ids.map((id, i) => [randomUUID(), id, 'slack', 'T1', `UF${i}`, new Date()]));
    client.release();
    await pool.end();
    const ctx: AppContext = { store: new PrismaStore(database.prisma), clock: { now: () => new Date() }, settings: { timeZone: 'Europe/Oslo', defaultLocale: 'nb', oversample: 3, waveReplyHours: 72, adminEmails: [] } };
    for (let i = 0; i < FAIR_REQUESTS; i += 1) {
      await ctx.store.transaction(async (repos) => {
        const created = await repos.requests.create({
          title: `Fair ${i}`, type: 'guest_lecture', description: 'x', unitId: unit, programmeId: programme, course: null, expertise: ['public policy'],
          startsAt: new Date(Date.now() + 30 * 86_400_000), endsAt: null, format: 'either', language: 'nb', needed: FAIR_NEEDED,
          replyBy: new Date(Date.now() + 20 * 86_400_000), reviewShortlist: false, oversample: 3, ownerId: owner, channel: null,
        });
        await inviteCandidates(ctx, repos, await repos.requests.update(created.id, { state: 'open', openedAt: new Date() }));
      });
    }
    const rows = await database.prisma.$queryRaw<{ asks: bigint }[]>`
      SELECT count(i.id) AS asks FROM alumnus_profiles ap LEFT JOIN invitations i ON i.person_id = ap.person_id GROUP BY ap.person_id`;
    const asks = rows.map((row) => Number(row.asks));
    const histogram = new Map<number, number>();
    for (const n of asks) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    const spread = [...histogram.entries()].sort((a, b) => a[0] - b[0]).map(([n, people]) => `${people} × ${n}`).join(', ');
    console.log('');
    console.log('| equally good alumni | requests × asks | asks in all | asked per person (people × asks) | Gini |');
    console.log('|---|---|---|---|---|');
    console.log(`| ${FAIR_PEOPLE.toLocaleString('en')} | ${FAIR_REQUESTS} × ${FAIR_NEEDED * 3} | ${asks.reduce((a, b) => a + b, 0).toLocaleString('en')} | ${spread} | ${gini(asks).toFixed(3)} |`);
  } finally {
    await database.close();
  }
}

/** Runs this file in a child process (same Node flags), waits for it; answers its exit code. */
function child(mode: '--seed' | '--time', url: URL): number | null {
  return spawnSync(process.execPath, [...process.execArgv, __filename, mode, url.toString()], { stdio: 'inherit', env: process.env }).status;
}

async function main() {
  if (process.argv[2] === '--seed') return seedDatabase(process.argv[3]!);
  if (process.argv[2] === '--time') return timeMatching(process.argv[3]!);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  // MATCHING_DATABASE: time against a database seeded by an earlier run (kept with KEEP_DATABASE=1).
  const reuse = process.env.MATCHING_DATABASE;
  const keep = reuse !== undefined || process.env.KEEP_DATABASE === '1';
  const name = reuse ?? `alumni_bench_${process.pid}`;
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const fairUrl = new URL(SERVER);
  fairUrl.pathname = `/${name}_fair`;
  try {
    if (ONLY !== 'fairness') {
      if (!reuse) {
        await admin.query(`CREATE DATABASE "${name}"`);
        if (child('--seed', url) !== 0) throw new Error('seeding failed');
      }
      // A process of its own, so the peak is the matching path's alone (not this process's wait
      // for the seeding, which also changes how far V8 lets the old generation grow).
      if (child('--time', url) !== 0) throw new Error('timing failed');
    }
    if (ONLY !== 'timing') {
      await admin.query(`CREATE DATABASE "${name}_fair"`);
      await fairness(fairUrl.toString());
    }
  } finally {
    clearInterval(sampler);
    if (keep) console.log(`kept the timing database: MATCHING_DATABASE=${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${name}_fair" WITH (FORCE)`);
    await admin.end();
  }
}

void main();
