// The figures /metrics and /readyz read from PostgreSQL: the outbox by state with the oldest
// message's age, and the migrations not applied yet.
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { outboxFigures, pendingMigrations } from '../../../src/db/ops-queries.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

describe('operations queries', () => {
  let db: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ kind: 'postgres', url: db.url }, silentLogger());
  });

  afterAll(async () => {
    await database.close();
    await db.drop();
  });

  it('finds every migration applied after the start, and one missing once its row is gone', async () => {
    expect(await pendingMigrations(database.prisma)).toEqual([]);
    const [last] = await database.prisma.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last!.migration_name}`;
    expect(await pendingMigrations(database.prisma)).toEqual([last!.migration_name]);
    await database.prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last!.migration_name}`;
  });

  it('counts the outbox by state with the age of the oldest message', async () => {
    expect(await outboxFigures(database.prisma)).toEqual([]);
    const row = (key: string, state: string, ageMs: number) => ({
      platform: 'slack' as const, kind: 'invite', card: {}, idempotencyKey: key, conversationKey: 'c', workspaceKey: 'w', state: state as 'pending', target: {}, createdAt: new Date(Date.now() - ageMs),
    });
    await database.prisma.outboxMessage.createMany({ data: [row('a', 'pending', 60_000), row('b', 'pending', 1_000), row('c', 'dead', 5_000)] as never });
    const figures = await outboxFigures(database.prisma);
    const pending = figures.find((f) => f.state === 'pending');
    expect(pending?.count).toBe(2);
    expect(pending?.oldestAgeSeconds).toBeGreaterThanOrEqual(59);
    expect(figures.find((f) => f.state === 'dead')?.count).toBe(1);
  });
});
