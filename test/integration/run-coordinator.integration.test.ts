// Scheduled runs across instances: whichever instance claims a job × slot first runs it.
import { openDatabase, type Database } from '../../src/db/database.ts';
import { PrismaRunCoordinator } from '../../src/db/run-coordinator.ts';
import { startJobs } from '../../src/jobs/schedules.ts';
import type { AppContext } from '../../src/ports.ts';
import { silentLogger } from '../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

describe('scheduled jobs on several instances', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger(), { migrate: false });
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('lets one claimant win each slot', async () => {
    const [a, b] = [new PrismaRunCoordinator(db.prisma, 'a'), new PrismaRunCoordinator(db.prisma, 'b')];
    const results = await Promise.all([a.shouldRun('digest:2026-11-30T08:00', 60_000), b.shouldRun('digest:2026-11-30T08:00', 60_000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.shouldRun('digest:2026-12-07T08:00', 60_000)).toBe(true);
  });

  it('runs a job once per slot when three instances schedule it', async () => {
    const ctx = { settings: { timeZone: 'Europe/Oslo' } } as AppContext;
    const runs: string[] = [];
    const instances = ['a', 'b', 'c'].map((owner) =>
      startJobs(ctx, silentLogger(), [{ id: `tick-${testDb.name}`, schedule: '* * * * * *', run: async () => (runs.push(owner), {}) }], new PrismaRunCoordinator(db.prisma, owner)),
    );
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    await Promise.all(instances.map((jobs) => jobs.stop()));
    const slots = await db.prisma.scheduledRun.count({ where: { key: { startsWith: `tick-${testDb.name}` } } });
    expect(slots).toBeGreaterThanOrEqual(2);
    expect(runs).toHaveLength(slots);
  });
});
