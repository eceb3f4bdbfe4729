// The Bot Framework Emulator against the bot in unauthenticated local mode: activities shaped
// exactly as the Emulator sends them (channelId "emulator", no channelData.tenant, no conversation
// type, GUID ids, a serviceUrl on localhost). The person is answered, and lands in the local workspace.
import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/eventually.ts';
import { FakeConnector } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';

const USER = { id: randomUUID(), name: 'User', role: 'user' };
const BOT = { id: randomUUID(), name: 'Bot', role: 'bot' };
const CONVERSATION = `${randomUUID()}|livechat`;

/** An activity as Bot Framework Emulator 4.x posts it to /api/messages. */
function emulatorActivity(serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    channelData: { clientActivityID: `${Date.now()}${Math.random().toString(36).slice(2, 12)}`, clientTimestamp: now },
    channelId: 'emulator',
    conversation: { id: CONVERSATION },
    entities: [{ requiresBotState: true, supportsListening: true, supportsTts: true, type: 'ClientCapabilities' }],
    from: USER,
    id: randomUUID(),
    locale: 'en-US',
    localTimestamp: now,
    localTimezone: 'Europe/Oslo',
    recipient: BOT,
    serviceUrl,
    timestamp: now,
    ...fields,
  };
}

describe('the Bot Framework Emulator (unauthenticated local mode)', () => {
  let h: SlackHarness;
  let emulator: FakeConnector;

  beforeEach(async () => {
    h = await startSlackHarness();
    emulator = await new FakeConnector().start();
  });

  afterEach(async () => {
    await emulator.stop();
    await h.stop();
  });

  const post = (fields: Record<string, unknown>) =>
    fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(emulatorActivity(emulator.url.replace('127.0.0.1', 'localhost'), fields)) });
  const said = () => emulator.activitiesIn(CONVERSATION).map((call) => JSON.stringify(call.body));

  it('welcomes the Emulator user with the consent card, and answers what they type', async () => {
    const joined = await post({ type: 'conversationUpdate', membersAdded: [BOT, USER] });
    expect(joined.status).toBe(200);
    await eventually(() => expect(said().join('\n')).toContain('"action":"give_consent"'));

    const consent = await post({ type: 'message', value: { action: 'give_consent', value: '', purposes: 'mentoring' } });
    expect(consent.status).toBe(200);
    await eventually(() => expect(said().length).toBeGreaterThanOrEqual(2));

    await post({ type: 'message', text: 'profile' });
    await eventually(() => expect(said().at(-1)).toContain('mentoring'));
    const identity = await h.service.database.prisma.platformIdentity.findFirstOrThrow({ where: { platform: 'teams', userId: USER.id } });
    expect(identity.workspaceId).toBe('local');
  });
});
