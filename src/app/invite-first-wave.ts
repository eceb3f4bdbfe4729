// Behind the request form's answer: a submitted request's first wave (its first invitations, or,
// when the owner asked to review the shortlist, the shortlist), in a transaction of its own under
// the request's lock. The listener runs it for its request right after answering; the
// `invite-first-waves` job runs it every 30 seconds for every request that has waited longer than
// FIRST_WAVE_GRACE_MS (an instance that stopped between the answer and the wave, a try that
// failed); younger ones are left to their listener, which is about to send them. Whoever takes the
// lock second finds the wave done, so it goes out once, however many instances try.
// A failed try is counted and left to the job; a refusal by the core (a DomainError other than a
// concurrent write) or the FIRST_WAVE_MAX_ATTEMPTS-th failure gives up: the owner is told by a
// direct message in their language. "Nobody matches" is no failure: the owner hears it as before.
import { DomainError } from '../domain/errors.ts';
import { firstWaveFailedCard } from '../domain/messages/first-wave-cards.ts';
import { shortlistCard } from '../domain/messages/staff-cards.ts';
import { ownerDecisionKey } from '../domain/outbox-keys.ts';
import type { AppContext, Repositories, RequestRecord } from '../ports.ts';
import { loadView, translatorFor } from './support/messages.ts';
import { findMatches, inviteCandidates } from './invite-candidates.ts';

/** Tries before the owner is told the first wave failed (the job tries every 30 seconds). */
export const FIRST_WAVE_MAX_ATTEMPTS = 5;

/**
 * How long the job leaves a first wave to the listener that answered the form. Their listener
 * sends them within seconds, later only behind a burst of forms (platforms/slack/listeners/answers-first.ts);
 * the job taking them meanwhile would only add matching work while the instance is busiest.
 */
export const FIRST_WAVE_GRACE_MS = 30_000;

/** `done_before`: nothing was waiting (another instance sent it, or it was given up). */
export type FirstWaveOutcome = 'invited' | 'shortlist' | 'done_before' | 'given_up';

export interface FirstWaveResult {
  outcome: FirstWaveOutcome;
  invited: number;
}

/** Sends the first wave of one request if it still waits; throws when the try failed and will be tried again. */
export async function inviteFirstWave(ctx: AppContext, requestId: string): Promise<FirstWaveResult> {
  try {
    return await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(requestId);
      if (!request?.firstWaveDueAt) return { outcome: 'done_before', invited: 0 };
      await repos.requests.update(request.id, { firstWaveDueAt: null });
      if (request.state === 'draft' && request.reviewShortlist) {
        await sendShortlist(ctx, repos, request);
        return { outcome: 'shortlist', invited: 0 };
      }
      return { outcome: 'invited', invited: await inviteCandidates(ctx, repos, request) };
    });
  } catch (error) {
    const outcome = await countFailure(ctx, requestId, error);
    if (outcome === 'retry') throw error;
    return { outcome, invited: 0 };
  }
}

/** The scheduled mend: every request whose first wave has waited longer than the grace, longest waiting first. */
export async function inviteFirstWaves(ctx: AppContext, batchSize = 50): Promise<{ invited: number; shortlists: number; givenUp: number }> {
  const dueBefore = new Date(ctx.clock.now().getTime() - FIRST_WAVE_GRACE_MS);
  const due = await ctx.store.transaction((repos) => repos.requests.findFirstWaveDue(dueBefore, batchSize));
  const totals = { invited: 0, shortlists: 0, givenUp: 0 };
  let firstError: unknown;
  for (const id of due) {
    try {
      const result = await inviteFirstWave(ctx, id);
      totals.invited += result.invited;
      if (result.outcome === 'shortlist') totals.shortlists += 1;
      if (result.outcome === 'given_up') totals.givenUp += 1;
    } catch (error) {
      // One request failing does not hold up the others; the first failure is reported once all were tried.
      firstError ??= error;
    }
  }
  if (firstError !== undefined) throw firstError;
  return totals;
}

const gaveUp = (error: unknown) => error instanceof DomainError && error.code !== 'conflict';

/** Records a failed try: `retry` (the job tries again) or `given_up` (the owner is told). */
async function countFailure(ctx: AppContext, requestId: string, error: unknown): Promise<'retry' | 'given_up' | 'done_before'> {
  return ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findByIdForUpdate(requestId);
    if (!request?.firstWaveDueAt) return 'done_before';
    const attempts = (request.firstWaveAttempts ?? 0) + 1;
    if (!gaveUp(error) && attempts < FIRST_WAVE_MAX_ATTEMPTS) {
      await repos.requests.update(requestId, { firstWaveAttempts: attempts });
      return 'retry';
    }
    await repos.requests.update(requestId, { firstWaveAttempts: attempts, firstWaveDueAt: null });
    const code = error instanceof DomainError ? error.code : 'error';
    await repos.audit.record({ actorId: null, action: 'request.first_wave_failed', subjectType: 'request', subjectId: requestId, details: { code, attempts } });
    await repos.outbox.enqueue([
      {
        idempotencyKey: ownerDecisionKey(requestId, 'first-wave-failed'),
        kind: 'direct',
        address: { kind: 'person', personId: request.ownerId },
        card: firstWaveFailedCard({ id: request.id, title: request.title, draft: request.state === 'draft' }, await translatorFor(ctx, repos, request.ownerId)),
        personId: request.ownerId,
        requestId,
      },
    ]);
    return 'given_up';
  });
}

/** Sends the owner the people who would be invited first, with a button to go ahead. */
export async function sendShortlist(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<void> {
  const matches = await findMatches(ctx, repos, request, request.needed * request.oversample);
  const contacts = await repos.people.findContacts(matches.map((match) => match.personId));
  const entries = matches.map((match) => ({ name: contacts.get(match.personId)?.displayName ?? '?', reasons: match.reasons }));
  const tr = await translatorFor(ctx, repos, request.ownerId);
  await repos.outbox.enqueue([
    {
      idempotencyKey: `request:${request.id}:shortlist`,
      kind: 'direct',
      address: { kind: 'person', personId: request.ownerId },
      card: shortlistCard(await loadView(repos, request.id), entries, tr),
      personId: request.ownerId,
      requestId: request.id,
    },
  ]);
}
