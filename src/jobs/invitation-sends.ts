// The send-time side of an invitation in the dispatcher, in as few round trips as a send allows:
// one query reads what the check and the card need (clearToSend), for the invitations due in
// the next moment together; the request's view is read once per request and kept while its
// stamp is unchanged; and one statement records the invitations just sent, each with its
// outbox row. Anything unusual (a refusal, a changed invitation) takes the careful path of
// deliver-invitation.ts, which decides under the request's lock and does what a refusal needs.
import { checkInvitationBeforeSend, clearToSend, invitationCardFromFacts, recordInvitationSent, replyWindowEnds } from '../app/deliver-invitation.ts';
import type { Card } from '../domain/cards.ts';
import type { RequestView } from '../domain/messages/request-view.ts';
import type { AppContext, DispatchStore, InvitationFactsQuery, InvitationSendFacts, InvitationSentRecord, MessageRef, OutboxRow } from '../ports.ts';
import { Batcher } from './batcher.ts';
import { Skip } from './delivery-failures.ts';

/** Requests whose view is kept; a fan-out has few at a time. */
const MAX_VIEWS = 50;
/** Rendered invitation cards kept (per request, language, time zone and reasons). */
const MAX_CARDS = 200;
/** Stands for the invitation's id in a rendered card; no text of ours contains it. */
const ID_PLACEHOLDER = '\u0000invitation\u0000';

/** A copy of plain card data with the placeholder replaced by the invitation's id. */
function withId(value: unknown, id: string): unknown {
  if (typeof value === 'string') return value.includes(ID_PLACEHOLDER) ? value.replaceAll(ID_PLACEHOLDER, id) : value;
  if (Array.isArray(value)) return value.map((item) => withId(item, id));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, withId(item, id)]));
  return value;
}
/**
 * How long a read of facts waits for others to join it. The dispatcher asks LOOKAHEAD_MS before
 * the row's slot, so the check is at most that old when the message leaves.
 */
const FACTS_WINDOW_MS = 100;
export const LOOKAHEAD_MS = 300;
/** How long a record of a sent invitation waits for others (its row stays leased meanwhile). */
const RECORD_WINDOW_MS = 5;
const MAX_BATCH = 50;

/** What to send an invitation as, and to whom; `userId` undefined when the facts did not tell. */
export interface InvitationSend {
  card: Card;
  userId?: string | null;
}

export class InvitationSends {
  private readonly cards = new Map<string, Card>();
  private readonly views = new Map<string, { stamp: number; view: Promise<RequestView | null> }>();
  private readonly reads: Batcher<InvitationFactsQuery, InvitationSendFacts | null>;
  private readonly records: Batcher<InvitationSentRecord, { invitation: boolean; outbox: boolean }>;

  constructor(
    private readonly ctx: AppContext,
    private readonly store: DispatchStore,
    private readonly db: <T>(work: Promise<T>) => Promise<T>,
  ) {
    this.reads = new Batcher(
      async (wanted) => {
        const found = await db(store.invitationSendFacts(wanted));
        return wanted.map((one) => found.get(one.invitationId) ?? null);
      },
      FACTS_WINDOW_MS,
      MAX_BATCH,
    );
    this.records = new Batcher((sent) => db(store.markInvitationsSent(sent)), RECORD_WINDOW_MS, MAX_BATCH);
  }

  /** The invitation's facts (null when it is gone), read together with others asked for meanwhile. */
  facts(row: OutboxRow, invitationId: string): Promise<InvitationSendFacts | null> {
    return this.reads.add({ invitationId, platform: row.platform, workspaceId: row.workspaceId });
  }

  /** Checks the invitation just before it is sent and renders it; throws Skip when it must not go out. */
  async prepare(invitationId: string, facts: InvitationSendFacts | null): Promise<InvitationSend> {
    if (facts && clearToSend(this.ctx, facts)) {
      const view = await this.viewOf(facts);
      if (view) return { card: this.cardOf(facts, view), userId: facts.userId };
    }
    const decision = await this.db(checkInvitationBeforeSend(this.ctx, invitationId));
    if (!decision.send) throw new Skip(decision.reason);
    return { card: decision.card };
  }

  /**
   * Records the sent invitation and its row. Returns markSent's answer (false: a newer version
   * of the row arrived meanwhile), or null when the row is still to be marked by the caller.
   */
  async record(row: OutboxRow, invitationId: string, ref: MessageRef): Promise<boolean | null> {
    const now = this.ctx.clock.now();
    const done = await this.records.add({ rowId: row.id, version: row.version, invitationId, platform: row.platform, ref, now, replyWindowEnds: replyWindowEnds(this.ctx, now) });
    if (done.invitation) return done.outbox;
    // Not queued any more (it changed while the message was on the way): record it the careful way.
    await this.db(recordInvitationSent(this.ctx, invitationId, row.platform, ref));
    return null;
  }

  /**
   * The card, rendered once per request view, language, time zone and reasons: the invitations
   * of one request differ only in their id (in the buttons), put into a copy of the rendered card.
   */
  private cardOf(facts: InvitationSendFacts, view: RequestView): Card {
    const { invitation, person, request } = facts;
    const key = [invitation.requestId, request.viewStamp.getTime(), person.locale, person.platformLocale, person.timeZone, JSON.stringify(invitation.reasons)].join('|');
    let rendered = this.cards.get(key);
    if (!rendered) {
      rendered = invitationCardFromFacts(this.ctx, { ...facts, invitation: { ...invitation, id: ID_PLACEHOLDER } }, view);
      this.cards.set(key, rendered);
      if (this.cards.size > MAX_CARDS) this.cards.delete(this.cards.keys().next().value as string);
    }
    return withId(rendered, invitation.id) as Card;
  }

  /**
   * The request's view for invitation cards. Kept while the request, its owner, unit and
   * programme are unchanged (the stamp); a queued invitation's card shows nothing else of it.
   */
  private async viewOf(facts: InvitationSendFacts): Promise<RequestView | null> {
    const { requestId } = facts.invitation;
    const stamp = facts.request.viewStamp.getTime();
    const kept = this.views.get(requestId);
    if (kept?.stamp === stamp) return kept.view;
    // Rows side by side share one read.
    const view = this.db(this.ctx.store.transaction((repos) => repos.requests.findView(requestId)));
    this.views.delete(requestId);
    this.views.set(requestId, { stamp, view });
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string);
    try {
      return await view;
    } catch (error) {
      if (this.views.get(requestId)?.view === view) this.views.delete(requestId);
      throw error;
    }
  }
}
