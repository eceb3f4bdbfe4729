// The durable inbox: a platform request is recorded in the database before it is acknowledged,
// so a database outage answers 503 (and Slack sends it again later) instead of a 200 for work
// that is then lost. The instance that received it processes it at once; if that fails, or the
// instance dies first, a worker on any instance processes it again later (at least once; a
// retried delivery of the same request is recognised by its key and acknowledged without
// acting again). Capacity is bounded: a request that finds every slot taken is refused at once
// (503 with Retry-After), before its body is read, instead of being acknowledged and dropped.
import type { Platform } from '../domain/vocabulary.ts';
import { safeError, type Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { Outage } from '../outage.ts';
import type { InboxRecord, InboxStore } from '../ports-inbox.ts';

export interface InboxOptions {
  owner: string;
  /** Requests worked on at once by this instance (received and replayed); more are refused. */
  maxActive: number;
  /** The longest recording may take before the request is refused with 503. */
  recordTimeoutMs: number;
  /** How long an instance holds a request it works on before another may take it over. */
  leaseMs: number;
  /** How often the worker looks for requests to process again. */
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Finished requests are kept this long (to recognise late retries), then deleted. */
  keepMs: number;
}

export const DEFAULT_INBOX_OPTIONS: Omit<InboxOptions, 'owner'> = {
  maxActive: 200,
  recordTimeoutMs: 2_000,
  leaseMs: 120_000,
  pollMs: 1_000,
  maxAttempts: 6,
  retryBaseMs: 2_000,
  keepMs: 24 * 3_600_000,
};

/**
 * A request body that already is JSON text (Slack sent it as JSON): stored as it came, instead
 * of being serialised again. What is read back is the parsed value, as for any other body.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Why a request could not be recorded: the database failed or did not answer in time. */
export class InboxUnavailable extends Error {}

/** One admitted request: holds a slot until released (once). */
export class InboxTicket {
  id: string | null = null;
  processing = false;
  private released = false;

  constructor(private readonly free: () => void) {}

  release(): void {
    if (this.released) return;
    this.released = true;
    this.free();
  }
}

export class Inbox {
  private active = 0;
  /** Requests the HTTP front recorded and answered, being worked on here. */
  private adopted = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private running: Promise<void> | undefined;
  private lastPrune = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Requests being processed here, whose leases the heartbeat keeps. */
  private readonly held = new Set<string>();
  private readonly outage: Outage;

  constructor(
    private readonly store: InboxStore,
    private readonly platform: Platform,
    private readonly logger: Logger,
    private readonly options: InboxOptions,
    private readonly metrics?: Metrics,
  ) {
    this.outage = new Outage(logger, 'database', `${platform} inbox`, { baseMs: options.pollMs, maxMs: 30_000 }, () => metrics?.databaseFailures.inc({ component: 'inbox' }));
  }

  get load(): { active: number; max: number } {
    return { active: this.active, max: this.options.maxActive };
  }

  /** A slot for one request, or null when all are taken (refuse it). */
  admit(): InboxTicket | null {
    if (this.active >= this.options.maxActive) {
      this.metrics?.inbox.inc({ platform: this.platform, outcome: 'refused_load' });
      return null;
    }
    return this.ticket();
  }

  /**
   * A slot for a request recorded and answered elsewhere (the HTTP front, src/front): it is
   * already the instance's to work on, so it is never refused here; the front bounds how many.
   */
  adopt(id: string): InboxTicket {
    // Counted apart: a backlog of the front's requests must not refuse the requests this thread answers itself (forms, options).
    this.adopted += 1;
    this.showActive();
    const ticket = new InboxTicket(() => {
      this.adopted -= 1;
      this.showActive();
    });
    ticket.id = id;
    return ticket;
  }

  private ticket(): InboxTicket {
    this.active += 1;
    this.showActive();
    return new InboxTicket(() => {
      this.active -= 1;
      this.showActive();
    });
  }

  private showActive(): void {
    this.metrics?.inboxActive.set({ platform: this.platform }, this.active + this.adopted);
  }

  /** Counts answers given by the HTTP front (recorded, duplicate, refused_load, refused_database). */
  counted(outcome: string, count: number): void {
    this.metrics?.inbox.inc({ platform: this.platform, outcome }, count);
  }

  /** Records the request; false when it was recorded before (a retry). Throws InboxUnavailable. */
  async record(ticket: InboxTicket, dedupeKey: string, kind: string, body: unknown): Promise<boolean> {
    const now = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new InboxUnavailable(`recording took longer than ${this.options.recordTimeoutMs} ms`)), this.options.recordTimeoutMs);
    });
    const recording = this.store.record({ platform: this.platform, dedupeKey, kind, body }, this.options.owner, new Date(now + this.options.leaseMs));
    recording.catch(() => undefined);
    try {
      ticket.id = await Promise.race([recording, late]);
    } catch (error) {
      this.metrics?.inbox.inc({ platform: this.platform, outcome: 'refused_database' });
      this.outage.failed(error);
      throw error instanceof InboxUnavailable ? error : new InboxUnavailable('the database failed');
    } finally {
      clearTimeout(timer);
    }
    this.outage.ok();
    this.metrics?.inbox.inc({ platform: this.platform, outcome: ticket.id ? 'recorded' : 'duplicate' });
    return ticket.id !== null;
  }

  /**
   * Runs the work for a recorded request and marks it done, or failed: tried again later when
   * `again` (events, which Slack itself would send again), else given up (a command or a button:
   * the person saw it fail and can try again; doing it twice could act twice). Never throws.
   */
  async process(ticket: InboxTicket, attempts: number, work: () => Promise<void>, again = true): Promise<void> {
    ticket.processing = true;
    const id = ticket.id;
    if (id) this.held.add(id);
    try {
      await work();
      if (id) await this.store.markDone(id, new Date());
    } catch (error) {
      if (id) await this.failed(id, again ? attempts + 1 : this.options.maxAttempts, error);
    } finally {
      if (id) this.held.delete(id);
      ticket.release();
    }
  }

  private async failed(id: string, attempts: number, error: unknown): Promise<void> {
    const dead = attempts >= this.options.maxAttempts;
    const delay = Math.min(300_000, this.options.retryBaseMs * 2 ** (attempts - 1));
    const reason = safeError(error);
    if (dead) this.logger.error({ inbox: id, attempts, err: reason }, 'a platform request failed every time; given up');
    else this.logger.warn({ inbox: id, attempts, err: reason }, 'a platform request failed; it will be processed again');
    this.metrics?.inbox.inc({ platform: this.platform, outcome: dead ? 'dead' : 'failed' });
    try {
      await this.store.markFailed(id, attempts, new Date(Date.now() + delay), String(reason.message ?? reason.type), dead);
    } catch (markError) {
      // Its lease runs out and the worker processes it again.
      this.outage.failed(markError);
    }
  }

  /** Starts the worker that processes again what was left unfinished. */
  start(replay: (record: InboxRecord, ticket: InboxTicket) => Promise<void>): void {
    this.stopped = false;
    this.heartbeat = setInterval(() => {
      if (this.held.size === 0) return;
      this.store.extendLeases([...this.held], this.options.owner, new Date(Date.now() + this.options.leaseMs)).catch((error: unknown) => this.outage.failed(error));
    }, Math.max(100, Math.floor(this.options.leaseMs / 3)));
    const loop = (delay: number) => {
      this.timer = setTimeout(() => {
        this.running = this.sweep(replay)
          .catch((error: unknown) => this.outage.failed(error))
          .finally(() => {
            this.running = undefined;
            if (!this.stopped) loop(this.outage.active ? this.outage.backoffMs() : this.options.pollMs);
          });
      }, delay);
    };
    loop(this.options.pollMs);
  }

  private async sweep(replay: (record: InboxRecord, ticket: InboxTicket) => Promise<void>): Promise<void> {
    const now = new Date();
    const room = Math.min(10, this.options.maxActive - this.active);
    const records = await this.store.claimDue(this.options.owner, now, room, new Date(now.getTime() + this.options.leaseMs));
    this.outage.ok();
    for (const record of records) {
      const ticket = this.admit();
      if (!ticket) break; // its lease runs out; taken again later
      ticket.id = record.id;
      this.metrics?.inbox.inc({ platform: this.platform, outcome: 'replayed' });
      void this.process(ticket, record.attempts, () => replay(record, ticket));
    }
    if (now.getTime() - this.lastPrune > 3_600_000) {
      this.lastPrune = now.getTime();
      const pruned = await this.store.prune(new Date(now.getTime() - this.options.keepMs));
      if (pruned > 0) this.logger.debug({ pruned }, 'old inbox rows deleted');
    }
  }

  /** Stops the worker and waits for the requests being processed (up to timeoutMs). */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    // Leases stay kept until the last request here is done (or the time is up).
    const keepUntil = setTimeout(() => clearInterval(this.heartbeat), timeoutMs);
    const deadline = Date.now() + timeoutMs;
    while (this.active + this.adopted > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    clearTimeout(keepUntil);
    clearInterval(this.heartbeat);
    if (this.active + this.adopted > 0) this.logger.warn({ active: this.active + this.adopted }, 'requests still being processed at the stop; another instance processes them again');
  }
}
