// The owner (or an admin) presses "Mark as held" on the request card or their notice: for an
// engagement that ended early, or before the hourly job would notice. The request completes at
// once and the feedback forms go out. A press before the engagement has started, a second press,
// or one on a request already completed or cancelled changes nothing and says why.
import { DomainError } from '../../domain/errors.ts';
import { canTransitionRequest } from '../../domain/request-state.ts';
import type { AppContext } from '../../ports.ts';
import { hasRole, type Actor } from '../support/actor.ts';
import { completeRequest } from '../support/complete-request.ts';
import { translatorFor } from '../support/messages.ts';

export async function markHeld(ctx: AppContext, actor: Actor, requestId: string): Promise<{ notice: string }> {
  return ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findByIdForUpdate(requestId);
    if (!request) throw new DomainError('not_found', `request ${requestId} not found`);
    if (actor.personId !== request.ownerId && !hasRole(actor, 'admin')) {
      const owner = (await repos.people.findContacts([request.ownerId])).get(request.ownerId)?.displayName ?? '?';
      throw new DomainError('forbidden', 'only the owner or an admin may mark a request as held', { messageKey: 'lifecycle.stale.notOwner', params: { owner } });
    }
    if (!canTransitionRequest(request.state, 'complete')) throw new DomainError('illegal_transition', `a ${request.state} request cannot be marked as held`, { params: { state: request.state } });
    const tr = await translatorFor(ctx, repos, actor.personId);
    if (request.startsAt > ctx.clock.now()) {
      throw new DomainError('illegal_transition', 'the engagement has not started', { messageKey: 'forms.errors.notStarted', params: { title: request.title, date: tr.dateTime(request.startsAt) } });
    }
    await completeRequest(ctx, repos, request, actor.personId);
    return { notice: tr.t('forms.markedHeld', { title: request.title }) };
  });
}
