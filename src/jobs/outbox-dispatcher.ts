// Sends what the core wrote to the outbox, on every instance: claim due rows with a lease,
// resolve each address to a platform target, send through that platform's Messenger, record
// where the message landed, and retry failures with exponential backoff and jitter (honouring
// Retry-After). Invitations are checked again just before sending: no consent, no message;
// and they wait for the alumnus' working hours. Messages that change are rendered from the
// current state at the moment they are sent, and a coalesced update whose row got a newer
// version while it was being sent goes out once more, so nothing shown goes back in time.
import { checkInvitationBeforeSend, recordInvitationSent } from '../app/deliver-invitation.ts';
import { reportUndeliverable } from '../app/report-undeliverable.ts';
import { renderLiveMessage } from '../app/support/live-messages.ts';
import type { Card } from '../domain/cards.ts';
import type { Platform } from '../domain/vocabulary.ts';
import { nextWorkingMoment } from '../domain/working-hours.ts';
import { type Logger, safeError } from '../logger.ts';
import { MessengerError, type AppContext, type DispatchStore, type MessageRef, type Messenger, type OutboxRow, type SendTarget } from '../ports.ts';
import { invitationIdOfKey, invitationMessageKey } from '../domain/outbox-keys.ts';

/** Minimum spacing between sends per conversation and per workspace/tenant, per platform. */
export interface ThrottleSpacing {
  conversationMs: number;
  workspaceMs: number;
}

export interface DispatcherOptions {
  owner: string;
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  /** First retry delay; it doubles per attempt, up to five minutes. */
  retryBaseMs: number;
  throttle: Partial<Record<Platform, ThrottleSpacing>>;
}

export const DEFAULT_DISPATCHER_OPTIONS: Omit<DispatcherOptions, 'owner'> = {
  pollMs: 500,
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 8,
  retryBaseMs: 1_000,
  // Slack: about one message per second per channel; a workspace ceiling of 20 per second.
  throttle: { slack: { conversationMs: 1_000, workspaceMs: 50 } },
};

/** A row that cannot be handled yet (e.g. its thread parent is not posted): try again soon. */
class NotYet extends Error {}
/** A row that must wait until a given moment (quiet hours): given back untouched until then. */
class Later extends Error {
  constructor(readonly at: Date) {
    super('outside working hours');
  }
}
/** A row that will never be deliverable: skip it with this reason (and let the core react). */
class Skip extends Error {
  constructor(
    reason: string,
    readonly report = false,
  ) {
    super(reason);
  }
}

export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private kicked = false;
  private readonly waits = new Set<() => void>();

  constructor(
    private readonly ctx: AppContext,
    private readonly store: DispatchStore,
    private readonly messengers: ReadonlyMap<Platform, Messenger>,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (after a use case wrote rows), instead of waiting for the next poll. */
  kick(): void {
    if (this.running) this.kicked = true;
    else if (!this.stopped) this.schedule(0);
  }

  /** Stops claiming, finishes sends under way, and gives back rows still waiting for a slot. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const wake of this.waits) wake();
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.kicked ? 0 : this.options.pollMs);
        this.kicked = false;
      });
    }, delayMs);
  }

  /** One pass: claim a batch and handle it; returns when the batch is done. Public for tests. */
  async pass(): Promise<void> {
    let rows: OutboxRow[];
    try {
      rows = await this.store.claimDue(this.options.owner, [...this.messengers.keys()], this.ctx.clock.now(), this.options.batchSize, this.options.leaseMs);
    } catch (error) {
      this.logger.warn({ err: safeError(error) }, 'outbox claim failed');
      return;
    }
    // Slots are reserved in claim order, and one conversation's rows are handled one after the
    // other: a thread line waits for its card, and lines keep the order they were written in.
    const conversations = new Map<string, { row: OutboxRow; slot: Date }[]>();
    for (const row of rows) {
      const slot = await this.reserve(row);
      conversations.set(row.conversationKey, [...(conversations.get(row.conversationKey) ?? []), { row, slot }]);
    }
    await Promise.all([...conversations.values()].map((queue) => this.handleInOrder(queue)));
    if (rows.length === this.options.batchSize) this.kicked = true;
  }

  /** A row held back (until `at`) holds back the rows after it in its conversation, so none overtakes it. */
  private async handleInOrder(queue: { row: OutboxRow; slot: Date }[]): Promise<void> {
    for (const [index, { row, slot }] of queue.entries()) {
      const heldUntil = await this.handleAt(row, slot);
      if (heldUntil === null) continue;
      for (const rest of queue.slice(index + 1)) await this.store.release(rest.row.id, heldUntil);
      return;
    }
  }

  private async reserve(row: OutboxRow): Promise<Date> {
    const spacing = this.options.throttle[row.platform];
    const now = this.ctx.clock.now();
    if (!spacing) return now;
    const [conversation, workspace] = await Promise.all([
      this.store.reserveSlot(row.conversationKey, spacing.conversationMs, now),
      this.store.reserveSlot(row.workspaceKey, spacing.workspaceMs, now),
    ]);
    return conversation > workspace ? conversation : workspace;
  }

  /**
   * Waits for the row's throttle slot (or gives the row back if that is too far off or we stop),
   * then handles it. Null when the row is done with; else the moment the conversation may go on.
   */
  private async handleAt(row: OutboxRow, slot: Date): Promise<Date | null> {
    const wait = slot.getTime() - this.ctx.clock.now().getTime();
    if (wait > this.options.leaseMs / 2) return this.hold(row, slot);
    if (wait > 0) await this.sleep(wait);
    if (this.stopped) return this.hold(row, this.ctx.clock.now());
    return this.handle(row);
  }

  private async hold(row: OutboxRow, until: Date): Promise<Date> {
    await this.store.release(row.id, until);
    return until;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  private async handle(row: OutboxRow): Promise<Date | null> {
    const messenger = this.messengers.get(row.platform);
    try {
      if (!messenger) throw new Skip(`${row.platform} is not configured`);
      const ref = await this.deliver(row, messenger);
      if (await this.store.markSent(row.id, ref, this.ctx.clock.now(), row.version)) this.logger.debug({ outbox: row.id, kind: row.kind }, 'sent');
      else this.kicked = true; // a newer version arrived meanwhile: render and send it again
      return null;
    } catch (error) {
      return this.fail(row, error);
    }
  }

  private async deliver(row: OutboxRow, messenger: Messenger): Promise<MessageRef | null> {
    const address = row.address;
    switch (address.kind) {
      case 'person': {
        const invitationId = row.kind === 'invitation' ? invitationIdOfKey(row.idempotencyKey) : null;
        let card: Card | null = null;
        if (invitationId) {
          await this.waitForWorkingHours(address.personId);
          const decision = await checkInvitationBeforeSend(this.ctx, invitationId);
          if (!decision.send) throw new Skip(decision.reason);
          card = decision.card;
        }
        const userId = await this.store.findUserId(address.personId, row.platform, row.workspaceId);
        if (!userId) throw new Skip('no_identity', true);
        const ref = await this.sendOnce(messenger, row, { kind: 'user', workspaceId: row.workspaceId, userId }, card ?? (await this.cardOf(row)));
        if (invitationId) await recordInvitationSent(this.ctx, invitationId, row.platform, ref);
        return ref;
      }
      case 'channel': {
        const target: SendTarget = { kind: 'channel', workspaceId: address.channel.workspaceId, channelId: address.channel.channelId };
        if (address.threadOfRequestId) target.thread = await this.requestMessage(address.threadOfRequestId);
        const ref = await this.sendOnce(messenger, row, target, await this.cardOf(row));
        if (row.kind === 'request_card' && row.requestId) await this.store.saveRequestMessage(row.requestId, ref);
        return ref;
      }
      case 'request_card': {
        const ref = await this.requestMessage(address.requestId);
        await messenger.update(ref, await this.cardOf(row));
        return ref;
      }
      case 'invitation_message': {
        const ref = await this.store.findInvitationMessage(address.invitationId);
        if (!ref && (await this.store.isPending(invitationMessageKey(address.invitationId)))) throw new NotYet('invitation not sent yet');
        if (!ref) throw new Skip('invitation_never_sent');
        await messenger.update(ref, await this.cardOf(row));
        return ref;
      }
      case 'sent_message': {
        const { ref, pending } = await this.store.findSentMessage(address.keys);
        if (!ref && pending) throw new NotYet('message not sent yet');
        if (!ref) throw new Skip('message_never_sent');
        await messenger.update(ref, await this.cardOf(row));
        return ref;
      }
    }
  }

  /** What the message shows: rendered from the current state if it is one that changes, else as queued. */
  private async cardOf(row: OutboxRow): Promise<Card> {
    const live = await renderLiveMessage(this.ctx, row.idempotencyKey);
    if (live === null) return row.card;
    if ('skip' in live) throw new Skip(live.skip);
    return live.card;
  }

  /** Invitations reach people in their own working hours (WORKING_HOURS, in their time zone). */
  private async waitForWorkingHours(personId: string): Promise<void> {
    const hours = this.ctx.settings.workingHours;
    if (!hours) return;
    const now = this.ctx.clock.now();
    const zone = (await this.store.findTimeZone(personId)) ?? this.ctx.settings.timeZone;
    const at = nextWorkingMoment(now, zone, hours);
    if (at > now) throw new Later(at);
  }

  private async report(row: OutboxRow, reason: string): Promise<void> {
    try {
      await reportUndeliverable(this.ctx, { kind: row.kind, idempotencyKey: row.idempotencyKey, requestId: row.requestId, reason, card: row.card });
      this.kick();
    } catch (error) {
      this.logger.error({ err: safeError(error), outbox: row.id }, 'reacting to an undeliverable message failed');
    }
  }

  /** Sends, unless an interrupted earlier attempt already got the message through. */
  private async sendOnce(messenger: Messenger, row: OutboxRow, target: SendTarget, card: Card): Promise<MessageRef> {
    if (row.interrupted && messenger.findSent) {
      const earlier = await messenger.findSent(target, row.idempotencyKey, row.createdAt);
      if (earlier) {
        this.logger.info({ outbox: row.id, kind: row.kind }, 'found the message of an interrupted send; not sending it again');
        return earlier;
      }
    }
    return messenger.send(target, card, row.idempotencyKey);
  }

  private async requestMessage(requestId: string): Promise<MessageRef> {
    const { ref, cardPending } = await this.store.findRequestMessage(requestId);
    if (ref) return ref;
    if (cardPending) throw new NotYet('request card not posted yet');
    throw new Skip('request_card_missing');
  }

  /** Records why the row was not sent; null when it is done with, else when its conversation may go on. */
  private async fail(row: OutboxRow, error: unknown): Promise<Date | null> {
    if (error instanceof Skip) {
      await this.store.markFinal(row.id, 'skipped', error.message);
      this.logger.info({ outbox: row.id, kind: row.kind, reason: error.message }, 'outbox message skipped');
      if (error.report) await this.report(row, error.message);
      return null;
    }
    if (error instanceof Later) {
      // Only this invitation waits for working hours; the conversation goes on.
      await this.store.release(row.id, error.at);
      return this.ctx.clock.now();
    }
    if (error instanceof NotYet) {
      const at = new Date(this.ctx.clock.now().getTime() + 500);
      await this.store.markRetry(row.id, row.attempts, at, error.message);
      return at;
    }
    const attempts = row.attempts + 1;
    const permanent = error instanceof MessengerError && error.kind === 'permanent';
    const reason = error instanceof MessengerError ? error.reason : error instanceof Error ? error.message : String(error);
    if (permanent || attempts >= this.options.maxAttempts) {
      await this.store.markFinal(row.id, 'dead', reason);
      this.logger.warn({ outbox: row.id, kind: row.kind, attempts, reason }, 'outbox message is dead');
      await this.report(row, reason);
      return null;
    }
    const delay = retryDelay(attempts, error instanceof MessengerError ? error.retryAfterMs : undefined, Math.random, this.options.retryBaseMs);
    await this.store.markRetry(row.id, attempts, new Date(this.ctx.clock.now().getTime() + delay), reason);
    // A failing message does not hold its conversation up: the rest go on.
    return null;
  }
}

/** Exponential backoff with full jitter, at least Retry-After when the platform sent one. */
export function retryDelay(attempt: number, retryAfterMs?: number, random: () => number = Math.random, baseMs = 1_000): number {
  const base = Math.min(300_000, baseMs * 2 ** (attempt - 1));
  const jittered = base / 2 + random() * (base / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}
