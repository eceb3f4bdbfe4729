// Scheduled jobs while the database is away: the run coordinator fails, so the slot is skipped
// (no job runs blind), the outage is logged once rather than once per job and slot, and the jobs
// run again when the coordinator answers.
import { startJobs } from '../../../src/jobs/schedules.ts';
import type { AppContext } from '../../../src/ports.ts';
import { collectingLogger } from '../../support/logger.ts';

const ctx = { settings: { timeZone: 'Europe/Oslo' } } as AppContext;

describe('scheduled jobs during a database outage', () => {
  it('skip their slots, log the outage once, and run again once the database answers', async () => {
    const { logger, lines } = collectingLogger('info');
    let down = true;
    let runs = 0;
    const coordinator = {
      shouldRun: async () => {
        if (down) throw new Error('Connection terminated unexpectedly');
        return true;
      },
    };
    const every = { schedule: '* * * * * *', run: async () => ({ runs: ++runs }) };
    const jobs = startJobs(ctx, logger, [{ id: 'a', ...every }, { id: 'b', ...every }], coordinator);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(runs).toBe(0);
    down = false;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await jobs.stop();
    expect(runs).toBeGreaterThan(0);
    const messages = lines().map((line) => line.msg);
    expect(messages.filter((msg) => msg === 'database unavailable; scheduler keeps trying')).toHaveLength(1);
    expect(messages).toContain('database available again; scheduler goes on');
  });
});
