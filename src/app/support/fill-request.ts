// Closing the circle when a request fills or is cancelled: the invitations in the given states
// are withdrawn, unsent ones stopped, and every message already shown is edited to say why.
import { PENDING_INVITATION_STATES, transitionInvitation, type InvitationState } from '../../domain/invitation-state.ts';
import { transitionRequest } from '../../domain/request-state.ts';
import { invitationMessageKey } from '../../domain/outbox-keys.ts';
import type { AppContext, InvitationRecord, Repositories, RequestRecord } from '../../ports.ts';
import { queueInvitationUpdate } from './live-messages.ts';
import { loadView, present, requestCardEntry, threadEntry } from './messages.ts';

/** Withdraws the request's invitations in these states; returns them as they were before. */
export async function withdrawInvitations(ctx: AppContext, repos: Repositories, request: RequestRecord, states: readonly InvitationState[], reason: string): Promise<InvitationRecord[]> {
  const invitations = await repos.invitations.findByRequest(request.id, states);
  if (invitations.length === 0) return [];
  const withdrawn: InvitationRecord[] = [];
  for (const invitation of invitations) {
    withdrawn.push(await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') }));
  }
  await repos.outbox.cancelPending(invitations.map((invitation) => invitationMessageKey(invitation.id)), reason);
  const view = await loadView(repos, request.id);
  for (const invitation of withdrawn) await queueInvitationUpdate(ctx, repos, invitation, { view });
  return invitations;
}

export async function fillRequest(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<void> {
  const now = ctx.clock.now();
  const filled = await repos.requests.update(request.id, { state: transitionRequest(request.state, 'fill'), filledAt: now });
  await withdrawInvitations(ctx, repos, filled, PENDING_INVITATION_STATES, 'request filled');
  const view = await loadView(repos, request.id);
  await repos.outbox.enqueue(present([threadEntry(ctx, filled, view, { kind: 'filled' }, `filled:${now.getTime()}`), requestCardEntry(ctx, filled, view, 'update')]));
  await repos.audit.record({ actorId: null, action: 'request.filled', subjectType: 'request', subjectId: request.id });
}
