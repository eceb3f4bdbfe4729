// An alumnus who said yes (confirmed or not) can no longer take part. Their invitation is
// withdrawn, the owner is told (and their notice's Confirm goes away), the thread and card
// follow, a filled request opens again, and the next person is asked. When the deadline has
// passed there is nobody new to ask: the owner gets their choices instead.
import type { Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { isCommittedInvitation, transitionInvitation } from '../domain/invitation-state.ts';
import { withdrewOwnerCard, type AfterWithdrawal } from '../domain/messages/lifecycle-cards.ts';
import { ownerWithdrawnKey } from '../domain/outbox-keys.ts';
import { isUnderWay, transitionRequest } from '../domain/request-state.ts';
import { staleAlumnusKey } from '../domain/stale-press.ts';
import type { AppContext, InvitationRecord } from '../ports.ts';
import { loadOwnInvitation } from './answer-invitation.ts';
import type { Actor } from './support/actor.ts';
import { IN_PLACE_DELAY_MS, invitationCardNow, queueInvitationUpdate, queueOwnerNoticeUpdate } from './support/live-messages.ts';
import { loadView, present, requestCardEntry, translatorFor } from './support/messages.ts';
import { noticeDeadline } from './support/deadline.ts';
import { askNext } from './support/next-wave.ts';

export interface WithdrawResult {
  invitation: InvitationRecord;
  /** What the alumnus' message should show now (update it in place). */
  card: Card;
}

export async function withdrawAcceptance(ctx: AppContext, actor: Actor, invitationId: string): Promise<WithdrawResult> {
  return ctx.store.transaction(async (repos) => {
    const first = await loadOwnInvitation(repos, actor, invitationId);
    const locked = await repos.requests.findByIdForUpdate(first.requestId);
    if (!locked) throw new DomainError('not_found', 'request gone');
    const invitation = (await repos.invitations.findById(invitationId))!;
    if (!isCommittedInvitation(invitation.state)) {
      throw new DomainError('already_answered', `a ${invitation.state} invitation cannot be withdrawn`, { messageKey: staleAlumnusKey(invitation.state, locked.state) ?? 'lifecycle.stale.notCommitted' });
    }
    if (!isUnderWay(locked.state)) throw new DomainError('already_answered', `request is ${locked.state}`, { messageKey: locked.state === 'cancelled' ? 'lifecycle.stale.cancelled' : 'lifecycle.stale.over' });
    const withdrawn = await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') });
    const request = locked.state === 'filled' ? await repos.requests.update(locked.id, { state: transitionRequest(locked.state, 'reopen') }) : locked;
    await repos.audit.record({ actorId: actor.personId, action: 'invitation.withdrawn_by_alumnus', subjectType: 'invitation', subjectId: invitation.id, personId: actor.personId });
    const outcome = await askNext(ctx, repos, request, () => ({ kind: 'withdrew', name: actor.displayName }), invitation.id);
    const told = request.deadlineNoticeFor?.getTime() === request.replyBy.getTime();
    if (outcome.next.kind === 'deadline' && !told) await noticeDeadline(ctx, repos, request);
    const view = await loadView(repos, request.id);
    const next: AfterWithdrawal = outcome.next.kind;
    await repos.outbox.enqueue(
      present([
        {
          idempotencyKey: ownerWithdrawnKey(invitation.id),
          kind: 'direct',
          address: { kind: 'person', personId: request.ownerId },
          card: withdrewOwnerCard(actor.displayName, view, await translatorFor(ctx, repos, request.ownerId), next),
          personId: request.ownerId,
          requestId: request.id,
        },
        requestCardEntry(ctx, request, view, 'update'),
      ]),
    );
    await queueOwnerNoticeUpdate(ctx, repos, withdrawn);
    await queueInvitationUpdate(ctx, repos, withdrawn, { view, delayMs: IN_PLACE_DELAY_MS });
    return { invitation: withdrawn, card: await invitationCardNow(ctx, repos, withdrawn, view) };
  });
}
