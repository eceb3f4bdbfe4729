// Retention, run by a scheduled job (once across instances): free-text answers, people who
// never consented, sent messages of finished requests, processed event ids, old audit details
// and expired link codes are removed after their age (see docs/privacy.md for the defaults).
// Every step removes only what is still there, so running it twice does nothing more.
import { DAY_MS } from '../../domain/time.ts';
import type { AppContext, RetentionRepository } from '../../ports.ts';
import { privacyOf } from './support.ts';

export interface RetentionResult extends Record<string, number> {
  freeTextAnswers: number;
  unconsentedPeople: number;
  outboxMessages: number;
  processedEvents: number;
  auditDetails: number;
  linkCodes: number;
}

/** Link codes stay a day past their expiry (their failures are counted in the audit log). */
const LINK_CODE_GRACE_DAYS = 1;
const STEP_TIMEOUT_MS = 120_000;

export async function runRetention(ctx: AppContext): Promise<RetentionResult> {
  const now = ctx.clock.now().getTime();
  const ages = privacyOf(ctx).retention;
  const before = (days: number) => new Date(now - days * DAY_MS);
  const step = (work: (repo: RetentionRepository) => Promise<number>) => ctx.store.transaction((repos) => work(repos.retention), { timeoutMs: STEP_TIMEOUT_MS });
  const result: RetentionResult = {
    freeTextAnswers: await step((repo) => repo.removeFreeTextBefore(before(ages.freeTextDays))),
    unconsentedPeople: await step((repo) => repo.removeUnconsentedBefore(before(ages.unconsentedDays))),
    outboxMessages: await step((repo) => repo.pruneOutboxBefore(before(ages.outboxDays))),
    processedEvents: await step((repo) => repo.pruneProcessedEventsBefore(before(ages.processedEventDays))),
    auditDetails: await step((repo) => repo.clearAuditDetailsBefore(before(ages.auditDetailDays))),
    linkCodes: await step((repo) => repo.pruneLinkCodesBefore(before(LINK_CODE_GRACE_DAYS))),
  };
  if (Object.values(result).some((count) => count > 0)) {
    await ctx.store.transaction((repos) => repos.audit.record({ actorId: null, action: 'retention.applied', subjectType: 'retention', details: { ...result } }));
  }
  return result;
}
