// The owner (or an admin) confirms an alumnus who said yes: accepted → confirmed.
import { DomainError } from '../domain/errors.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import { plainOutcome } from '../domain/messages/invitation-cards.ts';
import type { AppContext, InvitationRecord } from '../ports.ts';
import { requireOwnerOrAdmin, type Actor } from './support/actor.ts';
import { loadView, present, threadEntry, translatorFor } from './support/messages.ts';

export async function confirmContributor(ctx: AppContext, actor: Actor, invitationId: string): Promise<InvitationRecord> {
  return ctx.store.transaction(async (repos) => {
    const found = await repos.invitations.findById(invitationId);
    if (!found) throw new DomainError('not_found', `invitation ${invitationId} not found`);
    const request = await repos.requests.findByIdForUpdate(found.requestId);
    if (!request) throw new DomainError('not_found', 'request gone');
    requireOwnerOrAdmin(actor, request.ownerId);
    if (request.state === 'cancelled') throw new DomainError('illegal_transition', 'request cancelled', { params: { state: request.state } });
    const invitation = (await repos.invitations.findById(invitationId))!;
    const confirmed = await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'confirm'), confirmedAt: ctx.clock.now() });
    await repos.audit.record({ actorId: actor.personId, action: 'invitation.confirmed', subjectType: 'invitation', subjectId: invitation.id, personId: invitation.personId });
    const view = await loadView(repos, request.id);
    const contacts = await repos.people.findContacts([invitation.personId]);
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
        threadEntry(ctx, request, view, { kind: 'confirmed', name: contacts.get(invitation.personId)?.displayName ?? '?' }, invitation.id),
      ]),
    );
    return confirmed;
  });
}
