// The real service with fake Slack (and, when asked, a fake Bot Connector), on a fresh database,
// with a clock the test can move forward: people join, post, press buttons and read their
// messages over HTTP; scheduled jobs run as the scheduler runs them (by their declaration).
import { IN_PLACE_DELAY_MS } from '../../../src/app/support/live-messages.ts';
import { JOBS } from '../../../src/jobs/schedules.ts';
import type { Clock } from '../../../src/ports.ts';
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Real time moved forward by an offset: time goes on (the dispatcher needs it), and jumps ahead on demand. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  jumpTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  metadata?: unknown;
}

export class Life {
  readonly clock = new ShiftedClock();

  constructor(readonly h: SlackHarness) {
    h.service.ctx.clock = this.clock;
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  }

  static async start(env: Record<string, string> = {}): Promise<Life> {
    return new Life(await startSlackHarness(env));
  }

  /** A Slack user joins and agrees to be asked about guest lectures. */
  async join(userId: string, name = userId.slice(1), purposes: string[] = ['guest_lecture']): Promise<void> {
    this.h.slack.addUser({ id: userId, name, email: `${name.toLowerCase()}@example.no` });
    expect((await postCommand(this.h.base, slashCommand(this.h.slack.url, userId, 'join'))).status).toBe(200);
    const values = stateValues({ purposes: { type: 'multi_static_select', selected_options: purposes.map((value) => ({ value })) } });
    expect((await postInteraction(this.h.base, viewSubmission(userId, 'give_consent', values))).status).toBe(200);
  }

  /** Kari posts a request in #staff from the Slack form; returns the card once it is in the channel. */
  async post(fields: { title?: string; needed?: number; replyInDays?: number; startsInDays?: number } = {}): Promise<SlackMessage> {
    const now = this.clock.now().getTime();
    const values = stateValues({
      title: { type: 'plain_text_input', value: fields.title ?? 'Gjesteforelesning om skatt' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: this.h.unitId } },
      description: { type: 'plain_text_input', value: 'Nitti minutter for andreårsstudenter.' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((now + (fields.startsInDays ?? 30) * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'digital' } },
      needed: { type: 'number_input', value: String(fields.needed ?? 1) },
      replyBy: { type: 'datepicker', selected_date: new Date(now + (fields.replyInDays ?? 10) * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
    });
    const response = await postInteraction(this.h.base, viewSubmission('UKARI', 'post_request', values));
    expect(await response.text()).toBe('');
    return eventually(() => {
      const card = this.h.slack.messagesIn('CSTAFF').filter((message) => !message.thread_ts).at(-1);
      expect(card).toBeDefined();
      return card!;
    });
  }

  /**
   * Presses a button on a message the user sees (`value`: the button's value as it was when the
   * message was read, for a press on an old copy); returns the ephemeral answer, if any.
   */
  async press(userId: string, actionId: string, message: SlackMessage, value = buttonValue(message, actionId)): Promise<string | undefined> {
    const before = this.h.slack.responses.length;
    const response = await postInteraction(this.h.base, blockAction(this.h.slack.url, userId, actionId, value, { channel: message.channel, ts: message.ts }));
    expect(response.status).toBe(200);
    return this.h.slack.responses.slice(before).map((answer) => String(answer.body.text ?? '')).at(-1);
  }

  /** A user's direct messages as they look now, oldest first. */
  dm(userId: string): SlackMessage[] {
    return this.h.slack.messagesIn(userId);
  }

  /** The user's invitations (by their outbox key), as they look now. */
  invitesTo(userId: string): SlackMessage[] {
    return this.dm(userId).filter((message) => JSON.stringify(message.metadata ?? '').includes(':invite'));
  }

  /** The newest direct message to a user that contains a text. */
  async dmWith(userId: string, text: string): Promise<SlackMessage> {
    return eventually(() => {
      const found = this.dm(userId).filter((message) => readable(message).includes(text)).at(-1);
      expect(found).toBeDefined();
      return found!;
    });
  }

  thread(card: SlackMessage): string[] {
    return this.h.slack.messagesIn('CSTAFF').filter((message) => message.thread_ts === card.ts).map((message) => message.text);
  }

  current(message: SlackMessage): SlackMessage {
    return this.h.slack.messages.get(`${message.channel}/${message.ts}`) as SlackMessage;
  }

  async runJob(id: string): Promise<Record<string, number>> {
    const job = JOBS.find((candidate) => candidate.id === id);
    if (!job) throw new Error(`no job ${id}`);
    const result = await job.run(this.h.service.ctx);
    this.h.service.dispatcher?.kick();
    return result;
  }

  /** Waits until every message due by now (or within the moment an in-place edit waits) has been handled. */
  async settle(timeoutMs = 10_000): Promise<void> {
    await eventually(async () => {
      this.h.service.dispatcher?.kick();
      const soon = new Date(this.clock.now().getTime() + IN_PLACE_DELAY_MS + 1_000);
      const due = await this.h.service.database.prisma.outboxMessage.count({ where: { state: 'pending', nextAttemptAt: { lte: soon } } });
      expect(due).toBe(0);
    }, timeoutMs);
  }

  stop(): Promise<void> {
    return this.h.stop();
  }
}

/** What a person reads in a Slack message: its text and blocks' texts. */
export function readable(message: SlackMessage): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

export function buttonValue(message: SlackMessage, actionId: string): string {
  const match = new RegExp(`"action_id":"${actionId}","value":"([^"]+)"`).exec(JSON.stringify(message.blocks));
  if (!match) throw new Error(`no ${actionId} button in: ${readable(message)}`);
  return match[1]!;
}

export function buttonsOf(message: SlackMessage): string[] {
  return [...JSON.stringify(message.blocks).matchAll(/"action_id":"([a-z_]+)"/g)].map((match) => match[1]!);
}
