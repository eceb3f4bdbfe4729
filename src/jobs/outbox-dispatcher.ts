// Sends what the core wrote to the outbox, on every instance: claim due rows with a lease (kept
// alive while they are worked on), resolve each address to a platform target, send through that
// platform's Messenger within a time limit, record where the message landed, and handle
// failures by their class (delivery/error-classes.ts): recipient → give up and let the core move
// on; message → keep as dead and alert; platform → pause the platform (rows wait, nothing
// dies) until a probe succeeds; transient → retry with backoff and jitter (honouring
// Retry-After). A failure after the request left marks the row "maybe sent", and the next
// attempt looks for the message first. The database going away never stops the loop: it backs
// off, logs once, and goes on when the database is back. How one row is sent (address, live
// rendering, invitations checked just before sending) is message-sender.ts.
import type { Platform } from '../domain/vocabulary.ts';
import { SendTimeout, withTimeout } from '../delivery/error-classes.ts';
import { DeliveryFailures, Skip, type Outcome } from './delivery-failures.ts';
import { type Logger, safeError } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Outage } from '../outage.ts';
import type { AppContext, DispatchStore, Messenger, OutboxRow } from '../ports.ts';
import { ConversationQueue } from './conversation-queue.ts';
import { LOOKAHEAD_MS } from './invitation-sends.ts';
import { MessageSender } from './message-sender.ts';
import { SendPacer } from './send-pacer.ts';
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

/**
 * Passes at once: while one waits for its last slots, the next claims and plans (after a full
 * batch only), so the sends keep their pace across batches. One pass claims and plans at a time,
 * and a conversation is in one pass at a time, so its messages keep their order.
 */
const MAX_PASSES = 3;

export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private kicked = false;
  /** Passes claiming and planning now (at most one when they overlap). */
  private claiming = 0;
  private readonly waits = new Set<() => void>();
  private readonly journal = new SentJournal();
  private readonly outage: Outage;
  readonly pauses: PlatformPauses;
  private readonly failures: DeliveryFailures;
  private readonly sender: MessageSender;
  /** Rows of the current passes still being worked on, whose leases the heartbeat keeps. */
  private readonly inProgress = new Set<string>();
  /** Conversations of the rows in progress (with how many rows): a pass beside them leaves them alone. */
  private readonly busy = new Map<string, number>();
  private readonly pacer: SendPacer;
  /** When the last heartbeat that extended the leases asked (Date.now()). */
  private beatAt = 0;

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
    this.pacer = new SendPacer(options.throttle, (ms) => this.sleep(ms), () => this.stopped);
    this.sender = new MessageSender({ ctx, store, logger, journal: this.journal, sendTimeoutMs: options.sendTimeoutMs, db: (work) => this.db(work), pace: (row) => this.pacer.pace(row), accepted: (row) => this.pauses.succeeded(row.platform) });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (after a use case wrote rows), instead of waiting for the next poll. */
  kick(): void {
    if (this.running.size > 0) this.kicked = true;
    else if (!this.stopped && !this.outage.active) this.schedule(0);
  }

  /** Stops claiming, finishes sends under way, and gives back rows still waiting for a slot. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const wake of this.waits) wake();
    await Promise.all([...this.running]);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.launch(), delayMs);
  }

  /** Runs a pass; when the last one running ends, schedules the next. */
  private launch(): void {
    const run: Promise<void> = this.pass(true)
      .catch((error: unknown) => this.outage.failed(error))
      .finally(() => {
        this.running.delete(run);
        if (this.stopped) return;
        if (this.running.size > 0) {
          if (this.kicked && this.more()) this.kicked = false;
          return;
        }
        this.schedule(this.outage.active ? this.outage.backoffMs() : this.kicked ? 0 : this.options.pollMs);
        this.kicked = false;
      });
    this.running.add(run);
  }

  /** Starts another pass beside the ones sending, unless one is claiming or enough run; whether it did. */
  private more(): boolean {
    if (this.stopped || this.claiming > 0 || this.running.size >= MAX_PASSES) return false;
    this.launch();
    return true;
  }

  /** A database call that gives up waiting after databaseTimeoutMs. */
  private db<T>(work: Promise<T>): Promise<T> {
    return withTimeout(work, this.options.databaseTimeoutMs).catch((error: unknown) => {
      throw error instanceof SendTimeout ? new Error(`the database did not answer in ${this.options.databaseTimeoutMs} ms`) : error;
    });
  }

  /**
   * One pass: probe paused platforms, claim a batch and handle it; never throws for the database.
   * Public for tests (one pass, nothing beside it); the loop lets the next pass start once a full
   * batch is planned (`overlap`).
   */
  async pass(overlap = false): Promise<void> {
    this.claiming += 1;
    let claiming = true;
    const claimed = () => {
      if (claiming) this.claiming -= 1;
      claiming = false;
    };
    try {
      const now = this.ctx.clock.now();
      for (const pause of await this.db(this.pauses.refresh(now))) await this.probe(pause.platform, pause.probes);
      const platforms = [...this.messengers.keys()].filter((platform) => !this.pauses.isPaused(platform));
      if (platforms.length === 0 || this.stopped) return;
      const rows = await this.db(this.store.claimDue(this.options.owner, platforms, now, this.options.batchSize, this.options.leaseMs, [...this.busy.keys()]));
      this.outage.ok();
      const full = rows.length === this.options.batchSize;
      await this.work(rows, false, () => {
        claimed();
        if (overlap && full) this.more();
      });
      // A channel's next post is claimable once this one is done: look again at once.
      if (full || rows.some((row) => row.address.kind === 'channel')) this.kicked = true;
    } finally {
      claimed();
    }
  }

  /**
   * Plans the rows' send slots (all at once) and handles them, one conversation in order,
   * conversations side by side. `planned` runs once every row has its slot.
   */
  private async work(rows: OutboxRow[], probing = false, planned?: () => void): Promise<Outcome[]> {
    if (rows.length === 0) return [];
    const claimedAt = Date.now();
    for (const row of rows) {
      this.inProgress.add(row.id);
      this.busy.set(row.conversationKey, (this.busy.get(row.conversationKey) ?? 0) + 1);
    }
    const heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    const conversations = new Map<string, ConversationQueue>();
    try {
      const planner = new SlotPlanner(this.store, this.options.throttle, (work) => this.db(work));
      const plan = await planner.plan(rows, this.ctx.clock.now());
      for (const row of plan.released) this.done(row);
      for (const next of plan.planned) {
        const queue = conversations.get(next.row.conversationKey) ?? new ConversationQueue((item) => this.handleAt(item, claimedAt, probing), (rest, until) => this.giveBack(rest, until), (error) => this.lost(error));
        conversations.set(next.row.conversationKey, queue);
        queue.push(next);
      }
      planned?.();
      return (await Promise.all([...conversations.values()].map((queue) => queue.finished()))).flat();
    } finally {
      clearInterval(heartbeat);
      // Whatever failed, the conversations under way finish (or fail) on their own first.
      await Promise.all([...conversations.values()].map((queue) => queue.finished()));
      for (const row of rows) this.done(row);
    }
  }

  /** The row is no longer worked on by this pass. */
  private done(row: OutboxRow): void {
    if (!this.inProgress.delete(row.id)) return;
    const left = (this.busy.get(row.conversationKey) ?? 1) - 1;
    if (left > 0) this.busy.set(row.conversationKey, left);
    else this.busy.delete(row.conversationKey);
  }

  private async giveBack(row: OutboxRow, until: Date): Promise<void> {
    await this.db(this.store.release(row.id, until));
    this.done(row);
  }

  /** The database failed while recording: the rest of this conversation keeps its lease, which runs out. */
  private lost(error: unknown): void {
    if (!(error instanceof LeaseLost)) this.outage.failed(error);
  }

  /** Extends the leases of the rows still being worked on; a failure leaves them to run out. */
  private beating = false;
  private async beat(): Promise<void> {
    if (this.beating || this.inProgress.size === 0) return;
    this.beating = true;
    const asked = Date.now();
    try {
      await this.db(this.store.extendLeases([...this.inProgress], this.options.owner, new Date(this.ctx.clock.now().getTime() + this.options.leaseMs)));
      this.beatAt = asked;
    } catch (error) {
      this.outage.failed(error);
    } finally {
      this.beating = false;
    }
  }

  /** Waits for the row's throttle slot, then handles it, unless we stop, its platform paused meanwhile, or its lease is in doubt. */
  private async handleAt({ row, slot }: Planned, claimedAt: number, probing: boolean): Promise<Outcome> {
    // What the send needs is read a moment before the slot, together with the rows due meanwhile.
    const early = slot.getTime() - LOOKAHEAD_MS - this.ctx.clock.now().getTime();
    if (early > 0) await this.sleep(early);
    const prepared = this.stopped ? null : this.sender.prepare(row);
    const wait = slot.getTime() - this.ctx.clock.now().getTime();
    if (wait > 0) await this.sleep(wait);
    // The lease runs from the claim or from the last heartbeat that extended it, whichever is later.
    if (Date.now() > Math.max(claimedAt, this.beatAt) + this.options.leaseMs - this.options.leaseMs / 3) throw new LeaseLost();
    const outcome = this.stopped || (!probing && this.pauses.isPaused(row.platform)) ? await this.hold(row, this.ctx.clock.now()) : await this.handle(row, prepared);
    this.done(row);
    return outcome;
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

  private async handle(row: OutboxRow, prepared: ReturnType<MessageSender['prepare']>): Promise<Outcome> {
    const messenger = this.messengers.get(row.platform);
    const request = { left: false };
    try {
      if (!messenger) throw new Skip(`${row.platform} is not configured`);
      const { ref, marked } = await this.sender.deliver(row, messenger, request, prepared);
      if (marked ?? (await this.db(this.store.markSent(row.id, ref, this.ctx.clock.now(), row.version)))) {
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
