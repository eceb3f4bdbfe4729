// The dispatcher against a platform that hangs or a record that fails after the message went
// out: the real dispatcher, store and messengers on a real database, with fake Slack and a fake
// Bot Connector that answer late on purpose. A hung send does not hold up the others and is
// "maybe sent"; a send whose record failed is "maybe sent" too; and "maybe sent" means looked
// for before sending again (Slack), or recorded from the late answer (Teams), never sent twice.
import { WebClient } from '@slack/web-api';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { loadConfig } from '../../../src/config.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { PrismaDispatchStore } from '../../../src/db/dispatch-store.ts';
import type { Platform } from '../../../src/domain/vocabulary.ts';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher, type DispatcherOptions } from '../../../src/jobs/outbox-dispatcher.ts';
import { SlackMessenger } from '../../../src/platforms/slack/messenger.ts';
import { TeamsMessenger } from '../../../src/platforms/teams/messenger.ts';
import type { DispatchStore, Messenger } from '../../../src/ports.ts';
import { coreContext } from '../../../src/service.ts';
import { FakeConnector } from '../../support/fake-connector.ts';
import { FAKE_TOKEN, FakeSlack } from '../../support/fake-slack.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const OPTIONS: Partial<DispatcherOptions> = { pollMs: 60_000, sendTimeoutMs: 400, retryBaseMs: 10, throttle: {} };

describe('the dispatcher when a platform hangs or a record fails', () => {
  let db: TestDatabase;
  let database: Database;
  let slack: FakeSlack;
  let connector: FakeConnector;

  beforeEach(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ kind: 'postgres', url: db.url }, silentLogger(), { migrate: false });
    slack = await new FakeSlack().start();
    connector = await new FakeConnector().start();
  });

  afterEach(async () => {
    await database.close();
    await slack.stop();
    await connector.stop();
    await db.drop();
  });

  const prisma = () => database.prisma;

  function dispatcher(owner: string, platform: Platform, store: DispatchStore = new PrismaDispatchStore(prisma())): OutboxDispatcher {
    const messenger: Messenger =
      platform === 'slack'
        ? new SlackMessenger(new WebClient(FAKE_TOKEN, { slackApiUrl: `${slack.url}/api/`, retryConfig: { retries: 0 } }))
        : new TeamsMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '', {
            find: async (_tenant, userId) => ({ serviceUrl: `${connector.url}/`, channelId: 'msteams', conversation: { id: `a:personal-${userId}` } as never, user: { id: userId, name: userId }, bot: { id: '28:bot', name: 'bot' } }),
            findChannel: async () => null,
            save: async () => undefined,
            saveChannel: async () => undefined,
          });
    const ctx = coreContext(loadConfig({ DATABASE_URL: db.url, WORKING_HOURS: 'always' }), database);
    return new OutboxDispatcher(ctx, store, new Map([[platform, messenger]]), silentLogger(), { ...DEFAULT_DISPATCHER_OPTIONS, ...OPTIONS, owner });
  }

  /** A person with an identity on the platform and one direct message for them in the outbox. */
  async function queueDirect(platform: Platform, userId: string): Promise<string> {
    const workspaceId = platform === 'slack' ? 'T1' : 'tenant-1';
    const person = await prisma().person.create({ data: { displayName: userId, identities: { create: { platform, workspaceId, userId } } } });
    const key = `direct:${person.id}:hello`;
    await prisma().outboxMessage.create({
      data: {
        platform, kind: 'direct', card: { text: `Hei ${userId}` }, idempotencyKey: key, conversationKey: `${platform}:${workspaceId}:dm:${userId}`, workspaceKey: `${platform}:${workspaceId}`,
        target: { address: { kind: 'person', personId: person.id }, workspaceId }, personId: person.id,
      },
    });
    return key;
  }

  const row = (key: string) => prisma().outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });
  const makeDue = () => prisma().outboxMessage.updateMany({ where: { state: 'pending' }, data: { nextAttemptAt: new Date(Date.now() - 1_000) } });

  it('Slack: a send that never answers is "maybe sent"; the others go on, and it is found, not sent again', async () => {
    const hung = await queueDirect('slack', 'UHUNG');
    const others = [await queueDirect('slack', 'UA'), await queueDirect('slack', 'UB')];
    slack.delayNext('chat.postMessage', 60_000);
    const a = dispatcher('instance-a', 'slack');
    await a.pass();
    for (const key of others) expect((await row(key)).state).toBe('sent');
    expect(await row(hung)).toMatchObject({ state: 'pending', maybeSent: true });
    // Slack did get it. The next attempt (here by another instance) looks before sending.
    expect(slack.deliveries.get(hung)).toBe(1);
    await makeDue();
    await dispatcher('instance-b', 'slack').pass();
    expect((await row(hung)).state).toBe('sent');
    expect(slack.deliveries.get(hung)).toBe(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('Slack: a send whose record failed is "maybe sent", and another instance does not send it again', async () => {
    const key = await queueDirect('slack', 'UOLA');
    const store = new PrismaDispatchStore(prisma());
    let failOnce = true;
    const failing: DispatchStore = Object.assign(Object.create(store) as DispatchStore, {
      markSent: async (...args: Parameters<DispatchStore['markSent']>) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('Connection terminated unexpectedly');
        }
        return store.markSent(...args);
      },
    });
    await dispatcher('instance-a', 'slack', failing).pass();
    expect(await row(key)).toMatchObject({ state: 'pending', maybeSent: true, attempts: 1 });
    await makeDue();
    await dispatcher('instance-b', 'slack').pass();
    expect((await row(key)).state).toBe('sent');
    expect(slack.deliveries.get(key)).toBe(1);
  });

  it('Teams: a send answered too late is recorded from the late answer, not posted again', async () => {
    const key = await queueDirect('teams', 'aad-ola');
    connector.delayNext(1_000);
    const a = dispatcher('instance-a', 'teams');
    await a.pass();
    expect(await row(key)).toMatchObject({ state: 'pending', maybeSent: true });
    // The answer comes after the dispatcher stopped waiting; the next attempt uses it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await makeDue();
    await a.pass();
    expect((await row(key)).state).toBe('sent');
    expect(connector.calls.filter((call) => call.method === 'POST' && call.conversationId === 'a:personal-aad-ola')).toHaveLength(1);
  });
});
