// After an erasure, the platforms' copies of messages that named the person are edited: those
// rendered from the current state (an owner's notice, a request card, an invitation naming its
// owner) are queued again and render the placeholder name; fixed ones (thread lines, notes to an
// owner, digests) are edited with the name replaced. Stored copies were scrubbed already.
import { textCard, type Card } from '../../domain/cards.ts';
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

/** Fixed messages whose key ties them to one invitation and whose text names its alumnus (a thread line, a note to the owner). */
const NAMING_KEYS = /(:thread:(accepted|confirmed|withdrew):|:owner-withdrawn|:not-installed)/;

export interface Rewritten extends NamingMessage {
  /** True when the row is kept as the edit of a message rendered from the current state. */
  live: boolean;
}

/**
 * Which of the rows found name the person, and what they show instead: the name replaced by the
 * placeholder, or (a line about them under a name they no longer have) one neutral sentence.
 * Rows that only mention one of their invitations without naming them are left alone.
 */
export function rewriteNaming(rows: readonly NamingMessage[], texts: readonly string[], placeholder: string, neutralLine: string): Rewritten[] {
  const needles = texts.map((text) => JSON.stringify(text).slice(1, -1));
  const out: Rewritten[] = [];
  for (const row of rows) {
    const json = JSON.stringify(row.card);
    const named = needles.some((needle) => json.includes(needle));
    const live = liveViewOfKey(row.idempotencyKey);
    const isLive = live !== null && live.view !== 'reminder';
    if (named) out.push({ ...row, card: scrubCard(row.card, texts, placeholder), live: isLive });
    // A message rendered from the current state is rendered again (with the placeholder); its stored copy may hold an older name.
    else if (isLive || NAMING_KEYS.test(row.idempotencyKey)) out.push({ ...row, card: textCard(neutralLine), live: isLive });
  }
  return out;
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

/** Queues the edits of the rewritten rows' platform copies; returns how many platform messages will change. */
export async function editNamingMessages(ctx: AppContext, repos: Repositories, naming: readonly Rewritten[], erasedId: string): Promise<number> {
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
        card: row.card,
        ...(row.personId ? { personId: row.personId } : {}),
        ...(row.requestId ? { requestId: row.requestId } : {}),
      },
    ]);
    edited += 1;
  }
  return edited;
}
