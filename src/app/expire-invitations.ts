// Scheduled: invitations whose reply time has passed expire (their message says so) and each
// affected request asks the next candidates. Safe to run on several instances: each request
// is handled under its row lock, and an invitation already expired is skipped.
import { transitionInvitation } from '../domain/invitation-state.ts';
import type { AppContext } from '../ports.ts';
import { invitationUpdateEntry, loadView, present, threadEntry, translatorsFor } from './support/messages.ts';
import { inviteCandidates } from './invite-candidates.ts';
import { invitationMessageKey } from '../domain/outbox-keys.ts';

export async function expireInvitations(ctx: AppContext, batchSize = 200): Promise<{ expired: number; invited: number }> {
  const due = await ctx.store.transaction((repos) => repos.invitations.findExpired(ctx.clock.now(), batchSize));
  let expired = 0;
  let invited = 0;
  for (const requestId of new Set(due.map((invitation) => invitation.requestId))) {
    const result = await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(requestId);
      if (!request || request.state !== 'open') return { expired: 0, invited: 0 };
      const now = ctx.clock.now();
      const stale = (await repos.invitations.findByRequest(requestId, ['queued', 'sent'])).filter((invitation) => invitation.expiresAt !== null && invitation.expiresAt <= now);
      if (stale.length === 0) return { expired: 0, invited: 0 };
      for (const invitation of stale) await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'expire') });
      await repos.outbox.cancelPending(stale.map((invitation) => invitationMessageKey(invitation.id)), 'expired before sending');
      const view = await loadView(repos, requestId);
      const translators = await translatorsFor(ctx, repos, stale.map((invitation) => invitation.personId));
      await repos.outbox.enqueue(
        present([
          ...stale.filter((invitation) => invitation.state === 'sent').map((invitation) => invitationUpdateEntry(invitation.id, invitation.personId, { kind: 'expired' }, view, translators.get(invitation.personId)!)),
          threadEntry(ctx, request, view, { kind: 'expired', count: stale.length }, stale[0]!.id),
        ]),
      );
      return { expired: stale.length, invited: await inviteCandidates(ctx, repos, request) };
    });
    expired += result.expired;
    invited += result.invited;
  }
  return { expired, invited };
}
