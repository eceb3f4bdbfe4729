// The owner has reviewed the shortlist and sends the invitations: draft → open.
import { DomainError } from '../domain/errors.ts';
import { transitionRequest } from '../domain/request-state.ts';
import type { AppContext, RequestRecord } from '../ports.ts';
import { requireOwnerOrAdmin, type Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry } from './support/messages.ts';
import { inviteCandidates } from './invite-candidates.ts';

export async function openRequest(ctx: AppContext, actor: Actor, requestId: string): Promise<{ request: RequestRecord; invited: number }> {
  return ctx.store.transaction(async (repos) => {
    const current = await repos.requests.findByIdForUpdate(requestId);
    if (!current) throw new DomainError('not_found', `request ${requestId} not found`);
    requireOwnerOrAdmin(actor, current.ownerId);
    const request = await repos.requests.update(requestId, { state: transitionRequest(current.state, 'open'), openedAt: ctx.clock.now() });
    await repos.audit.record({ actorId: actor.personId, action: 'request.opened', subjectType: 'request', subjectId: requestId });
    await repos.outbox.enqueue(present([requestCardEntry(ctx, request, await loadView(repos, requestId), 'post')]));
    return { request, invited: await inviteCandidates(ctx, repos, request) };
  });
}
