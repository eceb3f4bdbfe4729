// Once per jest run: clear leftovers of killed runs, then build the migrated template database.
import pg from 'pg';
import { applyMigrations } from '../../src/db/migrations.ts';
import { postgresMigrationTarget } from '../../src/db/migration-targets.ts';
import { databaseUrl, dropLeftovers, newDatabaseName, withAdmin } from './postgres.ts';

export default async function globalSetup(): Promise<void> {
  const template = newDatabaseName('tpl');
  await withAdmin(async (client) => {
    await dropLeftovers(client);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const pool = new pg.Pool({ connectionString: databaseUrl(template), max: 2 });
  try {
    await applyMigrations(postgresMigrationTarget(pool));
  } finally {
    await pool.end();
  }
  process.env.ALUMNI_TEST_TEMPLATE = template;
}
