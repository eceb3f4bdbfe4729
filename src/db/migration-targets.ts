// How the migration runner reaches each kind of database: a driver adapter for the schema
// engine, and a way to read `_prisma_migrations` before anything is applied.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { AppliedMigration, MigrationTarget } from './migrations.ts';

const APPLIED_SQL = 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations';
const UNDEFINED_TABLE = '42P01';

async function readApplied(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<AppliedMigration[]> {
  try {
    return (await query(APPLIED_SQL)).rows as AppliedMigration[];
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw error;
  }
}

export function pgliteMigrationTarget(client: PGlite): MigrationTarget {
  return { adapterFactory: new PrismaPGlite(client), readApplied: () => readApplied((sql) => client.query(sql)) };
}

export function postgresMigrationTarget(pool: pg.Pool): MigrationTarget {
  return { adapterFactory: new PrismaPg(pool), readApplied: () => readApplied((sql) => pool.query(sql)) };
}
