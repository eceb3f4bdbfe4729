// Staff post a request. It opens at once and the first wave of invitations goes out, or, when
// the owner asked to review the shortlist, it waits as a draft with the shortlist sent to them.
import { shortlistCard } from '../domain/messages/staff-cards.ts';
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

export async function postRequest(ctx: AppContext, actor: Actor, input: unknown): Promise<PostRequestResult> {
  requireRole(actor, 'staff', 'admin');
  const now = ctx.clock.now();
  const { channel, ...data } = parseInput(requestInputSchema(now), input);
  return ctx.store.transaction(async (repos) => {
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
