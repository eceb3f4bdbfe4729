// The weekly digest as scheduled jobs, in TIMEZONE: one on DIGEST_CRON, and a catch-up tick
// every ten minutes, so an instance that was down at the digest time (or started after it)
// posts the same week's digest when it is back. Both run the same idempotent use case: each
// channel gets one digest per ISO week (a digest_runs row), whichever instance and tick gets
// there first; a DST change neither skips nor doubles a week, since weeks, not hours, are keyed.
import cron from 'node-cron';
import { postDigests } from '../app/digest/post-digests.ts';
import type { CronFields } from '../domain/digest/schedule.ts';
import type { AppContext } from '../ports.ts';
import type { JobDefinition } from './schedules.ts';

export const DIGEST_CATCH_UP = '*/10 * * * *';

/** DIGEST_CRON's fields as numbers (node-cron's parser). */
export function digestFields(expression: string): CronFields {
  const parsed = cron.parse(expression);
  const numbers = (values: readonly (number | string)[]) => values.map(Number).filter(Number.isFinite);
  return { minute: parsed.minute, hour: parsed.hour, dayOfMonth: numbers(parsed.dayOfMonth), month: parsed.month, dayOfWeek: numbers(parsed.dayOfWeek) };
}

/** One pass: posts what is due; a channel that failed makes the pass fail (logged), after the others are done. */
export async function runDigests(ctx: AppContext, fields: CronFields): Promise<Record<string, number>> {
  const result = await postDigests(ctx, fields);
  if (result.failures.length > 0) {
    const first = result.failures[0]!.error;
    throw new Error(`the digest failed for ${result.failed} channel(s) (${result.posted} posted)`, { cause: first });
  }
  return { posted: result.posted, skipped: result.skipped };
}

export function digestJobs(expression: string): JobDefinition[] {
  const fields = digestFields(expression);
  const run = (ctx: AppContext) => runDigests(ctx, fields);
  return [
    { id: 'digest', schedule: expression, run },
    { id: 'digest-catch-up', schedule: DIGEST_CATCH_UP, run },
  ];
}
