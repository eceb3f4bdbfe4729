// The owner (or an admin) cancels a request that is still open for business. Everyone still
// involved is told, with the reason: those waiting for an answer see their invitation change,
// and those who said yes (confirmed or not) get a new message, so nobody turns up for nothing.
// Unsent invitations are stopped.
import { DomainError } from '../domain/errors.ts';
import { COMMITTED_INVITATION_STATES, PENDING_INVITATION_STATES } from '../domain/invitation-state.ts';
import { cancelledContributorCard } from '../domain/messages/lifecycle-cards.ts';
import { canTransitionRequest, transitionRequest } from '../domain/request-state.ts';
import type { AppContext, OutboxEntry, RequestRecord } from '../ports.ts';
import { hasRole, type Actor } from './support/actor.ts';
import { withdrawInvitations } from './support/fill-request.ts';
import { queueOwnerNoticeUpdate } from './support/live-messages.ts';
import { loadView, present, requestCardEntry, threadEntry, translatorsFor } from './support/messages.ts';
import { optionalText, parseInput } from './support/validation.ts';

const reasonSchema = optionalText(500);

export async function cancelRequest(ctx: AppContext, actor: Actor, requestId: string, reasonInput?: unknown): Promise<RequestRecord> {
  const reason = parseInput(reasonSchema, reasonInput ?? null);
  return ctx.store.transaction(async (repos) => {
    const current = await repos.requests.findByIdForUpdate(requestId);
    if (!current) throw new DomainError('not_found', `request ${requestId} not found`);
    if (actor.personId !== current.ownerId && !hasRole(actor, 'admin')) {
      throw new DomainError('forbidden', 'only the owner or an admin may cancel', { messageKey: 'lifecycle.stale.notOwner', params: { owner: (await loadView(repos, requestId)).ownerName } });
    }
    if (!canTransitionRequest(current.state, 'cancel')) {
      throw new DomainError('illegal_transition', `a ${current.state} request cannot be cancelled`, { params: { state: current.state }, messageKey: 'lifecycle.stale.ownerState' });
    }
    const request = await repos.requests.update(requestId, { state: transitionRequest(current.state, 'cancel'), cancelReason: reason, cancelledAt: ctx.clock.now() });
    const view = await loadView(repos, requestId);
    const committed = await repos.invitations.findByRequest(requestId, COMMITTED_INVITATION_STATES);
    const translators = await translatorsFor(ctx, repos, committed.map((invitation) => invitation.personId));
    const notes: OutboxEntry[] = committed.map((invitation) => ({
      idempotencyKey: `invitation:${invitation.id}:cancelled`,
      kind: 'direct',
      address: { kind: 'person', personId: invitation.personId },
      card: cancelledContributorCard(view, translators.get(invitation.personId)!),
      personId: invitation.personId,
      requestId,
    }));
    await repos.outbox.enqueue(notes);
    const withdrawn = await withdrawInvitations(ctx, repos, request, [...PENDING_INVITATION_STATES, ...COMMITTED_INVITATION_STATES], 'request cancelled');
    for (const invitation of committed) await queueOwnerNoticeUpdate(ctx, repos, { ...invitation, state: 'withdrawn' });
    await repos.audit.record({ actorId: actor.personId, action: 'request.cancelled', subjectType: 'request', subjectId: requestId, details: { withdrawn: withdrawn.length } });
    await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'cancelled', reason }, 'cancelled'), requestCardEntry(ctx, request, view, 'update')]));
    return request;
  });
}
