// Closing the circle when a request fills or is cancelled: everyone still waiting has their
// invitation withdrawn, unsent invitations are stopped, and sent ones are edited to say why.
import { PENDING_INVITATION_STATES, transitionInvitation, type InvitationState } from '../../domain/invitation-state.ts';
import type { InvitationOutcome } from '../../domain/messages/invitation-cards.ts';
import { transitionRequest } from '../../domain/request-state.ts';
import type { AppContext, OutboxEntry, Repositories, RequestRecord } from '../../ports.ts';
import { invitationUpdateEntry, loadView, present, requestCardEntry, threadEntry, translatorsFor } from './messages.ts';
import { invitationMessageKey } from '../../domain/outbox-keys.ts';

export async function withdrawInvitations(
  ctx: AppContext,
  repos: Repositories,
  request: RequestRecord,
  states: readonly InvitationState[],
  outcome: InvitationOutcome,
): Promise<void> {
  const invitations = await repos.invitations.findByRequest(request.id, states);
  if (invitations.length === 0) return;
  for (const invitation of invitations) {
    await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') });
  }
  await repos.outbox.cancelPending(invitations.map((invitation) => invitationMessageKey(invitation.id)), `request ${outcome.kind}`);
  const view = await loadView(repos, request.id);
  const translators = await translatorsFor(ctx, repos, invitations.map((invitation) => invitation.personId));
  const updates: OutboxEntry[] = invitations
    .filter((invitation) => invitation.state !== 'queued')
    .map((invitation) => invitationUpdateEntry(invitation.id, invitation.personId, outcome, view, translators.get(invitation.personId)!));
  await repos.outbox.enqueue(updates);
}

export async function fillRequest(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<void> {
  const filled = await repos.requests.update(request.id, { state: transitionRequest(request.state, 'fill'), filledAt: ctx.clock.now() });
  await withdrawInvitations(ctx, repos, filled, PENDING_INVITATION_STATES, { kind: 'filled' });
  const view = await loadView(repos, request.id);
  await repos.outbox.enqueue(present([threadEntry(ctx, filled, view, { kind: 'filled' }, 'filled'), requestCardEntry(ctx, filled, view, 'update')]));
  await repos.audit.record({ actorId: null, action: 'request.filled', subjectType: 'request', subjectId: request.id });
}
