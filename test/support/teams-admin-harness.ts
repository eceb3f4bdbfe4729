// The real service on an empty database (a fresh install: no units, no programmes, no roles
// but ADMIN_EMAILS), with Teams pointed at a local fake Bot Connector. People talk to it the
// way Teams does, in a personal chat or by mentioning it in a channel, and each call returns
// what the bot sent back into that conversation.
import { loadConfig } from '../../src/config.ts';
import { runSteps } from '../../src/lifecycle.ts';
import { createLogger } from '../../src/logger.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { FakeConnector, teamsActivity, type ConnectorCall, type FakeMember } from './fake-connector.ts';
import { silentLogger } from './logger.ts';
import { createTestDatabase } from './postgres.ts';

export const STAFF_CHANNEL = '19:staff@thread.tacv2';

export interface TeamsUser {
  userId: string;
  aadObjectId: string;
  name: string;
  /** What the connector's member lookup answers (Teams' verified e-mail). */
  email?: string;
  /** The Teams client's locale, e.g. nb-NO or en-GB. */
  locale?: string;
}

export interface Sent {
  method: string;
  /** For updates (PUT): the activity that was replaced. */
  activityId?: string;
  body: Record<string, unknown>;
}

export interface TeamsAdminHarness {
  service: RunningService;
  connector: FakeConnector;
  /** Types a message in the person's personal chat, or in the staff channel (mentioning the bot). */
  say(user: TeamsUser, text: string, where?: 'personal' | 'channel'): Promise<Sent[]>;
  /** Presses a button or submits a card; `replyToId` is the card's activity id. */
  submit(user: TeamsUser, value: Record<string, unknown>, replyToId: string, where?: 'personal' | 'channel'): Promise<Sent[]>;
  stop(): Promise<void>;
}

export async function startTeamsAdminHarness(users: readonly TeamsUser[], env: Record<string, string> = {}): Promise<TeamsAdminHarness> {
  const testDb = await createTestDatabase();
  const connector = await new FakeConnector().start();
  for (const user of users) connector.addMember({ id: user.userId, aadObjectId: user.aadObjectId, name: user.name, ...(user.email ? { email: user.email } : {}) } satisfies FakeMember);
  const config = loadConfig({ DATABASE_URL: testDb.url, PORT: '0', ADMIN_EMAILS: 'kari@uni.example', WORKING_HOURS: 'always', ...env });
  const service = await startService(config, process.env.TEST_LOG ? createLogger('error') : silentLogger(), { dispatcher: { pollMs: 50 } });
  const base = `http://127.0.0.1:${service.port}`;
  let counter = 0;

  async function post(user: TeamsUser, fields: { text?: string; value?: Record<string, unknown>; replyToId?: string }, where: 'personal' | 'channel'): Promise<Sent[]> {
    const id = `act-${(counter += 1)}`;
    const activity = teamsActivity(connector.url, { id, type: 'message', userId: user.userId, aadObjectId: user.aadObjectId, name: user.name, locale: user.locale, ...fields });
    const conversationId = where === 'channel' ? STAFF_CHANNEL : `a:personal-${user.aadObjectId}`;
    const sent = where === 'channel'
      ? { ...activity, conversation: { id: `${STAFF_CHANNEL};messageid=${id}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: STAFF_CHANNEL } } }
      : activity;
    const before = connector.calls.length;
    const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent) });
    if (!response.ok) throw new Error(`the bot answered HTTP ${response.status}`);
    return connector.calls
      .slice(before)
      .filter((call: ConnectorCall) => call.method !== 'GET' && call.conversationId.startsWith(conversationId))
      .map((call) => ({ method: call.method, activityId: call.activityId, body: call.body }));
  }

  return {
    service,
    connector,
    say: (user, text, where = 'personal') => post(user, { text: where === 'channel' ? `<at>Alumni Bridge</at> ${text}` : text }, where),
    submit: (user, value, replyToId, where = 'personal') => post(user, { value, replyToId }, where),
    async stop() {
      await runSteps(silentLogger(), service.stopSteps);
      await connector.stop();
      await testDb.drop();
    },
  };
}

interface CardContent {
  body: Record<string, unknown>[];
  actions?: { title: string; data: { action: string; value: string } }[];
}

/** The Adaptive Card a sent activity carries, if any. */
export function cardIn(sent: Sent | undefined): CardContent | undefined {
  const attachments = (sent?.body.attachments ?? []) as { content: CardContent }[];
  return attachments[0]?.content;
}

/** What a person reads in what was sent: plain text, card texts, input labels and choice titles, button titles. */
export function readable(sent: readonly Sent[]): string {
  return sent
    .flatMap((one) => {
      const card = cardIn(one);
      const texts = (card?.body ?? []).flatMap((element) => [element.text, element.label, ...((element.choices as { title: string }[] | undefined) ?? []).map((choice) => choice.title)]);
      return [one.body.text, ...texts, ...(card?.actions ?? []).map((action) => action.title)];
    })
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .join('\n');
}

/** An input on a card, by id. */
export function inputOf(sent: Sent | undefined, id: string): Record<string, unknown> | undefined {
  return cardIn(sent)?.body.find((element) => element.id === id);
}
