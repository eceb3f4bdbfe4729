// Admins hear about a platform that stopped (or started again) taking the bot's messages, and
// about a message a platform refused as written, through what still works: a direct message on
// another platform they use (or the same one, for a refused message, since that platform still
// works). One message per admin per event: the idempotency key names the event.
import { card } from '../domain/cards.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext, OutboxEntry } from '../ports.ts';
import { translatorFor } from './support/messages.ts';

export interface PlatformStatusEvent {
  platform: Platform;
  /** paused: the platform refuses us; unreachable: it does not answer; resumed; refused: one message refused as written. */
  state: 'paused' | 'unreachable' | 'resumed' | 'refused';
  reason: string;
  /** When the pause began (or, for a refused message, the day it happened): part of the message's key. */
  since: Date;
}

/** Admins are few; this bounds the lookup all the same. */
const ADMIN_LIMIT = 200;

function cardFor(tr: Awaited<ReturnType<typeof translatorFor>>, event: PlatformStatusEvent) {
  const platform = tr.t(`resilience.platform.${event.platform}`);
  const params = { platform, reason: event.reason, since: tr.dateTime(event.since) };
  switch (event.state) {
    case 'paused':
      return card({ title: tr.t('resilience.paused.title', params), text: tr.t('resilience.paused.text', params) });
    case 'unreachable':
      return card({ title: tr.t('resilience.paused.title', params), text: tr.t('resilience.paused.unreachable', params) });
    case 'resumed':
      return card({ title: tr.t('resilience.resumed.title', params), text: tr.t('resilience.resumed.text', params) });
    case 'refused':
      return card({ title: tr.t('resilience.refused.title', params), text: tr.t('resilience.refused.text', params) });
  }
}

/**
 * Queues the notice to every admin who can be reached on a platform in `working`; returns how
 * many were queued. A notice about a pause never goes to the paused platform.
 */
export async function reportPlatformStatus(ctx: AppContext, event: PlatformStatusEvent, working: readonly Platform[]): Promise<number> {
  const usable = working.filter((platform) => event.state === 'refused' || event.state === 'resumed' || platform !== event.platform);
  if (usable.length === 0) return 0;
  return ctx.store.transaction(async (repos) => {
    const entries: OutboxEntry[] = [];
    for (const admin of await repos.people.list({ role: 'admin', limit: ADMIN_LIMIT })) {
      const identities = await repos.people.findIdentities(admin.id);
      const on = usable.find((platform) => platform !== event.platform && identities.some((identity) => identity.platform === platform)) ?? usable.find((platform) => identities.some((identity) => identity.platform === platform));
      if (!on) continue;
      const tr = await translatorFor(ctx, repos, admin.id);
      entries.push({
        idempotencyKey: `platform:${event.platform}:${event.state}:${event.since.toISOString()}:${admin.id}${event.state === 'refused' ? `:${event.reason.slice(0, 60)}` : ''}`.slice(0, 200),
        kind: 'direct',
        address: { kind: 'person', personId: admin.id, platform: on },
        card: cardFor(tr, event),
        personId: admin.id,
      });
    }
    await repos.outbox.enqueue(entries);
    return entries.length;
  });
}
