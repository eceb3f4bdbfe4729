// Any lease the configuration accepts works: with OUTBOX_LEASE_MS at its minimum (1 s) and the
// default rates, a fan-out still goes out at the workspace rate, each message once. (Before,
// rows whose throttle slot lay beyond half the lease were given back with their slot reserved,
// pushing the slots ever further ahead: 12 of 150 messages in 40 s.)
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createFanout } from '../support/fanout.ts';
import { eventually } from '../support/eventually.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

jest.setTimeout(120_000);

describe('a short outbox lease', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
  });

  afterEach(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    await slack.stop();
    await db.drop();
  });

  it('delivers 150 invitations once each with OUTBOX_LEASE_MS=1000', async () => {
    const fanout = await createFanout(db.url, 150);
    service = startServiceProcess({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      OUTBOX_LEASE_MS: '1000',
      WORKING_HOURS: 'always',
    });
    await service.listening;
    // At the default 20 messages a second this takes about 8 s; the limit only keeps a broken run from hanging.
    await eventually(() => expect(fanout.invitationKeys.filter((key) => slack.deliveries.has(key))).toHaveLength(150), 60_000, 200);
    expect(fanout.invitationKeys.filter((key) => (slack.deliveries.get(key) ?? 0) > 1)).toEqual([]);
  });
});
