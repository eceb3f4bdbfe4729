// Requests posted in staff channels: each channel shows its request cards and their thread
// lines in the order they were written, even when Slack refuses a post with 429 and the
// dispatcher works in small overlapping batches; every invitation arrives once.
import { WebClient } from '@slack/web-api';
import { loadConfig } from '../../../src/config.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { PrismaDispatchStore } from '../../../src/db/dispatch-store.ts';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher } from '../../../src/jobs/outbox-dispatcher.ts';
import { SlackMessenger } from '../../../src/platforms/slack/messenger.ts';
import { coreContext } from '../../../src/service.ts';
import { eventually } from '../../support/eventually.ts';
import { FAKE_TOKEN, FakeSlack } from '../../support/fake-slack.ts';
import { createFanout, type Fanout } from '../../support/fanout.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

describe('posts in a staff channel keep their order', () => {
  let db: TestDatabase;
  let database: Database;
  let slack: FakeSlack;
  let dispatcher: OutboxDispatcher | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
  });

  afterEach(async () => {
    await dispatcher?.stop();
    await database.close();
    await slack.stop();
    await db.drop();
  });

  /** The outbox keys of the posts in a channel, in the order Slack accepted them. */
  const postedIn = (channel: string) => slack.messagesIn(channel).map((message) => (message.metadata as { event_payload: { key: string } }).event_payload.key);

  it('shows cards and thread lines in the order written, through a 429, and every invitation once', async () => {
    const fanout: Fanout = await createFanout(db.url, 40, { requests: 4, channels: 2 });
    database = await openDatabase({ kind: 'postgres', url: db.url }, silentLogger(), { migrate: false });
    // Slack refuses the first post in one channel: the posts after it there must wait for it.
    slack.failNextIn('chat.postMessage', 'CSTAFF0', { status: 429, retryAfter: 1 });
    const ctx = coreContext(loadConfig({ DATABASE_URL: db.url, WORKING_HOURS: 'always' }), database);
    const messenger = new SlackMessenger(new WebClient(FAKE_TOKEN, { slackApiUrl: `${slack.url}/api/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }));
    dispatcher = new OutboxDispatcher(ctx, new PrismaDispatchStore(database.prisma), new Map([['slack', messenger]]), silentLogger(), {
      ...DEFAULT_DISPATCHER_OPTIONS,
      owner: 'instance-a',
      pollMs: 20,
      batchSize: 4,
      retryBaseMs: 10,
      throttle: { slack: { conversationMs: 1, workspaceMs: 1 } },
    });
    dispatcher.start();
    await eventually(() => expect(fanout.sendKeys.filter((key) => !slack.deliveries.has(key))).toEqual([]), 30_000);

    for (const channel of ['CSTAFF0', 'CSTAFF1']) {
      const posted = postedIn(channel);
      expect(posted.length).toBe(4); // two requests: a card and an "invited" thread line each
      expect(posted).toEqual([...posted].sort((a, b) => (fanout.rowIds.get(a)! < fanout.rowIds.get(b)! ? -1 : 1)));
    }
    expect(fanout.sendKeys.filter((key) => (slack.deliveries.get(key) ?? 0) > 1)).toEqual([]);
  });
});
