// The core wired to a real PostgreSQL test database, with a clock the test controls.
import { openDatabase, type Database } from '../../src/db/database.ts';
import { PrismaStore } from '../../src/db/store.ts';
import type { AppContext, Clock, CoreSettings } from '../../src/ports.ts';
import { silentLogger } from './logger.ts';
import { createTestDatabase, type TestDatabase } from './postgres.ts';

export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(value: Date | string): void {
    this.current = new Date(value);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface CoreHarness {
  ctx: AppContext;
  clock: TestClock;
  database: Database;
  close(): Promise<void>;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  timeZone: 'Europe/Oslo',
  defaultLocale: 'nb',
  oversample: 3,
  waveReplyHours: 72,
  adminEmails: ['admin@uni.example'],
};

export async function startCore(settings: Partial<CoreSettings> = {}, now = '2026-11-28T09:00:00Z'): Promise<CoreHarness> {
  const testDb: TestDatabase = await createTestDatabase();
  const database = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger(), { migrate: false });
  const clock = new TestClock(new Date(now));
  return {
    ctx: { store: new PrismaStore(database.prisma), clock, settings: { ...DEFAULT_SETTINGS, ...settings } },
    clock,
    database,
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}
