// Delivery that loses nothing and sends nothing twice, tested on real processes: a fan-out of
// 1,000 invitations sent by service instances that are killed (SIGKILL) at random moments and
// restarted, run two at a time, stopped with SIGTERM half-way, and faced with a Slack that fails
// a third of its calls. The fake Slack counts every accepted message by its outbox key.
import pg from 'pg';
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createFanout, type Fanout } from '../support/fanout.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { SIGNING_SECRET } from '../support/slack-requests.ts';

jest.setTimeout(120_000);

const INVITATIONS = 1_000;

describe('delivery across crashes and instances', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let fanout: Fanout;
  const running = new Set<ServiceProcess>();

  beforeEach(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
    fanout = await createFanout(db.url, INVITATIONS);
  });

  afterEach(async () => {
    for (const service of running) service.child.kill('SIGKILL');
    await Promise.all([...running].map((service) => service.exited));
    running.clear();
    await slack.stop();
    await db.drop();
  });

  function instance(env: Record<string, string> = {}): ServiceProcess {
    const service = startServiceProcess({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      OUTBOX_POLL_MS: '20',
      OUTBOX_LEASE_MS: '1500',
      OUTBOX_RETRY_BASE_MS: '50',
      OUTBOX_MAX_ATTEMPTS: '30',
      SLACK_CHANNEL_RATE: '1000',
      SLACK_WORKSPACE_RATE: '5000',
      WORKING_HOURS: 'always',
      ...env,
    });
    running.add(service);
    void service.exited.then(() => running.delete(service));
    return service;
  }

  async function pending(): Promise<number> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE state = 'pending'`);
    await client.end();
    return rows[0]!.n;
  }

  async function untilDrained(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await pending()) > 0) {
      if (Date.now() > deadline) throw new Error(`still ${await pending()} messages pending`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function expectEachInvitationOnce(): void {
    const missing = fanout.invitationKeys.filter((key) => !slack.deliveries.has(key));
    const doubled = fanout.invitationKeys.filter((key) => (slack.deliveries.get(key) ?? 0) > 1);
    expect({ missing: missing.length, doubled: doubled.length }).toEqual({ missing: 0, doubled: 0 });
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('delivers every invitation exactly once through random SIGKILLs and restarts', async () => {
    for (let crash = 0; crash < 4; crash += 1) {
      const service = instance();
      await service.listening;
      await sleep(150 + Math.random() * 400);
      service.child.kill('SIGKILL');
      await service.exited;
    }
    expect(slack.deliveries.size).toBeLessThan(INVITATIONS + 2);
    await instance().listening;
    await untilDrained();
    expectEachInvitationOnce();
  });

  it('shares the work between two instances without a duplicate or a loss', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.listening, b.listening]);
    await untilDrained();
    expectEachInvitationOnce();
  });

  it('gets through a Slack that fails a third of its calls with 429 and 5xx', async () => {
    slack.failEvery('chat.postMessage', 3, { status: 503 });
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await instance().listening;
    await untilDrained();
    expectEachInvitationOnce();
  });

  it('stops cleanly on SIGTERM half-way, and a restart finishes the job', async () => {
    // Slow enough (200/s) that half-way is a moment that surely comes.
    const first = instance({ SLACK_WORKSPACE_RATE: '200' });
    await first.listening;
    await sleep(1_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await pending()).toBeGreaterThan(0);
    await instance().listening;
    await untilDrained();
    expectEachInvitationOnce();
  });
});
