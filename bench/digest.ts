// npm run bench:digest — one week's digest for the faculty and 8 units, over 1,000,000
// invitations and 200,000 completed feedback forms on PostgreSQL. Seeds a fresh database with
// SQL (2 years of activity: 100,000 requests in 8 departments, 10 invitations each, 20,000
// alumni), VACUUM ANALYZEs it, adds 9 digest channels, and times the real weekly job
// (`postDigests`: the shared weekly aggregate, each scope's details, the cards, the outbox
// rows and the run rows) once. Target: ≤ 2 s for the 9 digests.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { addDigestChannel } from '../src/app/digest/add-digest-channel.ts';
import { postDigests } from '../src/app/digest/post-digests.ts';
import { operatorActor } from '../src/app/support/actor.ts';
import { openDatabase } from '../src/db/database.ts';
import { PrismaStore } from '../src/db/store.ts';
import { digestFields } from '../src/jobs/digest.ts';
import { createLogger } from '../src/logger.ts';
import type { AppContext } from '../src/ports.ts';
import { databaseUrl, dropDatabase, withAdmin } from '../test/support/postgres.ts';

const SLOT = new Date('2026-11-30T07:00:00Z');
const REQUESTS = Number(process.env.REQUESTS ?? 100_000);
const PER_REQUEST = 10;
const ALUMNI = 20_000;
const FEEDBACK = Number(process.env.FEEDBACK ?? 200_000);
const DEPARTMENTS = 8;

async function seed(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO units (id, code, name_nb, name_en, kind, updated_at) VALUES (gen_random_uuid(), 'FAC', 'Fakultetet', 'The faculty', 'faculty', now())`);
  await pool.query(`INSERT INTO units (id, code, name_nb, name_en, kind, parent_id, updated_at)
    SELECT gen_random_uuid(), 'DEP' || d, 'Institutt ' || d, 'Department ' || d, 'department', (SELECT id FROM units WHERE code = 'FAC'), now() FROM generate_series(1, ${DEPARTMENTS}) d`);
  await pool.query(`INSERT INTO people (id, display_name, email, roles, updated_at) VALUES (gen_random_uuid(), 'Owner', 'owner@uni.example', '{staff}', now())`);
  await pool.query(`INSERT INTO people (id, display_name, email, roles, updated_at)
    SELECT gen_random_uuid(), 'Alumnus ' || n, 'alumnus' || n || '@example.no', '{alumnus}', now() FROM generate_series(1, ${ALUMNI}) n`);
  await pool.query(`INSERT INTO alumnus_profiles (person_id, thanks_by_name, updated_at) SELECT id, random() < 0.4, now() FROM people WHERE 'alumnus' = ANY(roles)`);
  // Requests over the 104 weeks before the slot; the newest are open, older ones filled, completed or closed.
  await pool.query(`
    INSERT INTO requests (id, title, type, description, unit_id, starts_at, format, needed, reply_by, owner_id, state, created_at, opened_at, filled_at, updated_at)
    SELECT gen_random_uuid(), 'Request ' || n, 'guest_lecture', 'd', u.id, c + interval '21 days', 'campus', 1 + n % 3, c + interval '14 days',
           (SELECT id FROM people WHERE email = 'owner@uni.example'),
           (CASE WHEN c > $1::timestamptz - interval '3 weeks' THEN 'open' WHEN n % 10 = 0 THEN 'cancelled' WHEN c > $1::timestamptz - interval '5 weeks' THEN 'filled' ELSE 'completed' END)::"RequestState",
           c, c, CASE WHEN c <= $1::timestamptz - interval '3 weeks' AND n % 10 <> 0 THEN c + (n % 200) * interval '1 hour' END, now()
    FROM generate_series(1, ${REQUESTS}) n
    CROSS JOIN LATERAL (SELECT $1::timestamptz - (random() * 104 * 7) * interval '1 day' AS c) t
    JOIN units u ON u.code = 'DEP' || (1 + n % ${DEPARTMENTS})`, [SLOT]);
  await pool.query(`CREATE TEMP TABLE alumni_ids AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM people WHERE 'alumnus' = ANY(roles)`);
  await pool.query(`CREATE TEMP TABLE request_ids AS SELECT row_number() OVER (ORDER BY id) AS r, id, created_at FROM requests`);
  await pool.query(`
    INSERT INTO invitations (id, request_id, person_id, score, state, sent_at, answered_at, created_at, updated_at)
    SELECT gen_random_uuid(), q.id, a.id, random(), s.state::"InvitationState", q.created_at + i * interval '1 hour',
           CASE WHEN s.state IN ('accepted', 'declined', 'confirmed') THEN q.created_at + (i + 20) * interval '1 hour' END, q.created_at, now()
    FROM request_ids q CROSS JOIN generate_series(1, ${PER_REQUEST}) i
    JOIN alumni_ids a ON a.k = (q.r * 7 + i * 1999) % ${ALUMNI}
    CROSS JOIN LATERAL (SELECT (ARRAY['accepted', 'declined', 'declined', 'expired', 'confirmed', 'withdrawn', 'sent'])[1 + (q.r + i) % 7] AS state) s`);
  await pool.query(`INSERT INTO form_definitions (id, key, version, questions) VALUES (gen_random_uuid(), 'after-engagement', 1,
    '[{"id":"q1","kind":"rating"},{"id":"q2","kind":"rating","anonymous":true},{"id":"q3","kind":"text"}]')`);
  await pool.query(`
    INSERT INTO form_sessions (id, form_id, person_id, subject_type, subject_id, answers, state, expires_at, completed_at, updated_at)
    SELECT gen_random_uuid(), (SELECT id FROM form_definitions), i.person_id, 'invitation', i.id,
           jsonb_build_object('q1', 1 + (n % 5), 'q2', 1 + ((n / 5) % 5), 'q3', 'fint'), 'completed', i.answered_at + interval '30 days', i.answered_at + interval '3 days', now()
    FROM (SELECT id, person_id, answered_at, row_number() OVER () AS n FROM invitations WHERE state IN ('accepted', 'confirmed') LIMIT ${FEEDBACK}) i`);
  await pool.query('VACUUM ANALYZE');
}

async function count(pool: pg.Pool, table: string): Promise<number> {
  return Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
}

async function main() {
  const name = `alumni_bench_digest_${process.pid}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name) }, createLogger('silent'));
  const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 1 });
  try {
    const seeded = performance.now();
    await seed(pool);
    console.log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s: ${await count(pool, 'requests')} requests, ${await count(pool, 'invitations')} invitations, ${await count(pool, 'form_sessions')} feedback forms`);
    const clock = { now: () => SLOT };
    const ctx: AppContext = { store: new PrismaStore(database.prisma), clock, settings: { timeZone: 'Europe/Oslo', defaultLocale: 'nb', oversample: 3, waveReplyHours: 72, adminEmails: [] } };
    const admin = operatorActor('nb');
    await addDigestChannel(ctx, admin, { platform: 'slack', workspaceId: 'T1', channelId: 'CFAC' });
    for (let d = 1; d <= DEPARTMENTS; d += 1) await addDigestChannel(ctx, admin, { platform: 'slack', workspaceId: 'T1', channelId: `CDEP${d}`, unitCode: `DEP${d}` });
    const started = performance.now();
    const result = await postDigests(ctx, digestFields('0 8 * * 1'));
    const seconds = (performance.now() - started) / 1000;
    console.log('| digests | invitations | feedback forms | seconds (one run) | posted |');
    console.log('|---|---|---|---|---|');
    console.log(`| faculty + ${DEPARTMENTS} units | ${(await count(pool, 'invitations')).toLocaleString('en')} | ${(await count(pool, 'form_sessions')).toLocaleString('en')} | ${seconds.toFixed(2)} | ${result.posted} (failed ${result.failed}) |`);
  } finally {
    await pool.end();
    await database.close();
    await withAdmin((client) => dropDatabase(client, name));
  }
}

void main();
