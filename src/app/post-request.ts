// Staff post a request. It opens at once and the first wave of invitations goes out, or, when
// the owner asked to review the shortlist, it waits as a draft with the shortlist sent to them.
import { DomainError } from '../domain/errors.ts';
import { shortlistCard } from '../domain/messages/staff-cards.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext, Repositories, RequestRecord } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry, translatorFor } from './support/messages.ts';
import { checkCatalog, requestInputSchema } from './support/request-input.ts';
import { parseInput } from './support/validation.ts';
import { findMatches, inviteCandidates } from './invite-candidates.ts';

export interface PostRequestResult {
  request: RequestRecord;
  invited: number;
}

/**
 * `submission` identifies the form submission (platform + id): a second submission of the same
 * form (a double click, a platform retry) is refused with code `duplicate` and does nothing.
 */
export async function postRequest(ctx: AppContext, actor: Actor, input: unknown, submission?: { platform: Platform; id: string }): Promise<PostRequestResult> {
  requireRole(actor, 'staff', 'admin');
  const now = ctx.clock.now();
  const { channel, ...data } = parseInput(requestInputSchema(now), input);
  return ctx.store.transaction(async (repos) => {
    if (submission && !(await repos.events.claim(submission.platform, `submission:${submission.id}`))) {
      throw new DomainError('duplicate', 'this form was submitted before');
    }
    await checkCatalog(repos, data.unitId, data.programmeId);
    let request = await repos.requests.create({ ...data, oversample: ctx.settings.oversample, ownerId: actor.personId, channel });
    await repos.audit.record({ actorId: actor.personId, action: 'request.posted', subjectType: 'request', subjectId: request.id });
    if (request.reviewShortlist) {
      await sendShortlist(ctx, repos, request);
      return { request, invited: 0 };
    }
    request = await repos.requests.update(request.id, { state: 'open', openedAt: now });
    await repos.outbox.enqueue(present([requestCardEntry(ctx, request, await loadView(repos, request.id), 'post')]));
    const invited = await inviteCandidates(ctx, repos, request);
    return { request, invited };
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
