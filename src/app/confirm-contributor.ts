// The owner (or an admin) confirms an alumnus who said yes: accepted → confirmed. The owner's
// notice loses its Confirm button; a second press, or one on someone who withdrew, changes
// nothing and is answered for the owner.
import type { Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import { plainOutcome } from '../domain/messages/invitation-cards.ts';
import { staleConfirmKey } from '../domain/stale-press.ts';
import type { AppContext, InvitationRecord } from '../ports.ts';
import { hasRole, type Actor } from './support/actor.ts';
import { IN_PLACE_DELAY_MS, ownerNoticeNow, queueInvitationUpdate, queueOwnerNoticeUpdate } from './support/live-messages.ts';
import { loadView, present, threadEntry, translatorFor } from './support/messages.ts';

export interface ConfirmResult {
  invitation: InvitationRecord;
  /** The owner's notice as it should look now (update it in place). */
  card: Card;
}

export async function confirmContributor(ctx: AppContext, actor: Actor, invitationId: string): Promise<ConfirmResult> {
  return ctx.store.transaction(async (repos) => {
    const found = await repos.invitations.findById(invitationId);
    if (!found) throw new DomainError('not_found', `invitation ${invitationId} not found`);
    const request = await repos.requests.findByIdForUpdate(found.requestId);
    if (!request) throw new DomainError('not_found', 'request gone');
    const view = await loadView(repos, request.id);
    if (actor.personId !== request.ownerId && !hasRole(actor, 'admin')) {
      throw new DomainError('forbidden', 'only the owner or an admin may confirm', { messageKey: 'lifecycle.stale.notOwner', params: { owner: view.ownerName } });
    }
    const invitation = (await repos.invitations.findById(invitationId))!;
    const name = (await repos.people.findContacts([invitation.personId])).get(invitation.personId)?.displayName ?? '?';
    const stale = staleConfirmKey(invitation.state, request.state);
    if (stale) throw new DomainError('illegal_transition', `cannot confirm a ${invitation.state} invitation`, { messageKey: stale, params: { name } });
    const confirmed = await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'confirm'), confirmedAt: ctx.clock.now() });
    await repos.audit.record({ actorId: actor.personId, action: 'invitation.confirmed', subjectType: 'invitation', subjectId: invitation.id, personId: invitation.personId });
    await queueInvitationUpdate(ctx, repos, confirmed, { view });
    const tr = await translatorFor(ctx, repos, invitation.personId);
    await repos.outbox.enqueue(
      present([
        {
          idempotencyKey: `invitation:${invitation.id}:confirmed`,
          kind: 'direct',
          address: { kind: 'person', personId: invitation.personId },
          card: plainOutcome({ kind: 'confirmed' }, view, tr),
          personId: invitation.personId,
          requestId: request.id,
        },
        threadEntry(ctx, request, view, { kind: 'confirmed', name }, invitation.id),
      ]),
    );
    await queueOwnerNoticeUpdate(ctx, repos, confirmed, { delayMs: IN_PLACE_DELAY_MS });
    return { invitation: confirmed, card: await ownerNoticeNow(ctx, repos, confirmed) };
  });
}
