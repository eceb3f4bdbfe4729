// The migration history in prisma/migrations, applied through the WebAssembly schema engine.
// It writes Prisma's own `_prisma_migrations` table, so `prisma migrate deploy` on a machine
// with the native engine sees the same history. Before applying anything we compare the
// database's history with ours and refuse (changing nothing) when the database is ahead of
// this build or a migration was edited after it was applied.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { PROJECT_ROOT } from '../paths.ts';
import { openSchemaEngine } from './schema-engine.ts';

export const PRISMA_DIR = path.join(PROJECT_ROOT, 'prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
const LOCKFILE = 'migration_lock.toml';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** A row of `_prisma_migrations`, as far as we need it. */
export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export type MigrationProblem =
  | { code: 'database_ahead'; names: string[] }
  | { code: 'migration_changed'; names: string[] }
  | { code: 'migration_failed'; names: string[] };

export class MigrationHistoryError extends Error {
  constructor(readonly problem: MigrationProblem) {
    super(describeProblem(problem));
    this.name = 'MigrationHistoryError';
  }
}

function describeProblem(problem: MigrationProblem): string {
  const names = problem.names.join(', ');
  switch (problem.code) {
    case 'database_ahead':
      return `The database has migrations this version does not know (${names}); it was written by a newer version. Upgrade the app; nothing was changed.`;
    case 'migration_changed':
      return `Migrations were edited after they were applied (${names}). Restore them from version control; nothing was changed.`;
    case 'migration_failed':
      return `A previous migration failed half-way (${names}). Repair the database by hand, then mark it rolled back; nothing was changed.`;
  }
}

export function readSchema(schemaPath = SCHEMA_PATH): { path: string; content: string } {
  return { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
}

export function readLocalMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function toMigrationList(dir: string, migrations: LocalMigration[]): MigrationList {
  const lockPath = path.join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}

/** Compares the database's history with the local one; returns what is wrong, or null. */
export function findHistoryProblem(applied: AppliedMigration[], local: LocalMigration[]): MigrationProblem | null {
  const byName = new Map(local.map((migration) => [migration.name, migration]));
  const live = applied.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) return { code: 'migration_failed', names: failed };
  const unknown = live.filter((row) => !byName.has(row.migration_name)).map((row) => row.migration_name);
  if (unknown.length > 0) return { code: 'database_ahead', names: unknown };
  const changed = live.filter((row) => byName.get(row.migration_name)?.checksum !== row.checksum).map((row) => row.migration_name);
  if (changed.length > 0) return { code: 'migration_changed', names: changed };
  return null;
}

export interface MigrationTarget {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Reads `_prisma_migrations`; returns [] when the table does not exist yet. */
  readApplied(): Promise<AppliedMigration[]>;
}

/** Applies pending migrations after checking the history; returns the names applied. */
export async function applyMigrations(target: MigrationTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  const local = readLocalMigrations(dir);
  const applied = await target.readApplied();
  const problem = findHistoryProblem(applied, local);
  if (problem) throw new MigrationHistoryError(problem);
  // Nothing to apply (every start but the first after an upgrade): the schema engine is not
  // loaded at all. Its WebAssembly stays in memory once loaded (about 50 MB) and takes time to compile.
  const done = new Set(applied.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name));
  if (local.every((migration) => done.has(migration.name))) return [];
  const engine = await openSchemaEngine(target.adapterFactory, readSchema());
  try {
    const result = await engine.applyMigrations({ migrationsList: toMigrationList(dir, local), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * Writes a new migration for the difference between the migration history and schema.prisma.
 * `target` must be an empty scratch database (an in-memory PGlite): the history is applied
 * to it, then compared with the schema. Returns the folder name, or null when nothing changed.
 */
export async function createMigration(
  target: MigrationTarget,
  name: string,
  dir = MIGRATIONS_DIR,
  now = new Date(),
): Promise<string | null> {
  await applyMigrations(target, dir);
  const script = await diffDatabaseAgainstSchema(target.adapterFactory);
  if (script === '') return null;
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = `${stamp}_${name}`;
  mkdirSync(path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, folder, 'migration.sql'), script);
  const lockPath = path.join(dir, LOCKFILE);
  if (!existsSync(lockPath)) {
    writeFileSync(lockPath, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return folder;
}

/**
 * The SQL that would bring a migrated database to schema.prisma; empty when there is no drift.
 * The target must already have the migrations applied.
 */
export async function diffDatabaseAgainstSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema = readSchema(),
): Promise<string> {
  const engine = await openSchemaEngine(adapterFactory, schema);
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: PRISMA_DIR },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return result.exitCode === 0 ? '' : (result.stdout ?? '');
  } finally {
    engine.free();
  }
}
