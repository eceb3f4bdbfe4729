// Consent renewal, run by a scheduled job (once across instances): a consent given for an
// earlier version of the consent text ends, and the person is asked to agree again; a consent
// older than CONSENT_RENEW_MONTHS ends; RENEWAL_REMINDER_DAYS before that, the person gets one
// reminder with a button to keep it. Until they agree again they count as not consenting (the
// dispatcher checks again when it sends).
import { consentExpiresAt, oldestValidGivenAt } from '../../domain/privacy/consent-validity.ts';
import { renewalCard } from '../../domain/privacy/privacy-cards.ts';
import { RENEWAL_REMINDER_DAYS } from '../../domain/privacy/settings.ts';
import { DAY_MS } from '../../domain/time.ts';
import { CONSENT_TEXT_VERSION } from '../../domain/vocabulary.ts';
import type { AppContext, ConsentDue, Repositories } from '../../ports.ts';
import { translatorFor } from '../support/messages.ts';
import { privacyOf } from './support.ts';

const BATCH = 200;
/** Batches per run at most; the rest waits for the next run. */
const MAX_BATCHES = 25;

async function ask(ctx: AppContext, repos: Repositories, due: ConsentDue, kind: 'reminder' | 'new_text', expiresAt: Date | null): Promise<void> {
  const tr = await translatorFor(ctx, repos, due.personId);
  await repos.outbox.enqueue([
    {
      idempotencyKey: `consent:${due.consentId}:${kind === 'reminder' ? 'renewal-reminder' : 'new-text'}`,
      kind: 'direct',
      address: { kind: 'person', personId: due.personId },
      card: renewalCard(tr, kind, due.personId, expiresAt),
      personId: due.personId,
    },
  ]);
}

async function lapseBatch(ctx: AppContext, validSince: Date): Promise<{ lapsed: number; asked: number }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const due = await repos.retention.findLapsing(CONSENT_TEXT_VERSION, validSince, BATCH);
    const newText = due.filter((consent) => consent.textVersion !== CONSENT_TEXT_VERSION);
    const expired = due.filter((consent) => consent.textVersion === CONSENT_TEXT_VERSION);
    const lapsed = (await repos.retention.lapse(newText.map((consent) => consent.consentId), 'new_text', now)) + (await repos.retention.lapse(expired.map((consent) => consent.consentId), 'expired', now));
    for (const consent of newText) await ask(ctx, repos, consent, 'new_text', null);
    for (const consent of due) {
      await repos.audit.record({ actorId: null, action: 'consent.lapsed', subjectType: 'consent', subjectId: consent.consentId, personId: consent.personId, details: { reason: consent.textVersion === CONSENT_TEXT_VERSION ? 'expired' : 'new_text' } });
    }
    return { lapsed, asked: newText.length };
  });
}

async function remindBatch(ctx: AppContext, months: number): Promise<number> {
  const now = ctx.clock.now();
  const givenBefore = oldestValidGivenAt(new Date(now.getTime() + RENEWAL_REMINDER_DAYS * DAY_MS), months);
  return ctx.store.transaction(async (repos) => {
    let reminded = 0;
    for (const consent of await repos.retention.findToRemind(CONSENT_TEXT_VERSION, givenBefore, BATCH)) {
      if (!(await repos.retention.markReminded(consent.consentId, now))) continue;
      await ask(ctx, repos, consent, 'reminder', consentExpiresAt(consent.givenAt, months));
      reminded += 1;
    }
    return reminded;
  });
}

export async function lapseConsents(ctx: AppContext): Promise<{ lapsed: number; asked: number; reminded: number }> {
  const months = privacyOf(ctx).consentRenewMonths;
  const totals = { lapsed: 0, asked: 0, reminded: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const result = await lapseBatch(ctx, oldestValidGivenAt(ctx.clock.now(), months));
    totals.lapsed += result.lapsed;
    totals.asked += result.asked;
    if (result.lapsed < BATCH) break;
  }
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const reminded = await remindBatch(ctx, months);
    totals.reminded += reminded;
    if (reminded < BATCH) break;
  }
  return totals;
}
