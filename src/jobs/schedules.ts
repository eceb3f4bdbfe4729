// Scheduled work, declared in one place: an id, a cron expression in the faculty's time zone,
// and the use case it runs. With a coordinator (a claim row per job × slot in the database),
// each slot runs once across all instances, whichever instance wins.
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import { completeRequests } from '../app/complete-requests.ts';
import { sendReminders } from '../app/send-reminders.ts';
import { remindAndExpireForms } from '../app/forms/remind-forms.ts';
import { expireInvitations } from '../app/expire-invitations.ts';
import { passDeadlines } from '../app/pass-deadlines.ts';
import { inviteFirstWaves } from '../app/invite-first-wave.ts';
import { type Logger, safeError } from '../logger.ts';
import { Outage } from '../outage.ts';
import type { AppContext } from '../ports.ts';

export interface JobDefinition {
  id: string;
  schedule: string;
  run(ctx: AppContext): Promise<Record<string, number>>;
}

export const JOBS: JobDefinition[] = [
  // Mends a first wave that did not go out behind a form's answer (an instance stopped, a try failed): within a minute.
  { id: 'invite-first-waves', schedule: '*/30 * * * * *', run: (ctx) => inviteFirstWaves(ctx) },
  { id: 'expire-invitations', schedule: '*/5 * * * *', run: (ctx) => expireInvitations(ctx) },
  { id: 'pass-deadlines', schedule: '1-59/5 * * * *', run: (ctx) => passDeadlines(ctx) },
  { id: 'complete-requests', schedule: '7 * * * *', run: (ctx) => completeRequests(ctx) },
  { id: 'send-reminders', schedule: '3-59/15 * * * *', run: (ctx) => sendReminders(ctx) },
  { id: 'feedback-forms', schedule: '11-59/15 * * * *', run: (ctx) => remindAndExpireForms(ctx) },
];

export interface RunningJobs {
  stop(): Promise<void>;
}

/**
 * The coordinator's database gone: the slot is skipped (another instance, or the next slot, runs
 * the job) and the outage is logged once, not once per job and slot.
 */
function outageAware(coordinator: RunCoordinator, outage: Outage): RunCoordinator {
  return {
    async shouldRun(key, ttlMs) {
      try {
        const elected = await coordinator.shouldRun(key, ttlMs);
        outage.ok();
        return elected;
      } catch (error) {
        outage.failed(error);
        return false;
      }
    },
    async onComplete(key) {
      try {
        await coordinator.onComplete?.(key);
      } catch (error) {
        outage.failed(error);
      }
    },
  };
}

export function startJobs(ctx: AppContext, logger: Logger, jobs: JobDefinition[] = JOBS, coordinator?: RunCoordinator): RunningJobs {
  const inFlight = new Set<Promise<unknown>>();
  const runCoordinator = coordinator ? outageAware(coordinator, new Outage(logger, 'database', 'scheduler')) : undefined;
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      () => {
        const run = job.run(ctx).then(
          (result) => logger.info({ job: job.id, ...result }, 'job finished'),
          (error: unknown) => logger.error({ job: job.id, err: safeError(error) }, 'job failed'),
        );
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      },
      { name: job.id, timezone: ctx.settings.timeZone, noOverlap: true, ...(runCoordinator ? { distributed: true, runCoordinator } : {}) },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.all(inFlight);
    },
  };
}
