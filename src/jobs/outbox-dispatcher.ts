// Sends what the core wrote to the outbox, on every instance: claim due rows with a lease (kept
// alive while they are worked on), resolve each address to a platform target, send through that
// platform's Messenger within a time limit, record where the message landed, and handle
// failures by their class (delivery/error-classes.ts): recipient → give up and let the core move
// on; message → keep as dead and alert; platform → pause the platform (rows wait, nothing
// dies) until a probe succeeds; transient → retry with backoff and jitter (honouring
// Retry-After). A failure after the request left marks the row "maybe sent", and the next
// attempt looks for the message first. The database going away never stops the loop: it backs
// off, logs once, and goes on when the database is back. Invitations are checked again just
// before sending and wait for the alumnus' working hours; messages that change are rendered from
// the current state when sent, and a coalesced update that got newer meanwhile goes out again.
import { checkInvitationBeforeSend, recordInvitationSent } from '../app/deliver-invitation.ts';
import { renderLiveMessage } from '../app/support/live-messages.ts';
import type { Card } from '../domain/cards.ts';
import type { Platform } from '../domain/vocabulary.ts';
import { nextWorkingMoment } from '../domain/working-hours.ts';
import { SendTimeout, withTimeout } from '../delivery/error-classes.ts';
import { DeliveryFailures, Later, NotYet, Skip, type Outcome } from './delivery-failures.ts';
import { type Logger, safeError } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Outage } from '../outage.ts';
import { type AppContext, type DispatchStore, type MessageRef, type Messenger, type OutboxRow, type SendTarget } from '../ports.ts';
import { invitationIdOfKey, invitationMessageKey } from '../domain/outbox-keys.ts';
import { DEFAULT_PAUSE_OPTIONS, PlatformPauses, type PauseOptions } from './platform-pauses.ts';
import { SentJournal } from './sent-journal.ts';
import { SlotPlanner, type Planned, type ThrottleSpacing } from './slot-planner.ts';

export type { ThrottleSpacing } from './slot-planner.ts';

export interface DispatcherOptions extends PauseOptions {
  owner: string;
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  /** First retry delay; it doubles per attempt, up to five minutes. */
  retryBaseMs: number;
  throttle: Partial<Record<Platform, ThrottleSpacing>>;
  /** The longest one platform call may take before it counts as "maybe sent". */
  sendTimeoutMs: number;
  /** The longest one database call may take before the database counts as unavailable. */
  databaseTimeoutMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: Omit<DispatcherOptions, 'owner'> = {
  pollMs: 500,
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 8,
  retryBaseMs: 1_000,
  // Slack: about one message per second per channel; a workspace ceiling of 20 per second.
  throttle: { slack: { conversationMs: 1_000, workspaceMs: 50 } },
  sendTimeoutMs: 15_000,
  databaseTimeoutMs: 10_000,
  ...DEFAULT_PAUSE_OPTIONS,
};

/** This instance's lease on its rows may have run out (the database did not answer): stop touching them. */
class LeaseLost extends Error {}


/** Messages a probe of a paused platform tries. */
const CANARY_ROWS = 3;

export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private kicked = false;
  private readonly waits = new Set<() => void>();
  private readonly journal = new SentJournal();
  private readonly outage: Outage;
  readonly pauses: PlatformPauses;
  private readonly failures: DeliveryFailures;
  /** Rows of the current pass still being worked on, whose leases the heartbeat keeps. */
  private readonly inProgress = new Set<string>();
  private leaseValidUntil = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly store: DispatchStore,
    private readonly messengers: ReadonlyMap<Platform, Messenger>,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
    private readonly metrics?: Metrics,
  ) {
    this.outage = new Outage(logger, 'database', 'outbox dispatcher', { baseMs: Math.max(options.pollMs, 250), maxMs: 30_000 }, () => metrics?.databaseFailures.inc({ component: 'dispatcher' }));
    this.pauses = new PlatformPauses(ctx, store, [...messengers.keys()], logger, options, metrics, () => this.kick());
    this.failures = new DeliveryFailures({ ctx, store, pauses: this.pauses, logger, metrics, options, db: (work) => this.db(work), kick: () => this.kick() });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (after a use case wrote rows), instead of waiting for the next poll. */
  kick(): void {
    if (this.running) this.kicked = true;
    else if (!this.stopped && !this.outage.active) this.schedule(0);
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
      this.running = this.pass()
        .catch((error: unknown) => this.outage.failed(error))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.outage.active ? this.outage.backoffMs() : this.kicked ? 0 : this.options.pollMs);
          this.kicked = false;
        });
    }, delayMs);
  }

  /** A database call that gives up waiting after databaseTimeoutMs. */
  private db<T>(work: Promise<T>): Promise<T> {
    return withTimeout(work, this.options.databaseTimeoutMs).catch((error: unknown) => {
      throw error instanceof SendTimeout ? new Error(`the database did not answer in ${this.options.databaseTimeoutMs} ms`) : error;
    });
  }

  /** One pass: probe paused platforms, claim a batch and handle it; never throws for the database. Public for tests. */
  async pass(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const pause of await this.db(this.pauses.refresh(now))) await this.probe(pause.platform, pause.probes);
    const platforms = [...this.messengers.keys()].filter((platform) => !this.pauses.isPaused(platform));
    if (platforms.length === 0 || this.stopped) return;
    const rows = await this.db(this.store.claimDue(this.options.owner, platforms, now, this.options.batchSize, this.options.leaseMs));
    this.outage.ok();
    await this.work(rows);
    if (rows.length === this.options.batchSize) this.kicked = true;
  }

  /** Plans the rows' send slots and handles them, one conversation in order, conversations side by side. */
  private async work(rows: OutboxRow[], probing = false): Promise<Outcome[]> {
    if (rows.length === 0) return [];
    this.leaseValidUntil = Date.now() + this.options.leaseMs;
    for (const row of rows) this.inProgress.add(row.id);
    const heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    try {
      const planner = new SlotPlanner(this.store, this.options.throttle, (work) => this.db(work));
      const conversations = new Map<string, Planned[]>();
      for (const row of rows) {
        const planned = await planner.plan(row, this.ctx.clock.now());
        if (!planned) this.inProgress.delete(row.id);
        else conversations.set(row.conversationKey, [...(conversations.get(row.conversationKey) ?? []), planned]);
      }
      return (await Promise.all([...conversations.values()].map((queue) => this.handleInOrder(queue, probing)))).flat();
    } finally {
      clearInterval(heartbeat);
      for (const row of rows) this.inProgress.delete(row.id);
    }
  }

  /** Extends the leases of the rows still being worked on; a failure leaves them to run out. */
  private beating = false;
  private async beat(): Promise<void> {
    if (this.beating || this.inProgress.size === 0) return;
    this.beating = true;
    const asked = Date.now();
    try {
      await this.db(this.store.extendLeases([...this.inProgress], this.options.owner, new Date(this.ctx.clock.now().getTime() + this.options.leaseMs)));
      this.leaseValidUntil = asked + this.options.leaseMs;
    } catch (error) {
      this.outage.failed(error);
    } finally {
      this.beating = false;
    }
  }

  /** A row held back holds back the rows after it in its conversation, so none overtakes it. */
  private async handleInOrder(queue: Planned[], probing: boolean): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    try {
      for (const [index, { row, slot }] of queue.entries()) {
        const outcome = await this.handleAt(row, slot, probing);
        this.inProgress.delete(row.id);
        outcomes.push(outcome);
        if (outcome.holdUntil === null) continue;
        for (const rest of queue.slice(index + 1)) await this.db(this.store.release(rest.row.id, outcome.holdUntil));
        break;
      }
    } catch (error) {
      // The database failed while recording: the rest of this conversation keeps its lease, which runs out.
      if (!(error instanceof LeaseLost)) this.outage.failed(error);
    }
    return outcomes;
  }

  /** Waits for the row's throttle slot, then handles it, unless we stop, its platform paused meanwhile, or its lease is in doubt. */
  private async handleAt(row: OutboxRow, slot: Date, probing: boolean): Promise<Outcome> {
    const wait = slot.getTime() - this.ctx.clock.now().getTime();
    if (wait > 0) await this.sleep(wait);
    if (Date.now() > this.leaseValidUntil - this.options.leaseMs / 3) throw new LeaseLost();
    if (this.stopped || (!probing && this.pauses.isPaused(row.platform))) return this.hold(row, this.ctx.clock.now());
    return this.handle(row);
  }

  private async hold(row: OutboxRow, until: Date): Promise<Outcome> {
    await this.db(this.store.release(row.id, until));
    return { sent: false, holdUntil: until };
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

  private async handle(row: OutboxRow): Promise<Outcome> {
    const messenger = this.messengers.get(row.platform);
    const request = { left: false };
    try {
      if (!messenger) throw new Skip(`${row.platform} is not configured`);
      const ref = await this.deliver(row, messenger, request);
      if (await this.db(this.store.markSent(row.id, ref, this.ctx.clock.now(), row.version))) {
        this.logger.debug({ outbox: row.id, kind: row.kind }, 'sent');
        this.metrics?.outbox.inc({ platform: row.platform, outcome: 'sent' });
      } else {
        this.kicked = true; // a newer version arrived meanwhile: render and send it again
      }
      this.journal.forget(row.id);
      this.pauses.succeeded(row.platform);
      return { sent: true, holdUntil: null };
    } catch (error) {
      return this.failures.fail(row, error, request.left);
    }
  }

  private async deliver(row: OutboxRow, messenger: Messenger, request: { left: boolean }): Promise<MessageRef | null> {
    const address = row.address;
    switch (address.kind) {
      case 'person': {
        const invitationId = row.kind === 'invitation' ? invitationIdOfKey(row.idempotencyKey) : null;
        const known = this.journal.find(row.id);
        let card: Card | null = null;
        if (invitationId && !known) {
          await this.waitForWorkingHours(address.personId);
          const decision = await this.db(checkInvitationBeforeSend(this.ctx, invitationId));
          if (!decision.send) throw new Skip(decision.reason);
          card = decision.card;
        }
        const userId = await this.db(this.store.findUserId(address.personId, row.platform, row.workspaceId));
        if (!userId) throw new Skip('no_identity', true);
        const ref = await this.sendOnce(messenger, row, { kind: 'user', workspaceId: row.workspaceId, userId }, () => (card ? Promise.resolve(card) : this.cardOf(row)), request);
        if (invitationId) await this.db(recordInvitationSent(this.ctx, invitationId, row.platform, ref));
        return ref;
      }
      case 'channel': {
        const target: SendTarget = { kind: 'channel', workspaceId: address.channel.workspaceId, channelId: address.channel.channelId };
        if (address.threadOfRequestId) target.thread = await this.requestMessage(address.threadOfRequestId);
        const ref = await this.sendOnce(messenger, row, target, () => this.cardOf(row), request);
        if (row.kind === 'request_card' && row.requestId) await this.db(this.store.saveRequestMessage(row.requestId, ref));
        return ref;
      }
      case 'request_card':
        return this.edit(messenger, await this.requestMessage(address.requestId), row, request);
      case 'invitation_message': {
        const ref = await this.db(this.store.findInvitationMessage(address.invitationId));
        if (!ref && (await this.db(this.store.isPending(invitationMessageKey(address.invitationId))))) throw new NotYet('invitation not sent yet');
        if (!ref) throw new Skip('invitation_never_sent');
        return this.edit(messenger, ref, row, request);
      }
      case 'sent_message': {
        const { ref, pending } = await this.db(this.store.findSentMessage(address.keys));
        if (!ref && pending) throw new NotYet('message not sent yet');
        if (!ref) throw new Skip('message_never_sent');
        return this.edit(messenger, ref, row, request);
      }
    }
  }

  /** Edits a message already sent (harmless to repeat), within the time limit. */
  private async edit(messenger: Messenger, ref: MessageRef, row: OutboxRow, request: { left: boolean }): Promise<MessageRef> {
    const card = await this.cardOf(row);
    request.left = true;
    await withTimeout(messenger.update(ref, card), this.options.sendTimeoutMs);
    return ref;
  }

  /** What the message shows: rendered from the current state if it is one that changes, else as queued. */
  private async cardOf(row: OutboxRow): Promise<Card> {
    const live = await this.db(renderLiveMessage(this.ctx, row.idempotencyKey));
    if (live === null) return row.card;
    if ('skip' in live) throw new Skip(live.skip);
    return live.card;
  }

  /** Invitations reach people in their own working hours (WORKING_HOURS, in their time zone). */
  private async waitForWorkingHours(personId: string): Promise<void> {
    const hours = this.ctx.settings.workingHours;
    if (!hours) return;
    const now = this.ctx.clock.now();
    const zone = (await this.db(this.store.findTimeZone(personId))) ?? this.ctx.settings.timeZone;
    const at = nextWorkingMoment(now, zone, hours);
    if (at > now) throw new Later(at);
  }

  /**
   * Sends, unless this instance already got it through (the answer came, the record failed), or
   * an interrupted earlier attempt did (the platform finds it by the idempotency key). A send that
   * does not answer in time is "maybe sent"; if its answer still comes, the next attempt uses it.
   */
  private async sendOnce(messenger: Messenger, row: OutboxRow, target: SendTarget, cardOf: () => Promise<Card>, request: { left: boolean }): Promise<MessageRef> {
    const known = this.journal.find(row.id);
    if (known) {
      this.logger.info({ outbox: row.id, kind: row.kind }, 'recording a message sent before; not sending it again');
      return known;
    }
    if (row.interrupted && messenger.findSent) {
      const earlier = await withTimeout(messenger.findSent(target, row.idempotencyKey, row.createdAt), this.options.sendTimeoutMs);
      if (earlier) {
        this.logger.info({ outbox: row.id, kind: row.kind }, 'found the message of an interrupted send; not sending it again');
        return earlier;
      }
    }
    const card = await cardOf();
    request.left = true;
    const sending = messenger.send(target, card, row.idempotencyKey);
    sending.then((ref) => this.journal.remember(row.id, ref)).catch(() => undefined);
    return withTimeout(sending, this.options.sendTimeoutMs);
  }

  private async requestMessage(requestId: string): Promise<MessageRef> {
    const { ref, cardPending } = await this.db(this.store.findRequestMessage(requestId));
    if (ref) return ref;
    if (cardPending) throw new NotYet('request card not posted yet');
    throw new Skip('request_card_missing');
  }

  /** Tries a paused platform: its probe, then a few waiting messages; resumes it when a message goes out. */
  private async probe(platform: Platform, probes: number): Promise<void> {
    const now = this.ctx.clock.now();
    if (this.stopped || !(await this.db(this.store.claimProbe(platform, now, this.pauses.nextProbeAt(now, probes + 1))))) return;
    const messenger = this.messengers.get(platform)!;
    try {
      if (messenger.probe) await withTimeout(messenger.probe(), this.options.sendTimeoutMs);
    } catch (error) {
      this.logger.debug({ platform, err: safeError(error) }, 'probe failed; the platform stays paused');
      return;
    }
    // A few waiting messages try it: one that goes out ends the pause (one skipped or still
    // waiting for its card proves nothing); with nothing waiting, the probe is enough.
    const rows = await this.db(this.store.claimDue(this.options.owner, [platform], now, CANARY_ROWS, this.options.leaseMs));
    const outcomes = await this.work(rows, true);
    if (rows.length === 0 || outcomes.some((outcome) => outcome.sent)) await this.db(this.pauses.resume(platform));
  }
}

export { retryDelay } from './delivery-failures.ts';
