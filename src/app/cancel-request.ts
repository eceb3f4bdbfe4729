// The owner (or an admin) cancels a request that is still open for business. Everyone asked
// is told, with the reason; invitations not yet sent are stopped.
import { DomainError } from '../domain/errors.ts';
import { transitionRequest } from '../domain/request-state.ts';
import type { AppContext, RequestRecord } from '../ports.ts';
import { requireOwnerOrAdmin, type Actor } from './support/actor.ts';
import { withdrawInvitations } from './support/fill-request.ts';
import { loadView, present, requestCardEntry, threadEntry } from './support/messages.ts';
import { optionalText, parseInput } from './support/validation.ts';

const reasonSchema = optionalText(500);

export async function cancelRequest(ctx: AppContext, actor: Actor, requestId: string, reasonInput?: unknown): Promise<RequestRecord> {
  const reason = parseInput(reasonSchema, reasonInput ?? null);
  return ctx.store.transaction(async (repos) => {
    const current = await repos.requests.findByIdForUpdate(requestId);
    if (!current) throw new DomainError('not_found', `request ${requestId} not found`);
    requireOwnerOrAdmin(actor, current.ownerId);
    const request = await repos.requests.update(requestId, {
      state: transitionRequest(current.state, 'cancel'),
      cancelReason: reason,
      cancelledAt: ctx.clock.now(),
    });
    await withdrawInvitations(ctx, repos, request, ['queued', 'sent', 'accepted'], { kind: 'cancelled', reason });
    await repos.audit.record({ actorId: actor.personId, action: 'request.cancelled', subjectType: 'request', subjectId: requestId });
    const view = await loadView(repos, requestId);
    await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'cancelled', reason }, 'cancelled'), requestCardEntry(ctx, request, view, 'update')]));
    return request;
  });
}
