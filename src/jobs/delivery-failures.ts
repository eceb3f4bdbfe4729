// What a failed delivery leads to, by the failure's class (delivery/error-classes.ts): a row
// skipped for good (and the core told), a row waiting for working hours or for the message it
// edits, a platform paused, a message given up (the core moves on) or kept as dead and alerted
// (a bug: nobody moves on), or another try after a backoff. A failure after the request left
// marks the row "maybe sent".
import { reportDigestFailure } from '../app/digest/report-digest-failure.ts';
import { reportUndeliverable } from '../app/report-undeliverable.ts';
import { SendTimeout } from '../delivery/error-classes.ts';
import { safeError, type Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { MessengerError, type AppContext, type DispatchStore, type OutboxRow } from '../ports.ts';
import type { PlatformPauses } from './platform-pauses.ts';

/** A row that cannot be handled yet (e.g. its thread parent is not posted): try again soon. */
export class NotYet extends Error {}
/** A row that must wait until a given moment (quiet hours): given back untouched until then. */
export class Later extends Error {
  constructor(readonly at: Date) {
    super('outside working hours');
  }
}
/** A row that will never be deliverable: skip it with this reason (and let the core react). */
export class Skip extends Error {
  constructor(
    reason: string,
    readonly report = false,
  ) {
    super(reason);
  }
}

/** How a row ended in this pass: sent or not, failed for its platform or not, and whether its conversation waits (until when). */
export interface Outcome {
  sent: boolean;
  failed?: boolean;
  holdUntil: Date | null;
}
export const DONE: Outcome = { sent: false, holdUntil: null };

export interface FailureDeps {
  ctx: AppContext;
  store: DispatchStore;
  pauses: PlatformPauses;
  logger: Logger;
  metrics?: Metrics;
  options: { maxAttempts: number; retryBaseMs: number };
  /** A database call within the dispatcher's time limit. */
  db<T>(work: Promise<T>): Promise<T>;
  kick(): void;
}

export class DeliveryFailures {
  constructor(private readonly deps: FailureDeps) {}

  /** Asks the core to react to a message that will never arrive (the next candidate, the owner). */
  async report(row: OutboxRow, reason: string): Promise<void> {
    try {
      // digest14 hook: a digest that cannot be posted is the admins' to know (app/digest/report-digest-failure.ts).
      if (row.kind === 'digest') await this.deps.db(reportDigestFailure(this.deps.ctx, { idempotencyKey: row.idempotencyKey, reason }));
      else await this.deps.db(reportUndeliverable(this.deps.ctx, { kind: row.kind, idempotencyKey: row.idempotencyKey, requestId: row.requestId, reason, card: row.card }));
      this.deps.kick();
    } catch (error) {
      this.deps.logger.error({ err: safeError(error), outbox: row.id }, 'reacting to an undeliverable message failed');
    }
  }

  /** Records why the row was not sent, by the failure's class. Throws when the database fails. */
  async fail(row: OutboxRow, error: unknown, requestLeft: boolean): Promise<Outcome> {
    const now = this.deps.ctx.clock.now();
    if (error instanceof Skip) {
      await this.deps.db(this.deps.store.markFinal(row.id, 'skipped', error.message));
      this.deps.logger.info({ outbox: row.id, kind: row.kind, reason: error.message }, 'outbox message skipped');
      if (error.report) await this.report(row, error.message);
      return DONE;
    }
    if (error instanceof Later) {
      // Only this invitation waits for working hours; the conversation goes on.
      await this.deps.db(this.deps.store.release(row.id, error.at));
      return DONE;
    }
    if (error instanceof NotYet) {
      const at = new Date(now.getTime() + 500);
      await this.deps.db(this.deps.store.markRetry(row.id, row.attempts, at, error.message));
      return { sent: false, holdUntil: at };
    }
    const failure = error instanceof MessengerError ? error : null;
    // Anything that went wrong after the request left (a lost answer, the record failing) may have sent it.
    const maybeSent = requestLeft && (failure ? failure.maybeSent : true);
    if (failure?.kind === 'platform') return this.pauseFor(row, 'platform', failure.reason, maybeSent);
    if (failure?.kind === 'recipient' || failure?.kind === 'message') return this.giveUp(row, failure.kind, failure.reason);
    const reason = failure ? failure.reason : error instanceof Error ? error.message : String(error);
    if (failure && failure.retryAfterMs === undefined && this.deps.pauses.failedTransiently(row.platform)) return this.pauseFor(row, 'unreachable', reason, maybeSent);
    const attempts = row.attempts + 1;
    if (attempts >= this.deps.options.maxAttempts) return this.giveUp(row, 'transient', reason);
    const delay = retryDelay(attempts, failure?.retryAfterMs, Math.random, this.deps.options.retryBaseMs);
    await this.deps.db(this.deps.store.markRetry(row.id, attempts, new Date(now.getTime() + delay), reason, maybeSent));
    this.deps.metrics?.outbox.inc({ platform: row.platform, outcome: 'retry' });
    // A failing message does not hold its conversation up, unless the platform did not answer at
    // all, or it is a channel's: there the messages after it wait, so none overtakes it.
    const holds = error instanceof SendTimeout || row.address.kind === 'channel';
    return { sent: false, failed: true, holdUntil: holds ? new Date(now.getTime() + delay) : null };
  }

  /** The platform refuses us (or does not answer): pause it; this row waits, its attempts untouched. */
  private async pauseFor(row: OutboxRow, errorClass: 'platform' | 'unreachable', reason: string, maybeSent: boolean): Promise<Outcome> {
    await this.deps.db(this.deps.pauses.pause(row.platform, errorClass, reason));
    const now = this.deps.ctx.clock.now();
    await this.deps.db(this.deps.store.markRetry(row.id, row.attempts, now, `${errorClass}: ${reason}`, maybeSent));
    this.deps.metrics?.outbox.inc({ platform: row.platform, outcome: 'paused' });
    return { sent: false, failed: true, holdUntil: now };
  }

  /** Recipient (or transient too often): the core moves on. Message: a bug; alert, and nobody moves on. */
  private async giveUp(row: OutboxRow, errorClass: 'recipient' | 'message' | 'transient', reason: string): Promise<Outcome> {
    const attempts = row.attempts + 1;
    await this.deps.db(this.deps.store.markFinal(row.id, 'dead', errorClass === 'message' ? `message: ${reason}` : reason));
    this.deps.metrics?.outbox.inc({ platform: row.platform, outcome: errorClass === 'message' ? 'refused' : 'dead' });
    if (errorClass === 'message') {
      this.deps.logger.error({ outbox: row.id, kind: row.kind, platform: row.platform, reason }, 'a message was refused as written (a bug); it is kept as dead and nobody is skipped because of it');
      await this.deps.pauses.refused(row.platform, reason);
      return DONE;
    }
    this.deps.logger.warn({ outbox: row.id, kind: row.kind, attempts, reason }, 'outbox message is dead');
    await this.report(row, reason);
    return DONE;
  }
}

/** Exponential backoff with full jitter, at least Retry-After when the platform sent one. */
export function retryDelay(attempt: number, retryAfterMs?: number, random: () => number = Math.random, baseMs = 1_000): number {
  const base = Math.min(300_000, baseMs * 2 ** (attempt - 1));
  const jittered = base / 2 + random() * (base / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}
