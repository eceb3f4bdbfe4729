// The transaction wrapper runs a unit of work again after a deadlock (40P01) or a serialization
// failure (40001), a bounded number of times. Two transactions that lock two people in opposite
// order always deadlock on their first run; PostgreSQL rolls one back.
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { isRetryable, PrismaStore, sqlState } from '../../../src/db/store.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';

describe('transactions after a deadlock', () => {
  let core: CoreHarness;
  let ids: [string, string];

  beforeEach(async () => {
    core = await startCore();
    const person = (userId: string) => resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T1', userId, displayName: userId, locale: 'nb-NO' });
    ids = [(await person('UA')).personId, (await person('UB')).personId];
  });

  afterEach(async () => {
    await core.close();
  });

  /** Both transactions take their first lock, wait for each other, then want the other's lock. */
  function crossedLocks(store: PrismaStore) {
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const runs = { count: 0 };
    const work = (first: string, second: string) =>
      store.transaction(async (repos) => {
        runs.count += 1;
        await repos.people.update(first, { displayName: `locked by ${first}` });
        if (runs.count <= 2) {
          arrived += 1;
          if (arrived === 2) release();
          await bothHoldOne;
        }
        await repos.people.update(second, { displayName: `then ${second}` });
        return 'done';
      });
    return { results: Promise.allSettled([work(ids[0], ids[1]), work(ids[1], ids[0])]), runs };
  }

  it('runs the loser again, so both finish', async () => {
    const store = new PrismaStore(core.database.prisma);
    const { results, runs } = crossedLocks(store);
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(store.retries).toBe(1);
    expect(runs.count).toBe(3);
  });

  it('gives up after the last attempt and lets the deadlock through', async () => {
    const store = new PrismaStore(core.database.prisma, { attempts: 1, pauseMs: 0 });
    const { results } = crossedLocks(store);
    const failed = (await results).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(sqlState(failed[0]!.reason)).toBe('40P01');
    expect(isRetryable(failed[0]!.reason)).toBe(true);
  });
});

describe('sqlState', () => {
  it('finds the SQLSTATE where Prisma driver adapters put it, and nothing in other errors', () => {
    const prismaShape = { code: 'P2010', meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '40001', kind: 'TransactionWriteConflict' } } } };
    expect(sqlState(prismaShape)).toBe('40001');
    expect(sqlState({ message: 'x', cause: { code: '40P01' } })).toBe('40P01');
    expect(sqlState({ code: 'P2002' })).toBeUndefined();
    expect(sqlState(new Error('plain'))).toBeUndefined();
    expect(isRetryable({ cause: { code: '23505' } })).toBe(false);
  });
});
