// The database goes away and comes back while the real service process works: the PostgreSQL
// connection runs through a proxy the test cuts and restores (the shared server is never
// stopped). Sending goes on after the outage without a restart, without a loss or a duplicate;
// a Slack event that arrives during the outage is refused with 503 (so Slack sends it again)
// instead of being acknowledged and lost; an event acknowledged by an instance that then dies
// is still acted on, once.
import pg from 'pg';
import { eventually } from '../support/eventually.ts';
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createFanout, type Fanout } from '../support/fanout.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { postEvent, SIGNING_SECRET } from '../support/slack-requests.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a database outage', () => {
  let db: TestDatabase;
  let proxy: ReturnType<typeof TcpProxy.forUrl>;
  let slack: FakeSlack;
  const running = new Set<ServiceProcess>();

  beforeEach(async () => {
    db = await createTestDatabase();
    proxy = await TcpProxy.forUrl(db.url).start();
    slack = await new FakeSlack().start();
  });

  afterEach(async () => {
    for (const service of running) service.child.kill('SIGKILL');
    await Promise.all([...running].map((service) => service.exited));
    running.clear();
    await proxy.stop();
    await slack.stop();
    await db.drop();
  });

  function instance(env: Record<string, string> = {}): ServiceProcess {
    const service = startServiceProcess({
      DATABASE_URL: proxy.url(),
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      OUTBOX_POLL_MS: '50',
      OUTBOX_LEASE_MS: '2000',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_MAX_ATTEMPTS: '30',
      SLACK_CHANNEL_RATE: '1000',
      WORKING_HOURS: 'always',
      ...env,
    });
    running.add(service);
    void service.exited.then(() => running.delete(service));
    return service;
  }

  async function count(sql: string): Promise<number> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(sql)).rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

  it('keeps sending after the database comes back: the process lives, nothing is lost or sent twice', async () => {
    const fanout: Fanout = await createFanout(db.url, 60);
    // Ten messages a second: the outage surely comes while invitations are going out.
    const service = instance({ SLACK_WORKSPACE_RATE: '10' });
    const port = await service.listening;
    await eventually(() => expect(slack.deliveries.size).toBeGreaterThanOrEqual(10), 30_000, 50);
    await proxy.cut();
    await sleep(3_000);
    expect(await health(port)).toBe(503);
    expect(slack.deliveries.size).toBeLessThan(60);
    await proxy.restore();
    await eventually(async () => expect(await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE state = 'pending'`)).toBe(0), 60_000, 250);
    expect(service.child.exitCode).toBeNull();
    expect(await health(port)).toBe(200);
    const missing = fanout.invitationKeys.filter((key) => !slack.deliveries.has(key));
    const doubled = fanout.invitationKeys.filter((key) => (slack.deliveries.get(key) ?? 0) > 1);
    expect({ missing: missing.length, doubled: doubled.length }).toEqual({ missing: 0, doubled: 0 });
    // One line when the outage began and one when it ended, not one per attempt.
    expect(service.stdout().split('\n').filter((line) => line.includes('database unavailable; outbox dispatcher keeps trying'))).toHaveLength(1);
    expect(service.stdout()).toContain('database available again; outbox dispatcher goes on');
  });

  it('starts when the database comes up while the start waits for it', async () => {
    await proxy.cut();
    const service = instance();
    await eventually(() => expect(service.stdout()).toContain('the database does not answer yet; waiting for it'), 20_000, 100);
    await sleep(1_000);
    await proxy.restore();
    const port = await service.listening;
    expect(await health(port)).toBe(200);
  });

  const teamJoin = (eventId: string, userId: string) => ({ token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1, event: { type: 'team_join', user: { id: userId, name: 'nina' } } });
  const welcomes = (userId: string) => slack.callsTo('chat.postMessage').filter((call) => call.params.channel === userId).length;

  it('refuses an event with 503 while the database is down, and acts on its retry once', async () => {
    slack.addUser({ id: 'UNINA', name: 'Nina', email: 'nina@alumni.example' });
    const port = await instance().listening;
    const base = `http://127.0.0.1:${port}`;
    await proxy.cut();
    expect((await postEvent(base, teamJoin('EvOutage1', 'UNINA'))).status).toBe(503);
    await proxy.restore();
    // Slack sends the event again (the same event_id) until it gets a 200.
    await eventually(async () => expect((await postEvent(base, teamJoin('EvOutage1', 'UNINA'))).status).toBe(200), 30_000, 500);
    await eventually(() => expect(welcomes('UNINA')).toBe(1), 20_000);
    // A later retry is acknowledged and not acted on again.
    expect((await postEvent(base, teamJoin('EvOutage1', 'UNINA'))).status).toBe(200);
    await sleep(1_000);
    expect(welcomes('UNINA')).toBe(1);
  });

  it('acts once on an event whose instance died after acknowledging it', async () => {
    slack.addUser({ id: 'UPER', name: 'Per', email: 'per@alumni.example' });
    // The first instance is slow to learn who Per is, and dies while it waits.
    slack.delayNext('users.info', 5_000);
    const first = instance();
    const port = await first.listening;
    expect((await postEvent(`http://127.0.0.1:${port}`, teamJoin('EvCrash1', 'UPER'))).status).toBe(200);
    await eventually(() => expect(slack.callsTo('users.info').length).toBeGreaterThan(0), 10_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(welcomes('UPER')).toBe(0);
    await instance().listening;
    await eventually(() => expect(welcomes('UPER')).toBe(1), 30_000, 100);
    await sleep(1_000);
    expect(welcomes('UPER')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM inbox_events WHERE state = 'done'`)).toBe(1);
  });
});
