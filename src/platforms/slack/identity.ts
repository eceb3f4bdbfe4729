// Who the bot is in Slack (auth.test), learnt in the background. Bolt would call auth.test while
// it starts and crash the process when Slack is down, answers 429 or refuses the token; and it
// would answer every request 404 after three seconds while that call hangs. Here the start never
// waits for it: requests are handled with the token alone until the answer comes, the call is
// tried again with a growing pause, a refused token pauses sending to Slack (the dispatcher
// resumes it when a probe succeeds), and each outage gives one log line.
import type { AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { safeError, type Logger } from '../../logger.ts';
import { toMessengerError } from './messenger.ts';

export interface BotIdentity {
  botUserId: string;
  botId: string;
}

export class SlackIdentity {
  private known: BotIdentity | null;
  private checking = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly client: WebClient,
    private readonly token: string,
    private readonly logger: Logger,
    /** Slack refused the token (invalid_auth, token_revoked, …): pause sending. */
    private readonly onRefused: (reason: string) => void,
    preset?: Partial<BotIdentity>,
    private readonly retry = { baseMs: 2_000, maxMs: 300_000 },
  ) {
    this.known = preset?.botUserId && preset.botId ? { botUserId: preset.botUserId, botId: preset.botId } : null;
  }

  /** For Bolt: the token, and the bot's ids when known. Never waits for Slack, never fails. */
  readonly authorize = async (): Promise<AuthorizeResult> => {
    if (!this.known) this.check();
    return { botToken: this.token, ...(this.known ?? {}) };
  };

  start(): void {
    this.stopped = false;
    this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private check(): void {
    if (this.known || this.checking || this.stopped) return;
    this.checking = true;
    this.client.auth
      .test()
      .then((answer) => {
        this.known = { botUserId: String(answer.user_id ?? ''), botId: String(answer.bot_id ?? '') };
        if (this.failures > 0) this.logger.info({ failures: this.failures }, 'Slack answered auth.test; the bot knows who it is in Slack again');
        this.failures = 0;
      })
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.checking = false;
      });
  }

  private failed(error: unknown): void {
    const classified = toMessengerError(error);
    this.failures += 1;
    if (this.failures === 1) {
      this.logger.warn({ err: safeError(error), reason: classified.reason }, 'Slack did not answer auth.test; Slack stays on and the bot tries again');
    }
    if (classified.kind === 'platform') this.onRefused(classified.reason);
    const wait = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** Math.min(this.failures - 1, 16));
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.check(), wait);
    this.timer?.unref();
  }
}
