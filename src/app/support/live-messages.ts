// The messages that change, rendered from the current state: an alumnus' invitation and the
// owner's "X said yes" notice. Use cases queue their edits here (one coalesced row per message);
// the dispatcher calls renderLiveMessage when it sends, so what people see is never older than
// the database at that moment.
import type { Card } from '../../domain/cards.ts';
import { invitationMessage, ownerNoticeMessage } from '../../domain/messages/lifecycle-cards.ts';
import type { RequestView } from '../../domain/messages/request-view.ts';
import { requestCard } from '../../domain/messages/request-card.ts';
import { invitationUpdateKey, liveViewOfKey, ownerNoticeKey, ownerNoticeUpdateKey, threadFallbackKey } from '../../domain/outbox-keys.ts';
import type { AppContext, InvitationRecord, OutboxEntry, Repositories } from '../../ports.ts';
import { channelTranslator, loadView, translatorFor } from './messages.ts';
import { reminderCardNow } from '../send-reminders.ts';

/** How long the edit of a message a button press already updated in place waits (see README). */
export const IN_PLACE_DELAY_MS = 2_000;

export async function invitationCardNow(ctx: AppContext, repos: Repositories, invitation: InvitationRecord, view?: RequestView): Promise<Card> {
  return invitationMessage(invitation, view ?? (await loadView(repos, invitation.requestId)), await translatorFor(ctx, repos, invitation.personId));
}

export async function ownerNoticeNow(ctx: AppContext, repos: Repositories, invitation: InvitationRecord, options: { inThread?: boolean } = {}): Promise<Card> {
  const request = await repos.requests.findById(invitation.requestId);
  const view = await loadView(repos, invitation.requestId);
  const name = (await repos.people.findContacts([invitation.personId])).get(invitation.personId)?.displayName ?? '?';
  const tr = await translatorFor(ctx, repos, request?.ownerId ?? invitation.personId);
  const card = ownerNoticeMessage(invitation, name, view, tr);
  return options.inThread ? { ...card, context: tr.t('lifecycle.thread.forOwner', { owner: view.ownerName }) } : card;
}

/** Queues the edit of an invitation's message; `delayMs` when a button press already showed it in place. */
export async function queueInvitationUpdate(ctx: AppContext, repos: Repositories, invitation: InvitationRecord, options: { view?: RequestView; delayMs?: number } = {}): Promise<void> {
  // Never shown (still queued): nothing to edit. A send in flight is checked when it is recorded.
  if (invitation.sentAt === null) return;
  const entry: OutboxEntry = {
    idempotencyKey: invitationUpdateKey(invitation.id),
    kind: 'invitation_update',
    address: { kind: 'invitation_message', invitationId: invitation.id },
    card: await invitationCardNow(ctx, repos, invitation, options.view),
    personId: invitation.personId,
    requestId: invitation.requestId,
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
  };
  await repos.outbox.enqueue([entry]);
}

/** Queues the edit of the owner's notice about this invitation (wherever it was posted), if there is one. */
export async function queueOwnerNoticeUpdate(ctx: AppContext, repos: Repositories, invitation: InvitationRecord, options: { delayMs?: number } = {}): Promise<void> {
  const request = await repos.requests.findById(invitation.requestId);
  if (!request) return;
  await repos.outbox.enqueue([
    {
      idempotencyKey: ownerNoticeUpdateKey(invitation.id),
      kind: 'message_update',
      address: { kind: 'sent_message', keys: [ownerNoticeKey(invitation.id), threadFallbackKey(ownerNoticeKey(invitation.id))] },
      card: await ownerNoticeNow(ctx, repos, invitation),
      personId: request.ownerId,
      requestId: request.id,
      ...(options.delayMs ? { delayMs: options.delayMs } : {}),
    },
  ]);
}

export type LiveRender = { card: Card } | { skip: string };

/** The card a message should show now, for a key with a live view; null for fixed messages. */
export async function renderLiveMessage(ctx: AppContext, key: string): Promise<LiveRender | null> {
  const live = liveViewOfKey(key);
  if (!live) return null;
  return ctx.store.transaction(async (repos): Promise<LiveRender> => {
    if (live.view === 'reminder') return reminderCardNow(ctx, repos, live.invitationId);
    if (live.view === 'request_card') {
      const view = await repos.requests.findView(live.requestId);
      return view ? { card: requestCard(view, channelTranslator(ctx), ctx.clock.now()) } : { skip: 'request_gone' };
    }
    const invitation = await repos.invitations.findById(live.invitationId);
    if (!invitation) return { skip: 'invitation_gone' };
    if (live.view === 'invitation') return { card: await invitationCardNow(ctx, repos, invitation) };
    return { card: await ownerNoticeNow(ctx, repos, invitation, { inThread: key.endsWith(':thread') }) };
  });
}
