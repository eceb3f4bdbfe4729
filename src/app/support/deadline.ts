// When a request's reply deadline passes with places still open: invitations still waiting
// expire, the owner is told with their choices (a week more, go ahead with those who said yes,
// cancel), those who said yes hear where things stand, and the thread and card say so.
import { COMMITTED_INVITATION_STATES, PENDING_INVITATION_STATES, transitionInvitation } from '../../domain/invitation-state.ts';
import { deadlineContributorCard, deadlineOwnerCard } from '../../domain/messages/lifecycle-cards.ts';
import { invitationMessageKey, ownerDecisionKey } from '../../domain/outbox-keys.ts';
import type { AppContext, OutboxEntry, Repositories, RequestRecord } from '../../ports.ts';
import { queueInvitationUpdate } from './live-messages.ts';
import { loadView, present, requestCardEntry, threadEntry, translatorsFor } from './messages.ts';

/** Expires the invitations still waiting for an answer; returns how many. */
export async function expireWaiting(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<number> {
  const waiting = await repos.invitations.findByRequest(request.id, PENDING_INVITATION_STATES);
  for (const invitation of waiting) {
    const expired = await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'expire') });
    await queueInvitationUpdate(ctx, repos, expired);
  }
  await repos.outbox.cancelPending(waiting.map((invitation) => invitation.id).map(invitationMessageKey), 'reply deadline passed');
  return waiting.length;
}

/** Tells everyone concerned that the deadline passed (once per deadline). Call with the request locked. */
export async function noticeDeadline(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<void> {
  const expired = await expireWaiting(ctx, repos, request);
  await repos.requests.update(request.id, { deadlineNoticeFor: request.replyBy });
  const view = await loadView(repos, request.id);
  if (view.committed >= view.needed) return;
  const at = request.replyBy.getTime();
  const committed = await repos.invitations.findByRequest(request.id, COMMITTED_INVITATION_STATES);
  const translators = await translatorsFor(ctx, repos, [request.ownerId, ...committed.map((invitation) => invitation.personId)]);
  const notes: OutboxEntry[] = committed.map((invitation) => ({
    idempotencyKey: `invitation:${invitation.id}:deadline:${at}`,
    kind: 'direct',
    address: { kind: 'person', personId: invitation.personId },
    card: deadlineContributorCard(view, translators.get(invitation.personId)!),
    personId: invitation.personId,
    requestId: request.id,
  }));
  await repos.outbox.enqueue(
    present([
      expired > 0 ? threadEntry(ctx, request, view, { kind: 'expired', count: expired, next: { kind: 'deadline' } }, `deadline:${at}`) : null,
      threadEntry(ctx, request, view, { kind: 'deadline_passed' }, String(at)),
      {
        idempotencyKey: ownerDecisionKey(request.id, `deadline:${at}`),
        kind: 'direct',
        address: { kind: 'person', personId: request.ownerId },
        card: deadlineOwnerCard(view, translators.get(request.ownerId)!),
        personId: request.ownerId,
        requestId: request.id,
      },
      ...notes,
      requestCardEntry(ctx, request, view, 'update'),
    ]),
  );
  await repos.audit.record({ actorId: null, action: 'request.deadline_passed', subjectType: 'request', subjectId: request.id, details: { committed: view.committed, needed: view.needed, expired } });
}
