import { startJobs } from '../../src/jobs/schedules.ts';
import type { AppContext } from '../../src/ports.ts';
import { collectingLogger } from '../support/logger.ts';

const ctx = { settings: { timeZone: 'Europe/Oslo' } } as AppContext;

describe('scheduled jobs', () => {
  it('runs each job on its schedule and logs the outcome', async () => {
    const { logger, lines } = collectingLogger('info');
    let runs = 0;
    const jobs = startJobs(ctx, logger, [{ id: 'tick', schedule: '* * * * * *', run: async () => ({ runs: ++runs }) }]);
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    await jobs.stop();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(lines()).toContainEqual(expect.objectContaining({ msg: 'job finished', job: 'tick', runs: 1 }));
  });

  it('waits for a run in progress when stopping, and logs failures instead of crashing', async () => {
    const { logger, lines } = collectingLogger('info');
    let finished = false;
    const jobs = startJobs(ctx, logger, [
      { id: 'slow', schedule: '* * * * * *', run: () => new Promise((resolve) => setTimeout(() => { finished = true; resolve({}); }, 1_500)) },
      { id: 'broken', schedule: '* * * * * *', run: async () => { throw new Error('boom'); } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await jobs.stop();
    expect(finished).toBe(true);
    expect(lines()).toContainEqual(expect.objectContaining({ msg: 'job failed', job: 'broken' }));
  });
});
