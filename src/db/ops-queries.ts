// Read-only figures for operators: the outbox by state (for /metrics) and whether every local
// migration is applied (for /readyz). Counts and ages only, never a person or a message.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { readLocalMigrations, type AppliedMigration } from './migrations.ts';

export interface OutboxStateFigures {
  state: string;
  count: number;
  /** Seconds since the oldest message in this state was queued; 0 when there is none. */
  oldestAgeSeconds: number;
}

export async function outboxFigures(prisma: PrismaClient): Promise<OutboxStateFigures[]> {
  const rows = await prisma.$queryRaw<{ state: string; count: bigint; oldest: number | null }[]>`
    SELECT state::text AS state, count(*) AS count, extract(epoch FROM now() - min(created_at))::float8 AS oldest
    FROM outbox_messages GROUP BY state`;
  return rows.map((row) => ({ state: row.state, count: Number(row.count), oldestAgeSeconds: Math.max(0, row.oldest ?? 0) }));
}

/** Names of local migrations the database has not applied (empty when it is up to date). */
export async function pendingMigrations(prisma: PrismaClient): Promise<string[]> {
  const applied = await prisma.$queryRaw<Pick<AppliedMigration, 'migration_name' | 'finished_at' | 'rolled_back_at'>[]>`
    SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
  const done = new Set(applied.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name));
  return readLocalMigrations().map((migration) => migration.name).filter((name) => !done.has(name));
}
