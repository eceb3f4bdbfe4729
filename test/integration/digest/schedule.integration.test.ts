// Exactly one digest per channel per ISO week, with three instances on one PostgreSQL, each
// with its own injected clock (a few minutes apart), ticking across a Monday and across both
// Europe/Oslo DST changes; an instance that was down catches up the same week, never a later one.
import { addDigestChannel } from '../../../src/app/digest/add-digest-channel.ts';
import { postDigests } from '../../../src/app/digest/post-digests.ts';
import { addUnit } from '../../../src/app/add-unit.ts';
import { operatorActor } from '../../../src/app/support/actor.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { PrismaStore } from '../../../src/db/store.ts';
import { digestFields } from '../../../src/jobs/digest.ts';
import type { AppContext } from '../../../src/ports.ts';
import { DEFAULT_SETTINGS, TestClock } from '../../support/core.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const HOUR = 3_600_000;
const fields = digestFields('0 8 * * 1');
const admin = operatorActor('nb');

interface Instance {
  ctx: AppContext;
  clock: TestClock;
  database: Database;
}

let testDb: TestDatabase;
let instances: Instance[];

beforeEach(async () => {
  testDb = await createTestDatabase();
  instances = [];
  for (let i = 0; i < 3; i += 1) {
    const database = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger(), { migrate: false });
    const clock = new TestClock(new Date(0));
    instances.push({ ctx: { store: new PrismaStore(database.prisma), clock, settings: DEFAULT_SETTINGS }, clock, database });
  }
  const ctx = instances[0]!.ctx;
  await addUnit(ctx, admin, { code: 'ECON', nameNb: 'Økonomi', nameEn: 'Economics', kind: 'department' });
  await addDigestChannel(ctx, admin, { platform: 'slack', workspaceId: 'T1', channelId: 'CFAC' });
  await addDigestChannel(ctx, admin, { platform: 'slack', workspaceId: 'T1', channelId: 'CECON', unitCode: 'ECON' });
  await addDigestChannel(ctx, admin, { platform: 'teams', workspaceId: 'tenant-1', channelId: '19:digest@thread.tacv2', unitCode: 'ECON', locale: 'en' });
});

afterEach(async () => {
  for (const instance of instances) await instance.database.close();
  await testDb.drop();
});

/** Every instance ticks at each step, concurrently, its clock 0, 3 and 7 minutes after the step. */
async function tick(from: string, to: string, stepMs: number, which: readonly number[] = [0, 1, 2]): Promise<void> {
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += stepMs) {
    await Promise.all(which.map(async (index) => {
      const instance = instances[index]!;
      instance.clock.set(new Date(t + [0, 3, 7][index]! * 60_000));
      const result = await postDigests(instance.ctx, fields);
      expect(result.failed).toBe(0);
    }));
  }
}

async function runs(): Promise<{ week: string; channel: string; claimedAt: Date }[]> {
  const rows = await instances[0]!.database.prisma.digestRun.findMany({ include: { digestChannel: true }, orderBy: [{ isoWeek: 'asc' }, { claimedAt: 'asc' }] });
  return rows.map((row) => ({ week: row.isoWeek, channel: row.digestChannel.channelId, claimedAt: row.claimedAt }));
}

const weeksPerChannel = async () => {
  const all = await runs();
  return Object.fromEntries(['CFAC', 'CECON', '19:digest@thread.tacv2'].map((channel) => [channel, all.filter((run) => run.channel === channel).map((run) => run.week)]));
};

async function digestCards(): Promise<string[]> {
  const rows = await instances[0]!.database.prisma.outboxMessage.findMany({ where: { kind: 'digest' }, select: { idempotencyKey: true } });
  return rows.map((row) => row.idempotencyKey).filter((key) => key.endsWith(':card')).sort();
}

describe('the weekly digest schedule', () => {
  it('posts once per channel when three instances tick across a Monday, not before 08:00', async () => {
    // From Monday 01:00 in Oslo (the new week; the channels were added in it, before its slot).
    await tick('2026-11-30T00:00:00Z', '2026-11-30T06:50:00Z', 10 * 60_000);
    expect(await runs()).toEqual([]);
    await tick('2026-11-30T06:50:00Z', '2026-12-01T12:00:00Z', 10 * 60_000);
    expect(await weeksPerChannel()).toEqual({ CFAC: ['2026-W49'], CECON: ['2026-W49'], '19:digest@thread.tacv2': ['2026-W49'] });
    for (const run of await runs()) expect(run.claimedAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-11-30T07:00:00Z').getTime());
    expect(await digestCards()).toHaveLength(3);
  });

  it('neither skips nor doubles a week across the autumn and the spring DST changes', async () => {
    await tick('2026-10-19T00:00:00Z', '2026-11-03T12:00:00Z', HOUR);
    await tick('2027-03-22T00:00:00Z', '2027-04-06T12:00:00Z', HOUR);
    const weeks = ['2026-W43', '2026-W44', '2026-W45', '2027-W12', '2027-W13', '2027-W14'];
    expect(await weeksPerChannel()).toEqual({ CFAC: weeks, CECON: weeks, '19:digest@thread.tacv2': weeks });
    expect(await digestCards()).toHaveLength(18);
    const claimed = await runs();
    const earliest = (week: string) => new Date(Math.min(...claimed.filter((run) => run.week === week).map((run) => run.claimedAt.getTime())));
    // 08:00 Oslo is 06:00 UTC in summer time and 07:00 UTC in winter time, on each side of the
    // change; whichever instance wins claims it at its own clock (0, 3 or 7 minutes after the tick).
    const postedAt = (week: string, slot: string) => {
      const lateBy = earliest(week).getTime() - new Date(slot).getTime();
      expect([week, lateBy >= 0 && lateBy <= 7 * 60_000]).toEqual([week, true]);
    };
    postedAt('2026-W43', '2026-10-19T06:00:00Z');
    postedAt('2026-W44', '2026-10-26T07:00:00Z');
    postedAt('2027-W13', '2027-03-29T06:00:00Z');
    postedAt('2027-W14', '2027-04-05T06:00:00Z');
  });

  it('catches up later the same week after a downtime, but never posts a week that has ended', async () => {
    // Down from Sunday to Wednesday noon: the Wednesday tick posts week 49.
    await tick('2026-12-02T12:00:00Z', '2026-12-02T12:00:00Z', HOUR, [1]);
    expect(await weeksPerChannel()).toMatchObject({ CFAC: ['2026-W49'] });
    // Down from Wednesday afternoon of week 50 until the next Monday: week 50 is never posted.
    await tick('2026-12-14T05:00:00Z', '2026-12-14T08:00:00Z', 10 * 60_000, [2, 0]);
    expect(await weeksPerChannel()).toEqual({ CFAC: ['2026-W49', '2026-W51'], CECON: ['2026-W49', '2026-W51'], '19:digest@thread.tacv2': ['2026-W49', '2026-W51'] });
  });
});
