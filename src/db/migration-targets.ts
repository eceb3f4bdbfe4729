// How the migration runner reaches each kind of database: a driver adapter for the schema
// engine, and a way to read `_prisma_migrations` before anything is applied. The service and its
// embedded database use the PostgreSQL target (the embedded one is reached through `pg` too);
// the in-process PGlite target serves the developer tools (new migrations, drift checks) and
// loads its adapter only when used, so the service never loads it.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
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

/** `pglite-prisma-adapter` over an in-process PGlite, loaded on first use (the same CommonJS copy of PGlite as the caller's). */
function lazyPgliteAdapter(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  let factory: SqlMigrationAwareDriverAdapterFactory | undefined;
  const load = () => (factory ??= new (require('pglite-prisma-adapter') as typeof import('pglite-prisma-adapter')).PrismaPGlite(client));
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    connect: () => load().connect(),
    connectToShadowDb: () => load().connectToShadowDb(),
  };
}

export function pgliteMigrationTarget(client: PGlite): MigrationTarget {
  return { adapterFactory: lazyPgliteAdapter(client), readApplied: () => readApplied((sql) => client.query(sql)) };
}

export function postgresMigrationTarget(pool: pg.Pool): MigrationTarget {
  return { adapterFactory: new PrismaPg(pool), readApplied: () => readApplied((sql) => pool.query(sql)) };
}
