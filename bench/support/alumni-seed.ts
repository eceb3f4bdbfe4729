// Fills a fresh database for the Slack benches: the example units and programmes the way an
// admin does (the real CLI, `npm run cli -- import-units / import-programmes`), then `count`
// synthetic alumni written by set-based SQL inside the database (generate_series), because the
// CLI import of 100,000 alumni takes over 20 minutes on the embedded database on a busy 2-core
// machine. The alumni are deterministic (derived from their number n, 1-based):
// - person `alumnus<n>@example.org`, Slack user `UB<n>` in workspace T1 (so every alumnus can be
//   reached on Slack), e-mail verified;
// - 90 % consented (current consent text) to guest lectures and two more kinds of work;
// - 2–8 expertise tags `topic <k>` from a 300-tag vocabulary with a Zipf-like skew (topic 0 is
//   the most common), 1–2 of the imported programmes, 5 % pausing, 30 % also English;
// - the matching columns (consented kinds, programme ids) written as the database's triggers
//   derive them, with the triggers off for the bulk insert; checked afterwards on every profile
//   against that derivation, and on a 2 % sample against the triggers' own function.
// (These default draws share one multiplicative hash with offsets, so they are correlated: every
// pausing alumnus is one of the 10 % without consent. Kept as they are, so bench:slack-ack's data
// stays what its recorded figures ran on; `shape: 'matching'` draws independently.)
// Then VACUUM ANALYZE, as autovacuum leaves a database in steady state. The database is named
// only by DATABASE_URL or DATA_DIR, so this works on either, whatever the code does with them.
// Run it in a child process (the embedded database serves one process at a time).
//
// Options (bench:matching uses them; bench:slack-ack takes the defaults above):
// - `catalog`: synthetic units and programmes (`P<k>` in unit `U<k mod units>`) written by SQL
//   instead of the example catalog, the database migrated first;
// - `shape: 'matching'`: every draw from its own hash of n (hashtextextended), so draws are
//   independent of each other (the default draws are one multiplicative hash with offsets);
//   2–6 welcomed kinds out of all kinds (consented to all of them when consenting), 2–8 tags,
//   1–2 programmes picked uniformly;
// - `pastAsks`: a staff person, closed past requests and declined invitations spread over them
//   (asked this term, so the fairness and per-term cap counts have rows to read).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memoryIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { CONSENT_TEXT_VERSION, REQUEST_TYPES } from '../../src/domain/vocabulary.ts';
import { createLogger } from '../../src/logger.ts';

const ROOT = path.resolve(__dirname, '../..');

async function cli(env: NodeJS.ProcessEnv, argv: string[], files: Record<string, string>): Promise<string> {
  const io = memoryIo(files);
  const code = await runCli(argv, io, env);
  if (code !== 0) throw new Error(`cli ${argv.join(' ')} exited ${code}: ${io.stderr.slice(-5).join('\n')}`);
  return io.stdout.join('\n');
}

/** The Slack user id of seeded alumnus n. */
export const slackIdOf = (n: number) => `UB${n}`;

export interface Seeded {
  alumni: number;
  seconds: number;
  /** The imported programmes with their unit (what the request form offers). */
  programmes: { id: string; unitId: string }[];
  /** With `pastAsks`: the staff person who owns the past requests. */
  staffId?: string;
}

/** How the alumni are drawn: `slack` (the default, see the header) or `matching`. */
export type AlumniShape = 'slack' | 'matching';

export interface SeedOptions {
  /** Synthetic units and programmes instead of the example catalog (imported by the CLI). */
  catalog?: { units: number; programmes: number };
  shape?: AlumniShape;
  /** Closed past requests and declined invitations spread over them, asked this term. */
  pastAsks?: { requests: number; invitations: number };
}

/** A v4-shaped uuid derived from a text (deterministic ids, so statements can refer to the same person). */
const idOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
/** A pseudo-random number in [0, 1) from n and a salt (Knuth's multiplicative hash). */
const rnd = (salt: number) => `(((n::bigint * 2654435761 + ${salt * 40503}) % 1000003) / 1000003.0::float8)`;
/** A pseudo-random number in [0, 1) from a key and a salt, independent across salts (52 bits of a 64-bit hash). */
const hashed = (key: string, salt: number) => `((hashtextextended((${key})::text, ${salt}) & 4503599627370495)::float8 / 4503599627370496.0)`;

/** The SQL expressions that draw each alumnus's attributes (n is the alumnus's number). */
interface Draws {
  consented: string;
  english: string;
  paused: string;
  hasSecond: string;
  first: string;
  second: string;
  /** Welcomed kinds, and the consent's purposes when consenting (one array, in one order). */
  kinds: string;
  /** How many tags are drawn (repeats fold), and the draw number k's tag index (0 = the most common). */
  tagDraws: string;
  tagIndex: string;
}

function drawsOf(shape: AlumniShape): Draws {
  const types = `ARRAY[${REQUEST_TYPES.map((type) => `'${type}'`).join(',')}]::"RequestType"[]`;
  const programme = (i: string) => `p.ids[1 + ${i}]`;
  if (shape === 'matching') {
    const kind = `(${types})[1 + floor(${hashed(`n || ':' || k`, 11)} * ${REQUEST_TYPES.length})::int]`;
    const first = `floor(${hashed('n', 5)} * cardinality(p.ids))::int`;
    const second = `floor(${hashed('n', 6)} * cardinality(p.ids))::int`;
    return {
      consented: `${hashed('n', 1)} < 0.9`,
      english: `${hashed('n', 2)} < 0.3`,
      paused: `${hashed('n', 3)} < 0.05`,
      hasSecond: `(${hashed('n', 4)} < 0.3 AND ${first} <> ${second})`,
      first: programme(first),
      second: programme(second),
      kinds: `ARRAY(SELECT DISTINCT ${kind} AS kind FROM generate_series(1, 2 + floor(${hashed('n', 12)} * 5)::int) AS k ORDER BY kind)`,
      tagDraws: `2 + floor(${hashed('n', 13)} * 7)::int`,
      tagIndex: `floor(power(${hashed(`n || ':' || k`, 14)}, 2.2) * 300)::int`,
    };
  }
  return {
    consented: `${rnd(1)} < 0.9`,
    english: `${rnd(2)} < 0.3`,
    paused: `${rnd(3)} < 0.05`,
    hasSecond: `(${rnd(4)} < 0.3 AND (2 * n + 1) % cardinality(p.ids) <> n % cardinality(p.ids))`,
    first: programme('n % cardinality(p.ids)'),
    second: programme('(2 * n + 1) % cardinality(p.ids)'),
    // guest_lecture and two other kinds (indexes 2–11 of the vocabulary, the second offset by 1–9 so it differs).
    kinds: `ARRAY['guest_lecture'::"RequestType", (${types})[2 + (n * 7) % ${REQUEST_TYPES.length - 1}], (${types})[2 + (n * 7 + 1 + n % ${REQUEST_TYPES.length - 2}) % ${REQUEST_TYPES.length - 1}]]`,
    tagDraws: '2 + n % 7',
    tagIndex: 'floor(power(((n::bigint * 2654435761 + k * 97531) % 1000003) / 1000003.0::float8, 2.2) * 300)::int',
  };
}

export function alumniSql(count: number, shape: AlumniShape = 'slack'): string[] {
  const person = idOf(`'bench-alumnus-' || n`);
  const series = `generate_series(1, ${count}) AS n`;
  const { consented, english, paused, hasSecond, first, second, kinds, tagDraws, tagIndex } = drawsOf(shape);
  // 2–8 draws per alumnus from a Zipf-like skew (repeats fold, so some have fewer), aggregated set-wise.
  const tags = `SELECT n, array_agg(tag ORDER BY tag) AS tags FROM (
      SELECT DISTINCT n, 'topic ' || ${tagIndex} AS tag
      FROM ${series} CROSS JOIN LATERAL generate_series(1, ${tagDraws}) AS k) AS drawn GROUP BY n`;
  const programmes = '(SELECT array_agg(id ORDER BY code) AS ids FROM programmes) AS p';
  return [
    // The matching columns are written here as the triggers would derive them; the triggers
    // (and foreign-key checks) are skipped for this transaction, so 100,000 rows take seconds.
    'SET LOCAL session_replication_role = replica',
    'SET LOCAL jit = off',
    `INSERT INTO people (id, display_name, email, email_verified, roles, updated_at)
     SELECT ${person}, 'Alumnus ' || n, 'alumnus' || n || '@example.org', true, '{alumnus}', now() FROM ${series}`,
    `INSERT INTO consents (id, person_id, given_at, text_version, purposes, source)
     SELECT ${idOf(`'bench-consent-' || n`)}, ${person}, now() - interval '30 days', '${CONSENT_TEXT_VERSION}', ${kinds}, 'csv_import'
     FROM ${series} WHERE ${consented}`,
    `WITH t AS (${tags})
     INSERT INTO alumnus_profiles (person_id, expertise, languages, engagement_types, consented_types, programme_ids, paused_until, updated_at)
     SELECT ${person}, t.tags, CASE WHEN ${english} THEN '{nb,en}'::text[] ELSE '{nb}'::text[] END, ${kinds},
            CASE WHEN ${consented} THEN ${kinds} ELSE '{}' END,
            CASE WHEN NOT ${hasSecond} THEN ARRAY[${first}] WHEN ${first} < ${second} THEN ARRAY[${first}, ${second}] ELSE ARRAY[${second}, ${first}] END,
            CASE WHEN ${paused} THEN now() + interval '60 days' END, now()
     FROM t, ${programmes}`,
    `INSERT INTO alumnus_programmes (id, profile_id, programme_id, graduation_year)
     SELECT ${idOf(`'bench-study-' || n`)}, ${person}, ${first}, 1980 + n % 45 FROM ${series}, ${programmes}
     UNION ALL
     SELECT ${idOf(`'bench-study2-' || n`)}, ${person}, ${second}, 1985 + n % 40 FROM ${series}, ${programmes} WHERE ${hasSecond}`,
    `INSERT INTO platform_identities (id, person_id, platform, workspace_id, user_id, email, updated_at)
     SELECT ${idOf(`'bench-slack-' || n`)}, ${person}, 'slack', 'T1', 'UB' || n, 'alumnus' || n || '@example.org', now() FROM ${series}`,
    'SET LOCAL session_replication_role = origin',
  ];
}

/** Units `U<k>` and programmes `P<k>` (programme k in unit k mod `units`). */
function catalogSql({ units, programmes }: { units: number; programmes: number }): string[] {
  return [
    `INSERT INTO units (id, code, name_nb, name_en, kind, updated_at)
     SELECT ${idOf(`'bench-unit-' || k`)}, 'U' || k, 'Enhet U' || k, 'Unit U' || k, 'department', now() FROM generate_series(0, ${units - 1}) AS k`,
    `INSERT INTO programmes (id, code, name_nb, name_en, unit_id, updated_at)
     SELECT ${idOf(`'bench-programme-' || k`)}, 'P' || k, 'Program P' || k, 'Programme P' || k, ${idOf(`'bench-unit-' || (k % ${units})`)}, now()
     FROM generate_series(0, ${programmes - 1}) AS k`,
  ];
}

const STAFF = idOf(`'bench-staff'`);

/** A staff person, `requests` closed past requests, and `invitations` declined asks spread over them (one per person and request). */
function pastAsksSql(alumni: number, { requests, invitations }: { requests: number; invitations: number }): string[] {
  const types = `ARRAY[${REQUEST_TYPES.map((type) => `'${type}'`).join(',')}]::"RequestType"[]`;
  const request = (r: string) => idOf(`'bench-past-request-' || ${r}`);
  return [
    `INSERT INTO people (id, display_name, roles, updated_at) VALUES (${STAFF}, 'Staff', '{staff}', now())`,
    `INSERT INTO requests (id, title, type, description, unit_id, starts_at, format, needed, reply_by, owner_id, state, updated_at)
     SELECT ${request('r')}, 'Past ' || r, (${types})[1 + floor(${hashed('r', 31)} * ${REQUEST_TYPES.length})::int], 'x',
            (SELECT id FROM units ORDER BY code LIMIT 1), now() - interval '30 days', 'either', 2, now() - interval '40 days', ${STAFF}, 'closed', now()
     FROM generate_series(1, ${requests}) AS r`,
    `INSERT INTO invitations (id, request_id, person_id, score, state, sent_at, updated_at)
     SELECT ${idOf(`'bench-past-ask-' || i`)}, ${request(`1 + i % ${requests}`)},
            ${idOf(`'bench-alumnus-' || (1 + floor(${hashed('i', 32)} * ${alumni})::int)`)}, 1, 'declined', now(), now()
     FROM generate_series(1, ${invitations}) AS i
     ON CONFLICT (request_id, person_id) DO NOTHING`,
  ];
}

/** Writes the alumni with secondary indexes dropped and rebuilt afterwards, in one transaction. */
async function insertAlumni(db: Database, count: number, shape: AlumniShape): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    // Secondary indexes (the GIN indexes of the matching columns above all) are dropped and
    // built again afterwards, from their own definitions: building is far faster than
    // 100,000 single insertions.
    const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(`
      SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('people', 'consents', 'alumnus_profiles', 'alumnus_programmes', 'platform_identities')
        AND indexname NOT IN (SELECT conname FROM pg_constraint)`);
    for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
    for (const statement of alumniSql(count, shape)) await timed(statement, () => tx.$executeRawUnsafe(statement));
    for (const index of indexes) await tx.$executeRawUnsafe(index.definition);
  }, { timeout: 1_800_000, maxWait: 60_000 });
}

async function timed<T>(statement: string, run: () => Promise<T>): Promise<T> {
  const at = performance.now();
  const result = await run();
  if (process.env.SEED_TIMING) process.stderr.write(`${((performance.now() - at) / 1000).toFixed(1)} s: ${statement.trim().split('\n')[0]!.slice(0, 60)}\n`);
  return result;
}

/** The seeded matching columns must be what the database derives; throws if not. */
async function checkMatchingColumns(db: Database): Promise<void> {
  // Every profile, against the derivation written out here.
  const wrong = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`
    SELECT count(*) AS n FROM alumnus_profiles ap
    WHERE ap.consented_types IS DISTINCT FROM coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = ap.person_id AND c.withdrawn_at IS NULL ORDER BY c.given_at DESC, c.id DESC LIMIT 1), '{}')
       OR ap.programme_ids IS DISTINCT FROM coalesce((SELECT array_agg(DISTINCT l.programme_id ORDER BY l.programme_id) FROM alumnus_programmes l WHERE l.profile_id = ap.person_id), '{}')`);
  if (Number(wrong[0]?.n ?? 0) > 0) throw new Error(`${wrong[0]?.n} seeded profiles have matching columns the triggers would not derive`);
  // A 2 % sample, against the triggers' own function: it recomputes the columns and writes the
  // rows that differ; the sample's columns from before must equal what it leaves.
  const changed = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`CREATE TEMP TABLE seed_sample ON COMMIT DROP AS
      SELECT person_id, consented_types, programme_ids FROM alumnus_profiles TABLESAMPLE BERNOULLI (2) REPEATABLE (17)`);
    await tx.$queryRawUnsafe('SELECT 1 AS done FROM (SELECT alumni_sync_matching_columns(ARRAY(SELECT person_id FROM seed_sample))) AS synced');
    return tx.$queryRawUnsafe<{ sampled: bigint; changed: bigint }[]>(`
      SELECT count(*) AS sampled, count(*) FILTER (WHERE ap.consented_types IS DISTINCT FROM s.consented_types OR ap.programme_ids IS DISTINCT FROM s.programme_ids) AS changed
      FROM seed_sample s JOIN alumnus_profiles ap USING (person_id)`);
  });
  if (Number(changed[0]?.changed ?? 0) > 0) throw new Error(`the triggers' function changed the matching columns of ${changed[0]?.changed} of ${changed[0]?.sampled} sampled profiles`);
}

/** `database`: { DATABASE_URL } or { DATA_DIR }. */
export async function seedAlumni(database: Record<string, string>, count: number, options: SeedOptions = {}): Promise<Seeded> {
  const started = performance.now();
  const env = { PATH: process.env.PATH ?? '', ...database, LOG_LEVEL: 'warn' };
  if (!options.catalog) {
    const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');
    await cli(env, ['import-units', 'units.csv'], { 'units.csv': example('units.csv') });
    await cli(env, ['import-programmes', 'programmes.csv'], { 'programmes.csv': example('programmes.csv') });
  }
  // Without the CLI's imports the database is migrated here.
  const db = await openDatabase(loadConfig(env).database, createLogger('warn'), { migrate: options.catalog !== undefined });
  try {
    for (const statement of options.catalog ? catalogSql(options.catalog) : []) await db.prisma.$executeRawUnsafe(statement);
    if (count > 0) await insertAlumni(db, count, options.shape ?? 'slack');
    for (const statement of options.pastAsks ? pastAsksSql(count, options.pastAsks) : []) await timed(statement, () => db.prisma.$executeRawUnsafe(statement));
    await checkMatchingColumns(db);
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const programmes = await db.prisma.programme.findMany({ select: { id: true, unitId: true }, orderBy: { code: 'asc' } });
    const staff = options.pastAsks ? await db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT ${STAFF}::text AS id`) : [];
    return { alumni: count, seconds: (performance.now() - started) / 1000, programmes, ...(staff[0] ? { staffId: staff[0].id } : {}) };
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  // Child process: node --import tsx bench/support/alumni-seed.ts <count>, database from the environment.
  const database: Record<string, string> = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: process.env.DATA_DIR ?? '' };
  seedAlumni(database, Number(process.argv[2] ?? 0)).then(
    (seeded) => process.stdout.write(`${JSON.stringify(seeded)}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
