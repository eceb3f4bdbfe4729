// One outbox row to its platform: resolve the address to a target (a person's DM, a channel, a
// request card's thread, a message to edit), render what changes from the current state, send
// within the time limit, and record where it landed. A row whose earlier send was interrupted
// looks for its message first; a send this instance knows went through is recorded, not
// repeated (sent-journal.ts). Invitations are checked and recorded by invitation-sends.ts.
import { renderLiveMessage } from '../app/support/live-messages.ts';
import type { Card } from '../domain/cards.ts';
import { invitationIdOfKey, invitationMessageKey } from '../domain/outbox-keys.ts';
import { nextWorkingMoment } from '../domain/working-hours.ts';
import { withTimeout } from '../delivery/error-classes.ts';
import type { Logger } from '../logger.ts';
import type { AppContext, DispatchStore, InvitationSendFacts, MessageRef, Messenger, OutboxRow, SendTarget } from '../ports.ts';
import { Later, NotYet, Skip } from './delivery-failures.ts';
import { InvitationSends } from './invitation-sends.ts';
import type { SentJournal } from './sent-journal.ts';

/** Where the message landed; `marked` is markSent's answer when the row was recorded with it (invitations), else null. */
export interface Delivered {
  ref: MessageRef | null;
  marked: boolean | null;
}

export interface SenderDeps {
  ctx: AppContext;
  store: DispatchStore;
  logger: Logger;
  journal: SentJournal;
  sendTimeoutMs: number;
  /** A database call within the dispatcher's time limit. */
  db<T>(work: Promise<T>): Promise<T>;
  /** Waits, right before the request leaves, until this instance's last send to the workspace is far enough behind. */
  pace(row: OutboxRow): Promise<void>;
  /** The platform took a message (told at once, before it is recorded: the breaker counts answers). */
  accepted(row: OutboxRow): void;
}

export class MessageSender {
  private readonly invitations: InvitationSends;

  constructor(private readonly deps: SenderDeps) {
    this.invitations = new InvitationSends(deps.ctx, deps.store, deps.db);
  }

  /**
   * Starts reading what the row's send will need, a moment before its slot (invitations: their
   * facts, read together with the other invitations due meanwhile). Null when nothing is read ahead.
   */
  prepare(row: OutboxRow): Promise<InvitationSendFacts | null> | null {
    const invitationId = row.kind === 'invitation' ? invitationIdOfKey(row.idempotencyKey) : null;
    if (!invitationId || this.deps.journal.find(row.id)) return null;
    const facts = this.invitations.facts(row, invitationId);
    facts.catch(() => undefined); // the send that uses it sees the error; a row held back never asks
    return facts;
  }

  /** Sends the row; `request.left` turns true once the request to the platform may have left. `prepared`: from prepare(). */
  async deliver(row: OutboxRow, messenger: Messenger, request: { left: boolean }, prepared: Promise<InvitationSendFacts | null> | null = null): Promise<Delivered> {
    const { store, db } = this.deps;
    const address = row.address;
    switch (address.kind) {
      case 'person':
        return row.kind === 'invitation' ? this.deliverInvitation(row, address.personId, messenger, request, prepared) : this.deliverToPerson(row, address.personId, messenger, request, null);
      case 'channel': {
        const target: SendTarget = { kind: 'channel', workspaceId: address.channel.workspaceId, channelId: address.channel.channelId };
        if (address.threadOfRequestId) target.thread = await this.requestMessage(address.threadOfRequestId);
        const ref = await this.sendOnce(messenger, row, target, () => this.cardOf(row), request);
        if (row.kind === 'request_card' && row.requestId) await db(store.saveRequestMessage(row.requestId, ref));
        return { ref, marked: null };
      }
      case 'request_card':
        return { ref: await this.edit(messenger, await this.requestMessage(address.requestId), row, request), marked: null };
      case 'invitation_message': {
        const ref = await db(store.findInvitationMessage(address.invitationId));
        if (!ref && (await db(store.isPending(invitationMessageKey(address.invitationId))))) throw new NotYet('invitation not sent yet');
        if (!ref) throw new Skip('invitation_never_sent');
        return { ref: await this.edit(messenger, ref, row, request), marked: null };
      }
      case 'sent_message': {
        const { ref, pending } = await db(store.findSentMessage(address.keys));
        if (!ref && pending) throw new NotYet('message not sent yet');
        if (!ref) throw new Skip('message_never_sent');
        return { ref: await this.edit(messenger, ref, row, request), marked: null };
      }
    }
  }

  /** An invitation: checked just before it goes out (in the alumnus' working hours), then recorded with its row. */
  private async deliverInvitation(row: OutboxRow, personId: string, messenger: Messenger, request: { left: boolean }, prepared: Promise<InvitationSendFacts | null> | null): Promise<Delivered> {
    const invitationId = invitationIdOfKey(row.idempotencyKey)!;
    let send: { card: Card; userId?: string | null } | null = null;
    if (!this.deps.journal.find(row.id)) {
      const facts = await (prepared ?? this.invitations.facts(row, invitationId));
      await this.waitForWorkingHours(personId, facts ? facts.person.timeZone : undefined);
      send = await this.invitations.prepare(invitationId, facts);
    }
    const { ref } = await this.deliverToPerson(row, personId, messenger, request, send);
    return { ref, marked: await this.invitations.record(row, invitationId, ref!) };
  }

  private async deliverToPerson(row: OutboxRow, personId: string, messenger: Messenger, request: { left: boolean }, send: { card: Card; userId?: string | null } | null): Promise<Delivered> {
    const userId = send?.userId !== undefined ? send.userId : await this.deps.db(this.deps.store.findUserId(personId, row.platform, row.workspaceId));
    if (!userId) throw new Skip('no_identity', true);
    const card = send?.card;
    const ref = await this.sendOnce(messenger, row, { kind: 'user', workspaceId: row.workspaceId, userId }, () => (card ? Promise.resolve(card) : this.cardOf(row)), request);
    return { ref, marked: null };
  }

  /** Edits a message already sent (harmless to repeat), within the time limit. */
  private async edit(messenger: Messenger, ref: MessageRef, row: OutboxRow, request: { left: boolean }): Promise<MessageRef> {
    const card = await this.cardOf(row);
    await this.deps.pace(row);
    request.left = true;
    await withTimeout(messenger.update(ref, card), this.deps.sendTimeoutMs);
    this.deps.accepted(row);
    return ref;
  }

  /** What the message shows: rendered from the current state if it is one that changes, else as queued. */
  private async cardOf(row: OutboxRow): Promise<Card> {
    const live = await this.deps.db(renderLiveMessage(this.deps.ctx, row.idempotencyKey));
    if (live === null) return row.card;
    if ('skip' in live) throw new Skip(live.skip);
    return live.card;
  }

  /** Invitations reach people in their own working hours (WORKING_HOURS, in their time zone; `zone` when already read). */
  private async waitForWorkingHours(personId: string, zone: string | null | undefined): Promise<void> {
    const { ctx, db, store } = this.deps;
    const hours = ctx.settings.workingHours;
    if (!hours) return;
    const now = ctx.clock.now();
    const own = zone === undefined ? await db(store.findTimeZone(personId)) : zone;
    const at = nextWorkingMoment(now, own ?? ctx.settings.timeZone, hours);
    if (at > now) throw new Later(at);
  }

  /**
   * Sends, unless this instance already got it through (the answer came, the record failed), or
   * an interrupted earlier attempt did (the platform finds it by the idempotency key). A send that
   * does not answer in time is "maybe sent"; if its answer still comes, the next attempt uses it.
   */
  private async sendOnce(messenger: Messenger, row: OutboxRow, target: SendTarget, cardOf: () => Promise<Card>, request: { left: boolean }): Promise<MessageRef> {
    const { journal, logger, sendTimeoutMs } = this.deps;
    const known = journal.find(row.id);
    if (known) {
      logger.info({ outbox: row.id, kind: row.kind }, 'recording a message sent before; not sending it again');
      return known;
    }
    if (row.interrupted && messenger.findSent) {
      const earlier = await withTimeout(messenger.findSent(target, row.idempotencyKey, row.createdAt), sendTimeoutMs);
      if (earlier) {
        logger.info({ outbox: row.id, kind: row.kind }, 'found the message of an interrupted send; not sending it again');
        return earlier;
      }
    }
    const card = await cardOf();
    await this.deps.pace(row);
    request.left = true;
    const sending = messenger.send(target, card, row.idempotencyKey);
    sending.then((ref) => journal.remember(row.id, ref)).catch(() => undefined);
    const ref = await withTimeout(sending, sendTimeoutMs);
    this.deps.accepted(row);
    return ref;
  }

  private async requestMessage(requestId: string): Promise<MessageRef> {
    const { ref, cardPending } = await this.deps.db(this.deps.store.findRequestMessage(requestId));
    if (ref) return ref;
    if (cardPending) throw new NotYet('request card not posted yet');
    throw new Skip('request_card_missing');
  }
}
