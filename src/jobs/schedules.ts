// Scheduled work, declared in one place: an id, a cron expression in the faculty's time zone,
// and the use case it runs. Every job is safe to run on several instances at once (row locks
// and idempotent outbox keys); the database coordinator that makes each slot run exactly once
// across instances comes with the delivery work.
import cron, { type ScheduledTask } from 'node-cron';
import { expireInvitations } from '../app/expire-invitations.ts';
import type { Logger } from '../logger.ts';
import type { AppContext } from '../ports.ts';

export interface JobDefinition {
  id: string;
  schedule: string;
  run(ctx: AppContext): Promise<Record<string, number>>;
}

export const JOBS: JobDefinition[] = [
  { id: 'expire-invitations', schedule: '*/5 * * * *', run: (ctx) => expireInvitations(ctx) },
];

export interface RunningJobs {
  stop(): Promise<void>;
}

export function startJobs(ctx: AppContext, logger: Logger, jobs: JobDefinition[] = JOBS): RunningJobs {
  const inFlight = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const run = job.run(ctx).then(
          (result) => logger.info({ job: job.id, ...result }, 'job finished'),
          (error: unknown) => logger.error({ job: job.id, err: error }, 'job failed'),
        );
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      },
      { name: job.id, timezone: ctx.settings.timeZone, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(inFlight);
    },
  };
}
