// After an erasure, the platforms' copies of messages that named the person are edited: those
// rendered from the current state (an owner's notice, a request card, an invitation naming its
// owner) are queued again and render the placeholder name; fixed ones (thread lines, notes to an
// owner, digests) are edited with the name replaced. Stored copies were scrubbed already.
import type { Card } from '../../domain/cards.ts';
import { liveViewOfKey } from '../../domain/outbox-keys.ts';
import type { AppContext, NamingMessage, Repositories } from '../../ports.ts';
import { loadView, requestCardEntry } from '../support/messages.ts';
import { queueInvitationUpdate, queueOwnerNoticeUpdate } from '../support/live-messages.ts';

/** The texts by which stored messages could name the person (their name and e-mail addresses). */
export function namesToScrub(traces: { displayName: string; email: string | null; emails: readonly string[] }): string[] {
  const texts = [traces.displayName, traces.email, ...traces.emails].filter((text): text is string => typeof text === 'string' && text.trim().length >= 3);
  return [...new Set(texts)].sort((a, b) => b.length - a.length);
}

/** The card with every occurrence of the texts replaced (in any of its strings). */
export function scrubCard(card: Card, texts: readonly string[], replacement: string): Card {
  let json = JSON.stringify(card);
  for (const text of texts) json = json.split(JSON.stringify(text).slice(1, -1)).join(JSON.stringify(replacement).slice(1, -1));
  return JSON.parse(json) as Card;
}

async function queueLive(ctx: AppContext, repos: Repositories, key: string, erasedId: string): Promise<boolean | null> {
  const live = liveViewOfKey(key);
  if (!live || live.view === 'reminder') return null;
  if (live.view === 'request_card') {
    const request = await repos.requests.findById(live.requestId);
    const entry = request && requestCardEntry(ctx, request, await loadView(repos, request.id), 'update');
    if (entry) await repos.outbox.enqueue([entry]);
    return entry !== null;
  }
  const invitation = await repos.invitations.findById(live.invitationId);
  if (!invitation) return false;
  if (live.view === 'owner_notice') await queueOwnerNoticeUpdate(ctx, repos, invitation);
  else if (invitation.personId !== erasedId) await queueInvitationUpdate(ctx, repos, invitation);
  else return false;
  return true;
}

/** Queues the edits; returns how many platform messages will change. */
export async function editNamingMessages(ctx: AppContext, repos: Repositories, naming: readonly NamingMessage[], texts: readonly string[], replacement: string, erasedId: string): Promise<number> {
  let edited = 0;
  const done = new Set<string>();
  for (const row of naming) {
    if (!row.sent) continue;
    const live = liveViewOfKey(row.idempotencyKey);
    const target = live && live.view !== 'reminder' ? `${live.view}:${'requestId' in live ? live.requestId : live.invitationId}` : row.idempotencyKey;
    if (done.has(target)) continue;
    done.add(target);
    const queued = await queueLive(ctx, repos, row.idempotencyKey, erasedId);
    if (queued === true) edited += 1;
    if (queued !== null) continue;
    await repos.outbox.enqueue([
      {
        idempotencyKey: `erase:${row.id}`,
        kind: 'message_update',
        address: { kind: 'sent_message', keys: [row.idempotencyKey] },
        card: scrubCard(row.card, texts, replacement),
        ...(row.personId ? { personId: row.personId } : {}),
        ...(row.requestId ? { requestId: row.requestId } : {}),
      },
    ]);
    edited += 1;
  }
  return edited;
}
