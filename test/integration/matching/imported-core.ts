// The core on a fresh database set up the way an admin does it: units, programmes and alumni
// imported by the CLI from CSV files, then use cases driven with a clock the test controls.
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import type { Actor } from '../../../src/app/support/actor.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { PrismaStore } from '../../../src/db/store.ts';
import type { AppContext, CoreSettings } from '../../../src/ports.ts';
import { DEFAULT_SETTINGS, TestClock } from '../../support/core.ts';
import { cli, importTestFaculty } from '../../support/faculty.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

export const ALUMNI_HEADER = 'email,name,slack_user_id,programme,graduation_year,expertise,languages,engagement_types,consent_purposes,consent_given_at';
export const WORKSPACE = 'T0001';

/** `count` alumni who are all equally good for a guest lecture on public policy (MSc Economics 2016). */
export function equalAlumni(count: number, extra: Partial<Record<'engagement' | 'consent', string>> = {}): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return `alum${n}@example.no,Alumnus ${n},UA${n},MSC-ECON,2016,public policy,nb,${extra.engagement ?? 'guest_lecture'},${extra.consent ?? 'guest_lecture'},2026-09-01`;
  });
  return [ALUMNI_HEADER, ...rows].join('\n') + '\n';
}

export interface ImportedCore {
  ctx: AppContext;
  clock: TestClock;
  database: Database;
  store: PrismaStore;
  env: Record<string, string>;
  /** The admin of ADMIN_EMAILS, who is also staff, as on a fresh install. */
  admin: Actor;
  unitId: string;
  programmeId: string;
  close(): Promise<void>;
}

export async function startImportedCore(alumniCsv: string, settings: Partial<CoreSettings> = {}, now = '2026-11-28T09:00:00Z'): Promise<ImportedCore> {
  const testDb: TestDatabase = await createTestDatabase();
  const env = { DATABASE_URL: testDb.url, DEFAULT_LOCALE: 'nb' };
  await importTestFaculty(env);
  await cli(env, ['import-alumni', 'alumni.csv', '--slack-team', WORKSPACE], { 'alumni.csv': alumniCsv });
  const database = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger(), { migrate: false });
  const clock = new TestClock(new Date(now));
  const store = new PrismaStore(database.prisma);
  const ctx: AppContext = { store, clock, settings: { ...DEFAULT_SETTINGS, ...settings } };
  const admin = await resolvePerson(ctx, { platform: 'slack', workspaceId: WORKSPACE, userId: 'UADMIN', displayName: 'Admin', email: 'admin@uni.example', emailVerified: true, locale: 'nb-NO' });
  const unit = await database.prisma.unit.findUniqueOrThrow({ where: { code: 'ECON' } });
  const programme = await database.prisma.programme.findUniqueOrThrow({ where: { code: 'MSC-ECON' } });
  return {
    ctx,
    clock,
    database,
    store,
    env,
    admin,
    unitId: unit.id,
    programmeId: programme.id,
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}

export function requestInput(core: ImportedCore, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Gjesteforelesning om offentlig politikk',
    type: 'guest_lecture',
    description: 'Nitti minutter for andreårsstudenter.',
    unitId: core.unitId,
    programmeId: core.programmeId,
    expertise: ['public policy'],
    startsAt: '2027-02-10T09:00:00Z',
    format: 'campus',
    language: 'nb',
    needed: 1,
    replyBy: '2027-01-20T12:00:00Z',
    channel: { platform: 'slack', workspaceId: WORKSPACE, channelId: 'CSTAFF' },
    ...overrides,
  };
}

/** Gini coefficient of the values (0 = all equal, towards 1 = all on one). */
export function gini(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (n === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Asks per imported alumnus (zero for those never asked), from the invitations table. */
export async function asksPerAlumnus(database: Database): Promise<number[]> {
  const rows = await database.prisma.$queryRaw<{ asks: bigint }[]>`
    SELECT count(i.id) AS asks FROM alumnus_profiles ap LEFT JOIN invitations i ON i.person_id = ap.person_id GROUP BY ap.person_id`;
  return rows.map((row) => Number(row.asks));
}
