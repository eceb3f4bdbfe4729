// The demo's transcript: after each step, what each person saw on each platform since the last
// step, read from what the fake Slack and the fake Bot Connector received from the bot.
import type { FakeConnector } from '../../test/support/fake-connector.ts';
import type { FakeSlack } from '../../test/support/fake-slack.ts';
import { slackLines, teamsLines } from './render.ts';

type Json = Record<string, unknown>;

export class Transcript {
  private slackCalls = 0;
  private slackResponses = 0;
  private connectorCalls = 0;
  readonly lines: string[] = [];
  /** Slack user ids and Teams conversation ids (and channels) to the names shown. */
  readonly names = new Map<string, string>();
  /** What each message last showed, so an edit that changes nothing is not shown twice. */
  private readonly shown = new Map<string, string>();

  constructor(
    private readonly slack: FakeSlack,
    private readonly connector: FakeConnector,
    private readonly print: (line: string) => void,
  ) {}

  say(line = ''): void {
    this.lines.push(line);
    this.print(line);
  }

  step(title: string): void {
    this.collect();
    this.say('');
    this.say(`=== ${title}`);
  }

  private who(id: string): string {
    return this.names.get(id) ?? this.names.get(`U${id.slice(1)}`) ?? id;
  }

  private show(header: string, lines: string[]): void {
    this.say(`  ${header}`);
    for (const line of lines) this.say(`      ${line}`);
  }

  /** Prints everything the people were shown since the last call. */
  collect(): void {
    for (const call of this.slack.calls.slice(this.slackCalls)) this.slackCall(call.method, call.params);
    this.slackCalls = this.slack.calls.length;
    for (const response of this.slack.responses.slice(this.slackResponses)) {
      const user = response.id.replace(/^(cmd|action)-/, '');
      this.show(`[Slack] ${this.who(user)} sees (only for them):`, slackLines(response.body));
    }
    this.slackResponses = this.slack.responses.length;
    for (const call of this.connector.calls.slice(this.connectorCalls)) {
      if (call.method === 'GET') continue;
      const where = this.who(call.conversationId.split(';')[0] ?? call.conversationId);
      const lines = teamsLines(call.body);
      const key = `${call.conversationId}/${call.activityId ?? ''}`;
      if (call.method === 'PUT' && this.shown.get(key) === lines.join('\n')) continue;
      if (call.method === 'PUT') this.shown.set(key, lines.join('\n'));
      this.show(`[Teams] ${where} ${call.method === 'PUT' ? 'sees a card change to' : 'sees'}:`, lines);
    }
    this.connectorCalls = this.connector.calls.length;
  }

  private slackCall(method: string, p: Json): void {
    const channel = String(p.channel ?? '');
    if (method === 'chat.postMessage') this.show(`[Slack] ${this.who(channel)} sees${p.thread_ts ? ' (in the thread)' : ''}:`, slackLines(p));
    else if (method === 'chat.update') {
      const lines = slackLines(p);
      const key = `${channel}/${String(p.ts)}`;
      if (this.shown.get(key) !== lines.join('\n')) this.show(`[Slack] ${this.who(channel)} sees a message change to:`, lines);
      this.shown.set(key, lines.join('\n'));
    }
    else if (method === 'chat.postEphemeral') this.show(`[Slack] ${this.who(String(p.user))} sees (only for them):`, slackLines(p));
    else if (method === 'views.open' || method === 'views.update' || method === 'views.push') this.show(`[Slack] ${this.who(String(p.trigger_id ?? '').split('-')[1] ?? '')} sees a form open:`, slackLines(p.view as Json));
    else if (method === 'files.completeUploadExternal') {
      const files = (typeof p.files === 'string' ? JSON.parse(p.files) : p.files) as { title?: string }[] | undefined;
      const title = files?.map((file) => file.title ?? '').join(', ');
      this.show(`[Slack] ${this.who(String(p.channel_id ?? ''))} gets a file${title ? ` “${title}”` : ''}:`, p.initial_comment ? [String(p.initial_comment)] : []);
    }
  }
}
