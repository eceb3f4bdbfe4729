// Issue 10, seen problem 7: fairness across the whole eligible set. 2,000 equally good alumni
// (imported by the CLI, all consenting) and 50 requests posted by staff: the asks spread over
// everyone instead of the earliest sign-ups filling every pool.
import { postRequest } from '../../../src/app/post-request.ts';
import { asksPerAlumnus, equalAlumni, gini, requestInput, startImportedCore, type ImportedCore } from './imported-core.ts';

describe('fair matching over 2,000 equally good alumni', () => {
  let core: ImportedCore;

  beforeAll(async () => {
    core = await startImportedCore(equalAlumni(2000));
  }, 120_000);

  afterAll(async () => {
    await core.close();
  });

  it('spreads 50 requests × 42 asks over everyone, nobody asked twice before everyone was asked once', async () => {
    for (let i = 0; i < 50; i += 1) {
      const { invited } = await postRequest(core.ctx, core.admin, requestInput(core, { title: `Forespørsel ${i + 1}`, needed: 14 }));
      expect(invited).toBe(42);
    }
    const asks = await asksPerAlumnus(core.database);
    expect(asks).toHaveLength(2000);
    expect(asks.reduce((sum, n) => sum + n, 0)).toBe(2100);
    expect(Math.min(...asks)).toBe(1);
    expect(Math.max(...asks)).toBe(2);
    expect(gini(asks)).toBeLessThan(0.05);
  }, 120_000);
});

describe('gini', () => {
  it('is 0 for equal values and grows with concentration', () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75);
  });
});
