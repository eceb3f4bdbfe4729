// The owner (or an admin) presses "Mark as held" on the request card or their notice: for an
// engagement that ended early, or before the hourly job would notice. The request completes at
// once and the feedback forms go out. A second press, or one on a request already completed or
// cancelled, changes nothing and says why.
import { DomainError } from '../../domain/errors.ts';
import { canTransitionRequest } from '../../domain/request-state.ts';
import type { AppContext } from '../../ports.ts';
import { requireOwnerOrAdmin, type Actor } from '../support/actor.ts';
import { completeRequest } from '../support/complete-request.ts';
import { translatorFor } from '../support/messages.ts';

export async function markHeld(ctx: AppContext, actor: Actor, requestId: string): Promise<{ notice: string }> {
  return ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findByIdForUpdate(requestId);
    if (!request) throw new DomainError('not_found', `request ${requestId} not found`);
    requireOwnerOrAdmin(actor, request.ownerId);
    if (!canTransitionRequest(request.state, 'complete')) throw new DomainError('illegal_transition', `a ${request.state} request cannot be marked as held`, { params: { state: request.state } });
    await completeRequest(ctx, repos, request, actor.personId);
    const tr = await translatorFor(ctx, repos, actor.personId);
    return { notice: tr.t('forms.markedHeld', { title: request.title }) };
  });
}
