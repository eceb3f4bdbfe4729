// One step to stop being asked: consent withdrawn, invitations waiting for an answer are
// withdrawn (unsent ones stopped), and those requests ask the next people.
import { PENDING_INVITATION_STATES, transitionInvitation } from '../domain/invitation-state.ts';
import type { ConsentSource } from '../domain/vocabulary.ts';
import type { AppContext } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { inviteCandidates } from './invite-candidates.ts';
import { invitationMessageKey } from '../domain/outbox-keys.ts';

export async function withdrawConsent(ctx: AppContext, actor: Actor, source: ConsentSource): Promise<{ withdrawnInvitations: number }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    // Lock order (src/db/store.ts): the requests first, ascending id, then the person (withdrawing the consent takes it).
    const waiting = await repos.invitations.findByPerson(actor.personId, PENDING_INVITATION_STATES);
    for (const requestId of [...new Set(waiting.map((invitation) => invitation.requestId))].sort()) await repos.requests.findByIdForUpdate(requestId);
    await repos.consents.withdrawAll(actor.personId, now, source);
    const pending = await repos.invitations.findByPerson(actor.personId, PENDING_INVITATION_STATES);
    for (const invitation of pending) {
      await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') });
    }
    await repos.outbox.cancelPending(pending.map((invitation) => invitationMessageKey(invitation.id)), 'consent withdrawn');
    await repos.audit.record({ actorId: actor.personId, action: 'consent.withdrawn', subjectType: 'person', subjectId: actor.personId, personId: actor.personId });
    for (const requestId of new Set(pending.map((invitation) => invitation.requestId))) {
      const request = await repos.requests.findByIdForUpdate(requestId);
      if (request) await inviteCandidates(ctx, repos, request);
    }
    return { withdrawnInvitations: pending.length };
  });
}
