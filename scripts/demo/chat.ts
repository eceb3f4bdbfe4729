// What people do in the demo, through chat only: signed Slack requests (slash commands, button
// presses, DMs) and Bot Framework activities to the real service over HTTP, and what they can read.
import { randomUUID } from 'node:crypto';
import { teamsActivity } from '../../test/support/fake-connector.ts';
import { blockAction, postCommand, postEvent, postInteraction, slashCommand, TEAM } from '../../test/support/slack-requests.ts';
import type { DemoAlumnus } from './alumni.ts';
import type { Stage } from './stage.ts';
import type { Transcript } from './transcript.ts';

export type TeamsPerson = DemoAlumnus & { userId: string };

export interface SlackMessage {
  channel: string;
  ts: string;
  blocks: unknown[];
  metadata?: unknown;
  thread_ts?: string;
}

export const json = (value: unknown): string => JSON.stringify(value);
export const buttonValue = (message: { blocks: unknown[] }, actionId: string): string | undefined => new RegExp(`"action_id":"${actionId}","value":"([^"]*)"`).exec(json(message.blocks))?.[1];

/** Waits (bounded) until `check` returns a value. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`the demo waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class Chat {
  private counter = 0;

  constructor(
    readonly stage: Stage,
    readonly t: Transcript,
  ) {}

  /** A Teams activity from the person's personal chat. */
  teams(who: TeamsPerson, fields: Partial<Parameters<typeof teamsActivity>[1]>): Promise<Response> {
    const activity = teamsActivity(this.stage.connector.url, { id: `demo-${(this.counter += 1)}`, type: 'message', userId: who.userId, aadObjectId: who.teamsId, name: who.name, locale: 'en-US', ...fields });
    return fetch(`${this.stage.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(activity) });
  }

  /** `/alumni <text>` in #staff. */
  async command(userId: string, text: string): Promise<void> {
    await postCommand(this.stage.base, slashCommand(this.stage.slack.url, userId, text));
    this.t.collect();
  }

  async press(userId: string, actionId: string, message: SlackMessage, value = buttonValue(message, actionId) ?? ''): Promise<void> {
    await postInteraction(this.stage.base, blockAction(this.stage.slack.url, userId, actionId, value, { channel: message.channel, ts: message.ts }));
  }

  /** The person writes in their DM with the bot. */
  async say(userId: string, text: string): Promise<void> {
    const now = `${Date.now() / 1000}`;
    const event = { type: 'message', channel_type: 'im', channel: `D${userId.slice(1)}`, user: userId, text, ts: now, event_ts: now };
    await postEvent(this.stage.base, { token: 'x', team_id: TEAM.id, api_app_id: 'A1', type: 'event_callback', event_id: `Ev${randomUUID()}`, event_time: Math.floor(Date.now() / 1000), event });
  }

  /** A Slack message as it looks now. */
  current(message: SlackMessage): SlackMessage {
    return this.stage.slack.messages.get(`${message.channel}/${message.ts}`) as SlackMessage;
  }

  dms(userId: string): SlackMessage[] {
    return this.stage.slack.messagesIn(`D${userId.slice(1)}`) as SlackMessage[];
  }

  /** Waits until every message due now has been sent, then a moment for the edits in place. */
  async settle(): Promise<void> {
    const { service, clock } = this.stage;
    await waitFor('the outbox to empty', async () => {
      service.dispatcher?.kick();
      const soon = new Date(clock.now().getTime() + 3_000);
      const due = await service.database.prisma.outboxMessage.count({ where: { state: 'pending', nextAttemptAt: { lte: soon } } });
      return due === 0 ? true : undefined;
    }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
