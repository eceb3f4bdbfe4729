// Scheduled: invitations whose reply time has passed expire (their message says so) and each
// affected request asks the next candidates; the thread says what really came next. An
// invitation still queued (waiting for the alumnus' working hours) keeps waiting until the
// request's own deadline. Safe to run on several instances: each request is handled under its
// row lock, and an invitation already expired is skipped.
import { transitionInvitation, type InvitationState } from '../domain/invitation-state.ts';
import { invitationMessageKey } from '../domain/outbox-keys.ts';
import type { AppContext, InvitationRecord, RequestRecord } from '../ports.ts';
import { queueInvitationUpdate } from './support/live-messages.ts';
import { askNext } from './support/next-wave.ts';

function isStale(invitation: InvitationRecord, request: RequestRecord, now: Date): boolean {
  if (invitation.state === 'queued') return request.replyBy <= now;
  return invitation.expiresAt !== null && invitation.expiresAt <= now;
}

const WAITING: readonly InvitationState[] = ['queued', 'sent'];

export async function expireInvitations(ctx: AppContext, batchSize = 200): Promise<{ expired: number; invited: number }> {
  const due = await ctx.store.transaction((repos) => repos.invitations.findExpired(ctx.clock.now(), batchSize));
  let expired = 0;
  let invited = 0;
  for (const requestId of new Set(due.map((invitation) => invitation.requestId))) {
    const result = await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(requestId);
      if (!request || request.state !== 'open') return { expired: 0, invited: 0 };
      const now = ctx.clock.now();
      const stale = (await repos.invitations.findByRequest(requestId, WAITING)).filter((invitation) => isStale(invitation, request, now));
      if (stale.length === 0) return { expired: 0, invited: 0 };
      for (const invitation of stale) {
        const updated = await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'expire') });
        await queueInvitationUpdate(ctx, repos, updated);
      }
      await repos.outbox.cancelPending(stale.map((invitation) => invitationMessageKey(invitation.id)), 'expired before sending');
      const outcome = await askNext(ctx, repos, request, (next) => ({ kind: 'expired', count: stale.length, next }), stale[0]!.id);
      return { expired: stale.length, invited: outcome.invited };
    });
    expired += result.expired;
    invited += result.invited;
  }
  return { expired, invited };
}
