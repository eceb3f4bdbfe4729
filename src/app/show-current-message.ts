// What a message someone pressed a button on should show now. After a press that changed
// nothing (the message was old), the adapter puts this in place of the old message, so an old
// button never stays live: an alumnus sees their invitation as it is, an owner their notice.
import type { ActionId, Card } from '../domain/cards.ts';
import type { AppContext } from '../ports.ts';
import { hasRole, type Actor } from './support/actor.ts';
import { invitationCardNow, ownerNoticeNow } from './support/live-messages.ts';

export async function showCurrentMessage(ctx: AppContext, actor: Actor, action: ActionId, id: string, options: { inChannel?: boolean } = {}): Promise<Card | null> {
  const about = action.startsWith('invitation_') ? 'invitation' : action === 'request_confirm' ? 'owner_notice' : null;
  if (about === null || id === '') return null;
  return ctx.store.transaction(async (repos) => {
    const invitation = await repos.invitations.findById(id);
    if (!invitation) return null;
    if (about === 'invitation') return invitation.personId === actor.personId ? invitationCardNow(ctx, repos, invitation) : null;
    const request = await repos.requests.findById(invitation.requestId);
    if (!request || (request.ownerId !== actor.personId && !hasRole(actor, 'admin'))) return null;
    return ownerNoticeNow(ctx, repos, invitation, { inThread: options.inChannel === true });
  });
}
