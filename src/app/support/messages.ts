// Turns core events into outbox entries: cards in the reader's language, addressed neutrally,
// with idempotency keys derived from what the message is (so a retry never writes it twice).
// Messages that change (the request card, invitations, the owner's notice) are queued as one
// coalesced update row per message; the dispatcher renders them again when it sends.
import { createTranslator, chooseLocale, type Translator } from '../../domain/i18n/translator.ts';
import { requestCard } from '../../domain/messages/request-card.ts';
import type { RequestView } from '../../domain/messages/request-view.ts';
import { threadCard, type ThreadEvent } from '../../domain/messages/staff-cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { requestCardKey, requestCardUpdateKey } from '../../domain/outbox-keys.ts';
import type { AppContext, OutboxEntry, Repositories, RequestRecord } from '../../ports.ts';

/** Channel messages are in the faculty's default language: a channel has many readers. */
export function channelTranslator(ctx: AppContext): Translator {
  return createTranslator(ctx.settings.defaultLocale, ctx.settings.timeZone);
}

export async function translatorsFor(ctx: AppContext, repos: Repositories, personIds: readonly string[]): Promise<Map<string, Translator>> {
  const contacts = await repos.people.findContacts(personIds);
  const out = new Map<string, Translator>();
  for (const id of personIds) {
    const contact = contacts.get(id);
    const zone = contact?.timeZone ?? ctx.settings.timeZone;
    out.set(id, createTranslator(chooseLocale(contact?.locale, contact?.platformLocale, ctx.settings.defaultLocale), zone, ctx.settings.timeZone));
  }
  return out;
}

export async function translatorFor(ctx: AppContext, repos: Repositories, personId: string): Promise<Translator> {
  const map = await translatorsFor(ctx, repos, [personId]);
  return map.get(personId) ?? channelTranslator(ctx);
}

export async function loadView(repos: Repositories, requestId: string): Promise<RequestView> {
  const view = await repos.requests.findView(requestId);
  if (!view) throw new DomainError('not_found', `request ${requestId} not found`);
  return view;
}

/** Posts the request card (first time) or edits it (every later change, one coalesced row). */
export function requestCardEntry(ctx: AppContext, request: RequestRecord, view: RequestView, mode: 'post' | 'update'): OutboxEntry | null {
  if (!request.channel) return null;
  const card = requestCard(view, channelTranslator(ctx), ctx.clock.now());
  if (mode === 'post') {
    return { idempotencyKey: requestCardKey(request.id), kind: 'request_card', address: { kind: 'channel', channel: request.channel }, card, requestId: request.id };
  }
  return { idempotencyKey: requestCardUpdateKey(request.id), kind: 'request_card_update', address: { kind: 'request_card', requestId: request.id }, card, requestId: request.id };
}

/** A line in the request card's thread, if the request lives in a channel. */
export function threadEntry(ctx: AppContext, request: RequestRecord, view: RequestView, event: ThreadEvent, discriminator: string): OutboxEntry | null {
  if (!request.channel) return null;
  return {
    idempotencyKey: `request:${request.id}:thread:${event.kind}:${discriminator}`,
    kind: 'thread',
    address: { kind: 'channel', channel: request.channel, threadOfRequestId: request.id },
    card: threadCard(event, view, channelTranslator(ctx)),
    requestId: request.id,
  };
}

export function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}
