// Background work (the dispatcher, the inbox, scheduled jobs) meets a database or a platform
// that is down. It says so once, goes on trying with a growing pause, and says once when it is
// over: one log line per outage, not one per attempt.
import { safeError, type Logger } from './logger.ts';

export class Outage {
  private since: number | null = null;
  private failures = 0;
  private waits = 0;

  constructor(
    private readonly logger: Logger,
    /** What is failing, e.g. "database", as the log line names it. */
    private readonly what: string,
    /** Who notices, e.g. "outbox dispatcher". */
    private readonly who: string,
    private readonly options: { baseMs: number; maxMs: number } = { baseMs: 500, maxMs: 30_000 },
    private readonly onFailure: () => void = () => undefined,
  ) {}

  get active(): boolean {
    return this.since !== null;
  }

  /** Records a failure; logs only the first of an outage. */
  failed(error: unknown): void {
    this.failures += 1;
    this.onFailure();
    if (this.since !== null) return;
    this.since = Date.now();
    this.logger.error({ component: this.who, err: safeError(error) }, `${this.what} unavailable; ${this.who} keeps trying`);
  }

  /** Records a success; logs the end of an outage. */
  ok(): void {
    if (this.since === null) return;
    this.logger.info({ component: this.who, seconds: Math.round((Date.now() - this.since) / 1000), failures: this.failures }, `${this.what} available again; ${this.who} goes on`);
    this.since = null;
    this.failures = 0;
    this.waits = 0;
  }

  /** How long to wait before the next try: doubling with each wait, from baseMs up to maxMs, while the outage lasts. */
  backoffMs(): number {
    if (this.since === null) return 0;
    this.waits += 1;
    return Math.min(this.options.maxMs, this.options.baseMs * 2 ** Math.min(this.waits - 1, 16));
  }
}
