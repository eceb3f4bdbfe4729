// A message the platform would not take, for good. Where it matters, the core reacts: an
// invitation that cannot reach its alumnus is withdrawn and the next candidate is asked; a
// request card that cannot be posted is reported to the request's owner.
import { textCard } from '../domain/cards.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import type { AppContext, OutboxKind } from '../ports.ts';
import { inviteCandidates } from './invite-candidates.ts';
import { translatorFor } from './support/messages.ts';
import { invitationIdOfKey } from '../domain/outbox-keys.ts';

export interface Undeliverable {
  kind: OutboxKind;
  idempotencyKey: string;
  requestId: string | null;
  reason: string;
}

export async function reportUndeliverable(ctx: AppContext, message: Undeliverable): Promise<void> {
  if (message.kind === 'invitation') {
    const invitationId = invitationIdOfKey(message.idempotencyKey) ?? '';
    await ctx.store.transaction(async (repos) => {
      const invitation = await repos.invitations.findById(invitationId);
      if (!invitation || invitation.state !== 'queued') return;
      const request = await repos.requests.findByIdForUpdate(invitation.requestId);
      await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') });
      if (request && message.reason === 'not_installed') {
        const name = (await repos.people.findContacts([invitation.personId])).get(invitation.personId)?.displayName ?? '?';
        const tr = await translatorFor(ctx, repos, request.ownerId);
        await repos.outbox.enqueue([
          {
            idempotencyKey: `invitation:${invitation.id}:not-installed`,
            kind: 'direct',
            address: { kind: 'person', personId: request.ownerId },
            card: textCard(tr.t('delivery.notInstalled', { name, title: request.title })),
            personId: request.ownerId,
            requestId: request.id,
          },
        ]);
      }
      await repos.audit.record({ actorId: null, action: 'invitation.undeliverable', subjectType: 'invitation', subjectId: invitation.id, personId: invitation.personId, details: { reason: message.reason } });
      if (request) await inviteCandidates(ctx, repos, request);
    });
  } else if (message.kind === 'request_card' && message.requestId) {
    const requestId = message.requestId;
    await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findById(requestId);
      if (!request) return;
      const tr = await translatorFor(ctx, repos, request.ownerId);
      await repos.outbox.enqueue([
        {
          idempotencyKey: `request:${request.id}:card-failed`,
          kind: 'direct',
          address: { kind: 'person', personId: request.ownerId },
          card: textCard(tr.t('delivery.cardFailed', { title: request.title, reason: message.reason })),
          personId: request.ownerId,
          requestId: request.id,
        },
      ]);
    });
  }
}
