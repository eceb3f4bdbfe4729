// A message the platform would not take, for good. Where it matters, the core reacts: an
// invitation that cannot reach its alumnus is withdrawn and the next candidate is asked; a
// request card that cannot be posted is reported to the request's owner; a message to the
// owner that cannot reach them (in Teams: no personal chat with the bot) goes to the request's
// thread instead, buttons and all, so they can still confirm people and decide.
import { card, textCard, type Card } from '../domain/cards.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import { invitationIdOfKey, isOwnerMessageKey, threadFallbackKey } from '../domain/outbox-keys.ts';
import type { AppContext, OutboxKind } from '../ports.ts';
import { loadView, translatorFor } from './support/messages.ts';
import { askNext } from './support/next-wave.ts';

export interface Undeliverable {
  kind: OutboxKind;
  idempotencyKey: string;
  requestId: string | null;
  reason: string;
  /** What the message said (as queued). */
  card?: Card;
}

export async function reportUndeliverable(ctx: AppContext, message: Undeliverable): Promise<void> {
  if (message.kind === 'invitation') return invitationUndeliverable(ctx, message);
  const requestId = message.requestId;
  if (!requestId) return;
  if (message.kind === 'request_card') return cardUndeliverable(ctx, message, requestId);
  if (message.kind === 'direct' && isOwnerMessageKey(message.idempotencyKey)) return ownerMessageToThread(ctx, message, requestId);
}

async function invitationUndeliverable(ctx: AppContext, message: Undeliverable): Promise<void> {
  const invitationId = invitationIdOfKey(message.idempotencyKey) ?? '';
  await ctx.store.transaction(async (repos) => {
    const found = await repos.invitations.findById(invitationId);
    if (!found || found.state !== 'queued') return;
    const request = await repos.requests.findByIdForUpdate(found.requestId);
    const invitation = (await repos.invitations.findById(invitationId))!;
    if (invitation.state !== 'queued') return;
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
    if (request) await askNext(ctx, repos, request, null, '');
  });
}

async function cardUndeliverable(ctx: AppContext, message: Undeliverable, requestId: string): Promise<void> {
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

async function ownerMessageToThread(ctx: AppContext, message: Undeliverable, requestId: string): Promise<void> {
  await ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findById(requestId);
    if (!request?.channel) return;
    const view = await loadView(repos, requestId);
    const tr = await translatorFor(ctx, repos, request.ownerId);
    const shown = message.card ?? textCard('');
    // A draft's card is not posted yet: then the message goes to the channel itself.
    const posted = request.state !== 'draft';
    await repos.outbox.enqueue([
      {
        idempotencyKey: threadFallbackKey(message.idempotencyKey),
        kind: 'thread',
        address: { kind: 'channel', channel: request.channel, ...(posted ? { threadOfRequestId: requestId } : {}) },
        card: card({ ...shown, context: tr.t('lifecycle.thread.forOwner', { owner: view.ownerName }) }),
        requestId,
      },
    ]);
    await repos.audit.record({ actorId: null, action: 'owner_message.to_thread', subjectType: 'request', subjectId: requestId, details: { reason: message.reason } });
  });
}
