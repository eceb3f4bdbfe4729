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
//   derive them (the check below compares them with what the triggers' function computes).
// Then VACUUM ANALYZE, as autovacuum leaves a database in steady state. The database is named
// only by DATABASE_URL or DATA_DIR, so this works on either, whatever the code does with them.
// Run it in a child process (the embedded database serves one process at a time).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memoryIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
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
}

/** A v4-shaped uuid derived from a text (deterministic ids, so statements can refer to the same person). */
const idOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
/** A pseudo-random number in [0, 1) from n and a salt (Knuth's multiplicative hash). */
const rnd = (salt: number) => `(((n::bigint * 2654435761 + ${salt * 40503}) % 1000003) / 1000003.0::float8)`;

export function alumniSql(count: number): string[] {
  const person = idOf(`'bench-alumnus-' || n`);
  const series = `generate_series(1, ${count}) AS n`;
  const types = `ARRAY[${REQUEST_TYPES.map((type) => `'${type}'`).join(',')}]::"RequestType"[]`;
  // guest_lecture and two other kinds (indexes 2–11 of the vocabulary, the second offset by 1–9 so it differs).
  const kinds = `ARRAY['guest_lecture'::"RequestType", (${types})[2 + (n * 7) % ${REQUEST_TYPES.length - 1}], (${types})[2 + (n * 7 + 1 + n % ${REQUEST_TYPES.length - 2}) % ${REQUEST_TYPES.length - 1}]]`;
  const consented = `${rnd(1)} < 0.9`;
  // 2–8 draws per alumnus from a Zipf-like skew (repeats fold, so some have fewer), aggregated set-wise.
  const tags = `SELECT n, array_agg(tag ORDER BY tag) AS tags FROM (
      SELECT DISTINCT n, 'topic ' || floor(power(((n::bigint * 2654435761 + k * 97531) % 1000003) / 1000003.0::float8, 2.2) * 300)::int AS tag
      FROM ${series} CROSS JOIN LATERAL generate_series(1, 2 + n % 7) AS k) AS drawn GROUP BY n`;
  const programmes = '(SELECT array_agg(id ORDER BY code) AS ids FROM programmes) AS p';
  const first = 'p.ids[1 + n % cardinality(p.ids)]';
  const second = 'p.ids[1 + (2 * n + 1) % cardinality(p.ids)]';
  const hasSecond = `(${rnd(4)} < 0.3 AND (2 * n + 1) % cardinality(p.ids) <> n % cardinality(p.ids))`;
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
     SELECT ${person}, t.tags, CASE WHEN ${rnd(2)} < 0.3 THEN '{nb,en}'::text[] ELSE '{nb}'::text[] END, ${kinds},
            CASE WHEN ${consented} THEN ${kinds} ELSE '{}' END,
            CASE WHEN NOT ${hasSecond} THEN ARRAY[${first}] WHEN ${first} < ${second} THEN ARRAY[${first}, ${second}] ELSE ARRAY[${second}, ${first}] END,
            CASE WHEN ${rnd(3)} < 0.05 THEN now() + interval '60 days' END, now()
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

/** `database`: { DATABASE_URL } or { DATA_DIR }. */
export async function seedAlumni(database: Record<string, string>, count: number): Promise<Seeded> {
  const started = performance.now();
  const env = { PATH: process.env.PATH ?? '', ...database, LOG_LEVEL: 'warn' };
  const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');
  await cli(env, ['import-units', 'units.csv'], { 'units.csv': example('units.csv') });
  await cli(env, ['import-programmes', 'programmes.csv'], { 'programmes.csv': example('programmes.csv') });
  const db = await openDatabase(loadConfig(env).database, createLogger('warn'), { migrate: false });
  try {
    if (count > 0) {
      await db.prisma.$transaction(async (tx) => {
        // Secondary indexes (the GIN indexes of the matching columns above all) are dropped and
        // built again afterwards, from their own definitions: building is far faster than
        // 100,000 single insertions.
        const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(`
          SELECT indexname AS name, indexdef AS definition FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename IN ('people', 'consents', 'alumnus_profiles', 'alumnus_programmes', 'platform_identities')
            AND indexname NOT IN (SELECT conname FROM pg_constraint)`);
        for (const index of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
        for (const statement of alumniSql(count)) {
          const at = performance.now();
          await tx.$executeRawUnsafe(statement);
          if (process.env.SEED_TIMING) process.stderr.write(`${((performance.now() - at) / 1000).toFixed(1)} s: ${statement.trim().split('\n')[0]!.slice(0, 60)}\n`);
        }
        for (const index of indexes) await tx.$executeRawUnsafe(index.definition);
      }, { timeout: 1_800_000, maxWait: 60_000 });
    }
    // The triggers' own function must find nothing to change: the seeded columns are what it derives.
    const wrong = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`
      SELECT count(*) AS n FROM alumnus_profiles ap
      WHERE ap.consented_types IS DISTINCT FROM coalesce((SELECT c.purposes FROM consents c WHERE c.person_id = ap.person_id AND c.withdrawn_at IS NULL ORDER BY c.given_at DESC, c.id DESC LIMIT 1), '{}')
         OR ap.programme_ids IS DISTINCT FROM coalesce((SELECT array_agg(DISTINCT l.programme_id ORDER BY l.programme_id) FROM alumnus_programmes l WHERE l.profile_id = ap.person_id), '{}')`);
    if (Number(wrong[0]?.n ?? 0) > 0) throw new Error(`${wrong[0]?.n} seeded profiles have matching columns the triggers would not derive`);
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const programmes = await db.prisma.programme.findMany({ select: { id: true, unitId: true }, orderBy: { code: 'asc' } });
    return { alumni: count, seconds: (performance.now() - started) / 1000, programmes };
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
