// The owner keeps asking for another week after the reply deadline passed (or before it): the
// deadline moves (never closer than a day before the engagement), and the next people are asked.
import { card, type Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { parseExtendValue } from '../domain/messages/lifecycle-cards.ts';
import { DAY_MS } from '../domain/time.ts';
import type { AppContext, RequestRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry, threadEntry, translatorFor } from './support/messages.ts';
import { askNext } from './support/next-wave.ts';
import { lockOpenForOwner } from './support/owner-decision.ts';

export const EXTEND_DAYS = 7;

/** `value` is the button's: the request and the deadline the owner saw (see extendValue). */
export async function extendDeadline(ctx: AppContext, actor: Actor, value: string): Promise<{ request: RequestRecord; card: Card }> {
  const { requestId, replyBy: seen } = parseExtendValue(value);
  return ctx.store.transaction(async (repos) => {
    const { request: current } = await lockOpenForOwner(repos, actor, requestId);
    const tr = await translatorFor(ctx, repos, actor.personId);
    if (seen !== null && seen !== current.replyBy.getTime()) {
      throw new DomainError('illegal_transition', 'the deadline was moved already', { messageKey: 'lifecycle.stale.alreadyExtended', params: { date: tr.date(current.replyBy) } });
    }
    const now = ctx.clock.now();
    const latest = current.startsAt.getTime() - DAY_MS;
    const replyBy = new Date(Math.min(Math.max(current.replyBy.getTime(), now.getTime()) + EXTEND_DAYS * DAY_MS, latest));
    if (replyBy.getTime() <= now.getTime() + 60 * 60 * 1000) {
      throw new DomainError('illegal_transition', 'too close to the engagement to extend', { messageKey: 'lifecycle.stale.tooLate', params: { date: tr.dateTime(current.startsAt) } });
    }
    const request = await repos.requests.update(requestId, { replyBy });
    await repos.audit.record({ actorId: actor.personId, action: 'request.extended', subjectType: 'request', subjectId: requestId, details: { replyBy: replyBy.toISOString() } });
    const view = await loadView(repos, requestId);
    await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'extended', until: replyBy }, String(replyBy.getTime())), requestCardEntry(ctx, request, view, 'update')]));
    await askNext(ctx, repos, request, null, '');
    return { request, card: card({ text: tr.t('lifecycle.owner.extended', { date: tr.date(replyBy) }) }) };
  });
}
