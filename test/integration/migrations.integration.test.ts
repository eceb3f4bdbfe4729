// Migrations through the WebAssembly engine on the PostgreSQL server: applied once, recorded in
// Prisma's own table (so `prisma migrate deploy` agrees), and refused when history disagrees.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, MigrationHistoryError, readLocalMigrations } from '../../src/db/migrations.ts';
import { postgresMigrationTarget } from '../../src/db/migration-targets.ts';
import { createEmptyDatabase, type TestDatabase } from '../support/postgres.ts';

describe('migrations on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeEach(async () => {
    database = await createEmptyDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
  });

  afterEach(async () => {
    await pool.end();
    await database.drop();
  });

  it('applies every migration to an empty database, then has nothing left to apply', async () => {
    const local = readLocalMigrations();
    expect(await applyMigrations(postgresMigrationTarget(pool))).toEqual(local.map((migration) => migration.name));
    expect(await applyMigrations(postgresMigrationTarget(pool))).toEqual([]);

    const { rows } = await pool.query('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((row) => row.migration_name)).toEqual(local.map((migration) => migration.name));
    const firstSql = local[0]?.sql ?? '';
    expect(rows[0].checksum).toBe(createHash('sha256').update(firstSql).digest('hex'));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('creates the tables of the data model', async () => {
    await applyMigrations(postgresMigrationTarget(pool));
    const { rows } = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['units', 'programmes', 'people', 'platform_identities', 'alumnus_profiles', 'consents', 'requests', 'invitations', 'form_definitions', 'form_sessions', 'outbox_messages', 'digest_runs', 'processed_events', 'audit_entries']),
    );
  });

  it('refuses, changing nothing, a database that a newer version has migrated', async () => {
    await applyMigrations(postgresMigrationTarget(pool));
    await pool.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'abc', '29990101000000_from_the_future', now(), now(), 1)",
    );
    await pool.query('CREATE TABLE marker (id int)');

    const attempt = applyMigrations(postgresMigrationTarget(pool));
    await expect(attempt).rejects.toBeInstanceOf(MigrationHistoryError);
    await expect(attempt).rejects.toThrow(/newer version.*nothing was changed/);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'marker'");
    expect(rows[0].n).toBe(1);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    await applyMigrations(postgresMigrationTarget(pool));
    await pool.query("UPDATE _prisma_migrations SET checksum = 'edited'");
    await expect(applyMigrations(postgresMigrationTarget(pool))).rejects.toThrow(/edited after they were applied/);
  });
});
